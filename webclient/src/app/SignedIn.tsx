import { useEffect, useState } from 'preact/hooks';
import type { SessionInfo } from '../api/types';
import type { LiveController } from '../live/liveController';
import { StaffHome } from '../staff/StaffHome';
import { AgentToolbar } from '../toolbar/AgentToolbar';

interface Props {
  session: SessionInfo;
  /** Creates the live controller (push channel + agent state) for this sign-in. */
  createLive: (session: SessionInfo) => LiveController;
  onLogout: () => Promise<void>;
}

/** A signed-in user's page; owns the live controller for as long as it is shown. */
export function SignedIn({ session, createLive, onLogout }: Props) {
  const [live] = useState(() => createLive(session));
  useEffect(() => {
    live.start();
    return () => live.stop();
  }, [live]);

  if (session.user.role === 'agent' && session.agent) {
    return <AgentToolbar session={session} live={live} onLogout={onLogout} />;
  }
  return <StaffHome session={session} live={live} onLogout={onLogout} />;
}
