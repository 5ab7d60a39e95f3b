import { useEffect, useState } from 'preact/hooks';
import { ApiClient } from '../api/client';
import type { DispositionGiven, SessionInfo } from '../api/types';
import { dispositionBlocks } from '../aftercall/lastCall';
import { browserNotification } from '../alerts/notifier';
import { Agenda } from '../callbacks/Agenda';
import { MyCalls } from '../history/MyCalls';
import { callbackApi, CallbacksController } from '../callbacks/callbacksController';
import { Reminders } from '../callbacks/Reminders';
import { notifyDue } from '../callbacks/reminderNotification';
import { ConferenceController, conferenceApi } from '../calls/conference';
import { offeredActions } from '../agent/presentation';
import type { Alerts } from '../alerts/alerts';
import { currentCall } from '../calls/callBook';
import type { CallEffects } from '../calls/callEffects';
import { AlertRegion } from '../components/AlertRegion';
import { LogoutButton } from '../components/LogoutButton';
import { PageHeading } from '../components/PageHeading';
import type { LiveController } from '../live/liveController';
import type { PhoneKit } from '../phone/phoneKit';
import { PhonePanel } from '../phone/ui/PhonePanel';
import { useStore } from '../util/hooks';
import { AfterCallWork } from './AfterCallWork';
import { CallPanel } from './CallPanel';
import { ConnectionIndicator } from './ConnectionIndicator';
import { PbxIndicator } from './PbxIndicator';
import { NotificationPermission } from './NotificationPermission';
import { NotReadyControl } from './NotReadyControl';
import { StateDisplay } from './StateDisplay';
import { WrapupPanel } from './WrapupPanel';
import { CallControlProvider, WrapupRecordingNote } from '../callcontrol/CallControlProvider';

interface Props {
  session: SessionInfo;
  live: LiveController;
  calls: CallEffects;
  alerts: Alerts;
  /** The webphone (absent in tests that only look at the toolbar). */
  phone?: PhoneKit | null;
  onLogout: () => Promise<void>;
}

/** The agent's toolbar: identity, state, call, state actions and logout. */
export function AgentToolbar({ session, live, calls, alerts, phone, onLogout }: Props) {
  const view = useStore(live.view);
  const [conference] = useState(
    () => new ConferenceController(conferenceApi(new ApiClient(() => live.currentToken())), live),
  );
  useEffect(() => () => conference.stop(), [conference]);
  const popup = useStore(calls.popup);
  const call = currentCall(view.calls, view.agentState);
  const { agentState: state, skewMs, busy } = view;
  // the server is out of reach: what is shown may be out of date, and no state action can be sent
  const stale = view.staleSince != null;
  const { user, tenant, agent, config } = session;
  const actions = offeredActions(state, config.allowEndWrapupEarly);
  // after-call work: dispositions and the agent's callbacks (see toolbar/AfterCallWork, callbacks/)
  const [api] = useState(() => new ApiClient(() => live.currentToken()));
  const [callbacks] = useState(
    () =>
      new CallbacksController({
        api: callbackApi(api),
        live,
        now: () => Date.now() + live.view.get().skewMs,
        notify: (c) => notifyDue(browserNotification(), () => window.focus(), c),
      }),
  );
  useEffect(() => {
    callbacks.start();
    return () => callbacks.stop();
  }, [callbacks]);
  const give = (callId: string, code: string, note: string) =>
    live.authorized(() =>
      api.request<DispositionGiven>('PUT', `/api/calls/${encodeURIComponent(callId)}/disposition`, { code, note }),
    );
  const blocked = dispositionBlocks(state);
  const canDial = state != null && state.status !== 'LOGGED_OUT' && !state.call && !state.wrapupEndsAt;

  return (
    <CallControlProvider
      live={live}
      ownAgentId={agent?.id ?? null}
      resume={phone ? () => phone.phone.resume() : undefined}
    >
      <main class="toolbar-page">
        <header class="toolbar">
          <div class="identity">
            <PageHeading>{user.displayName}</PageHeading>
            <dl class="facts">
              <div>
                <dt>Extension</dt>
                <dd data-testid="extension">{agent?.extension ?? '—'}</dd>
              </div>
              <div>
                <dt>Agent</dt>
                <dd data-testid="agent-number">{agent?.number ?? '—'}</dd>
              </div>
              <div>
                <dt>Tenant</dt>
                <dd title={tenant.domain}>{tenant.name}</dd>
              </div>
            </dl>
          </div>
          <NotificationPermission notifier={alerts.notifier} enabled={config.ringNotification !== false} />
          <ConnectionIndicator status={view.connection} />
          <PbxIndicator up={view.pbxUp} />
          <LogoutButton onLogout={onLogout} onError={(m) => live.showAlert(m)} />
        </header>

        <section class="agent-panel" aria-label="Agent state">
          {stale && (
            <p class="stale-note" role="alert" data-testid="state-stale">
              Connection lost — state may be out of date
            </p>
          )}
          {state ? (
            <StateDisplay state={state} skewMs={skewMs} frozenAt={view.staleSince} />
          ) : (
            <p class="muted">Loading state…</p>
          )}
          {/* a persistent live region, so a call appearing (ringing) is announced */}
          <div aria-live="polite" class="call-slot">
            {call && (
              <CallPanel
                call={call}
                skewMs={skewMs}
                keys={config.attachedDataKeys ?? []}
                popup={popup}
                conference={conference}
              />
            )}
          </div>
          {!call && <WrapupRecordingNote />}
          {state?.wrapupEndsAt && (
            <WrapupPanel
              wrapupEndsAt={state.wrapupEndsAt}
              skewMs={skewMs}
              canEndEarly={actions.endWrapup}
              busy={busy || blocked || stale}
              waitingForDisposition={blocked}
              onEnd={() => void live.endWrapup()}
            />
          )}
          <AfterCallWork state={state} calls={view.calls} config={config} callbacks={callbacks} give={give} />
          <div class="actions">
            {actions.ready && (
              <button
                type="button"
                class="ready-button"
                disabled={busy || blocked || stale}
                aria-describedby={blocked ? 'disposition-reason' : undefined}
                onClick={() => void live.ready()}
              >
                Ready
              </button>
            )}
            {actions.notReady && (
              <NotReadyControl
                reasons={config.notReadyReasons}
                currentCode={
                  state?.status === 'NOT_READY' || state?.status === 'PENDING_NOT_READY'
                    ? (state.reason?.code ?? null)
                    : null
                }
                busy={busy || stale}
                onSelect={(code) => void live.notReady(code)}
              />
            )}
          </div>
          <AlertRegion message={view.alert} onDismiss={() => live.showAlert(null)} />
          <Reminders controller={callbacks} canDial={canDial} />
        </section>

        <Agenda controller={callbacks} canDial={canDial} />
        <MyCalls session={session} live={live} />

        {phone && agent && (
          <PhonePanel
            phone={phone.phone}
            devices={phone.devices}
            agentStatus={state?.status ?? null}
            ownAgentId={agent.id}
            loadDirectory={phone.loadDirectory}
          />
        )}
      </main>
    </CallControlProvider>
  );
}
