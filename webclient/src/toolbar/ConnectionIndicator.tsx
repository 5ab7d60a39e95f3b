import type { PushStatus } from '../push/pushClient';

const TEXT: Record<PushStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  stopped: 'Disconnected',
};

/** Health of the push channel (live updates). */
export function ConnectionIndicator({ status }: { status: PushStatus }) {
  return (
    <span class={`connection connection-${status}`} role="status" aria-label={`Live updates: ${TEXT[status]}`}>
      <span class="connection-dot" aria-hidden="true" />
      {TEXT[status]}
    </span>
  );
}
