import { useEffect } from 'preact/hooks';
import type { PhoneKit } from '../phone/phoneKit';
import { PHASE_TEXT, registrationText } from '../phone/phoneState';
import { useStore } from '../util/hooks';
import { isMonitoringCall } from './monitorPhone';
import type { TeamController } from './teamController';

/**
 * The supervisor's own webphone, for monitoring: its registration, the call in progress with Mute and Hang up, and
 * the monitoring call the supervisor asked for answered by itself.
 */
export function SupervisorPhone({ phone, team }: { phone: PhoneKit; team: TeamController }) {
  const view = useStore(phone.phone.view);
  useEffect(() => {
    const answerIfAsked = () => {
      if (isMonitoringCall(team.view.get().pendingMonitor, phone.phone.view.get().call, Date.now())) {
        phone.phone.answer();
      }
    };
    const stopPhone = phone.phone.view.subscribe(answerIfAsked);
    const stopTeam = team.view.subscribe(answerIfAsked);
    return () => {
      stopPhone();
      stopTeam();
    };
  }, [phone, team]);
  const call = view.call;
  return (
    <section class="supervisor-phone" aria-label="Your phone">
      <span class="muted" role="status" data-testid="supervisor-phone-status">
        {registrationText(view.registration)}
      </span>
      {call && (
        <>
          <span data-testid="supervisor-phone-call">
            {PHASE_TEXT[call.phase]} · {call.remoteName || call.remoteNumber}
          </span>
          {call.phase === 'ringing' && (
            <button type="button" class="primary" onClick={() => phone.phone.answer()}>
              Answer
            </button>
          )}
          {call.phase === 'active' && (
            <button type="button" aria-pressed={call.muted} onClick={() => phone.phone.toggleMute()}>
              {call.muted ? 'Unmute' : 'Mute'}
            </button>
          )}
          <button type="button" onClick={() => phone.phone.hangUp()}>
            Hang up
          </button>
        </>
      )}
      {view.notice && <span class="muted">{view.notice}</span>}
    </section>
  );
}
