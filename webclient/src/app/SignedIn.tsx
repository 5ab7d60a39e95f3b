import { useEffect, useState } from 'preact/hooks';
import type { SessionInfo } from '../api/types';
import type { Alerts } from '../alerts/alerts';
import { RingAlert, ringFlags } from '../alerts/ringAlert';
import { CallEffects } from '../calls/callEffects';
import { browserPopupOpener } from '../calls/popup';
import type { LiveController } from '../live/liveController';
import type { PhoneKit } from '../phone/phoneKit';
import type { Ring } from '../alerts/ringAlert';
import { StaffHome } from '../staff/StaffHome';
import { AdminShell } from './AdminShell';
import { AgentToolbar } from '../toolbar/AgentToolbar';
import { ApiClient } from '../api/client';
import { Reattacher } from '../phone/reattach';

interface Props {
  session: SessionInfo;
  /** Creates the live controller (push channel + agent state) for this sign-in. */
  createLive: (session: SessionInfo) => LiveController;
  /** Creates the webphone of an agent; `ring` reports its incoming calls to the shared ring alert. */
  createPhone: (session: SessionInfo, ring: (ring: Ring | null) => void) => PhoneKit;
  alerts: Alerts;
  onLogout: () => Promise<void>;
}

/** A signed-in user's page; owns the live controller (and, for agents, the call effects) while shown. */
export function SignedIn({ session, createLive, createPhone, alerts, onLogout }: Props) {
  const [live] = useState(() => createLive(session));
  const [ring] = useState(() => new RingAlert(alerts.ringer, alerts.notifier, ringFlags(session.config)));
  const [calls] = useState(() => new CallEffects(live, ring, browserPopupOpener()));
  const isAgent = session.user.role === 'agent' && session.agent != null;
  // agents' phones, and supervisors' and admins' own phones (monitoring); the server refuses users without one
  const [phone] = useState(() =>
    isAgent || session.user.role !== 'agent' ? createPhone(session, (r) => ring.set('phone', r)) : null,
  );
  useEffect(() => {
    live.start();
    if (isAgent) calls.start();
    // the webphone registers by itself, with no agent input
    phone?.phone.start();
    return () => {
      phone?.phone.stop();
      calls.stop();
      ring.stopAll();
      live.stop();
    };
  }, [live, calls, ring, phone, isAgent]);
  // reload survival: a call kept for this agent's page while it reloaded is asked back once the phone is up
  useEffect(() => {
    if (!isAgent || !phone) return undefined;
    const api = new ApiClient(() => live.currentToken());
    const reattacher = new Reattacher(live, phone.phone, (callId) =>
      api.request('POST', `/api/calls/${encodeURIComponent(callId)}/reattach`),
    );
    reattacher.start();
    return () => reattacher.stop();
  }, [live, phone, isAgent]);

  if (isAgent) {
    return (
      <AgentToolbar session={session} live={live} calls={calls} alerts={alerts} phone={phone} onLogout={onLogout} />
    );
  }
  if (session.user.role === 'admin' || session.user.role === 'supervisor') {
    return <AdminShell session={session} live={live} phone={phone} onLogout={onLogout} />;
  }
  return <StaffHome session={session} live={live} phone={phone} onLogout={onLogout} />;
}
