// Pure mapping from an agent state to what the toolbar shows and offers.
import type { AgentStateView, AgentStatus, CallKind, CallState } from '../api/types';

export type Tone = 'ready' | 'not-ready' | 'wrapup' | 'pending' | 'logged-out';

export function statusTone(status: AgentStatus): Tone {
  switch (status) {
    case 'READY':
      return 'ready';
    case 'NOT_READY':
      return 'not-ready';
    case 'WRAPUP':
      return 'wrapup';
    case 'PENDING_NOT_READY':
      return 'pending';
    case 'LOGGED_OUT':
      return 'logged-out';
  }
}

/** The one-line text of the current state, e.g. "Not Ready: Lunch". */
export function statusText(state: Pick<AgentStateView, 'status' | 'reason'>): string {
  const reason = state.reason?.label;
  switch (state.status) {
    case 'READY':
      return 'Ready';
    case 'NOT_READY':
      return reason ? `Not Ready: ${reason}` : 'Not Ready';
    case 'WRAPUP':
      return 'Wrap-up';
    case 'PENDING_NOT_READY':
      return reason ? `Not Ready pending: ${reason}` : 'Not Ready pending';
    case 'LOGGED_OUT':
      return 'Logged out';
  }
}

/** The system reason the server gives an agent whose last page was gone for a while (docs/webphone.md). */
export const DISCONNECTED_REASON = 'disconnected';

/**
 * What the page tells an agent whose state the server changed while no page of theirs was open: the agent comes
 * back to Not Ready and must know why (and that only they can go Ready again). Null when there is nothing to say.
 */
export function absenceNotice(state: Pick<AgentStateView, 'status' | 'reason'> | null): string | null {
  if (state?.reason?.code !== DISCONNECTED_REASON) return null;
  if (state.status === 'NOT_READY') return 'You were set Not Ready: your browser was disconnected.';
  if (state.status === 'PENDING_NOT_READY') {
    return 'Your browser was disconnected: you will be Not Ready when this call or wrap-up ends.';
  }
  return null;
}

export const CALL_KIND_TEXT: Record<CallKind, string> = {
  QUEUE: 'Queue call',
  DIRECT: 'Direct call',
  OUTBOUND: 'Outbound call',
};

export const CALL_STATE_TEXT: Record<CallState, string> = {
  RINGING: 'Ringing',
  TALKING: 'Talking',
  HELD: 'On hold',
  DIALING: 'Dialing',
};

export interface OfferedActions {
  ready: boolean;
  notReady: boolean;
  endWrapup: boolean;
}

/**
 * Which state buttons the toolbar offers. This only avoids offering the obviously
 * impossible; the server stays the authority and its refusals are shown as they come.
 *
 * - NOT_READY: Ready, or Not Ready with another reason.
 * - READY: Not Ready (with a call in progress the server makes it pending).
 * - WRAPUP: Not Ready (becomes pending until wrap-up ends); End wrap-up if the tenant allows it.
 * - PENDING_NOT_READY: Ready (cancels the pending request) or another reason; End wrap-up
 *   while a wrap-up is still running and the tenant allows it.
 * - LOGGED_OUT: nothing (only Logout).
 */
export function offeredActions(
  state: Pick<AgentStateView, 'status' | 'wrapupEndsAt'> | null,
  allowEndWrapupEarly: boolean,
): OfferedActions {
  const none = { ready: false, notReady: false, endWrapup: false };
  if (!state) return none;
  switch (state.status) {
    case 'NOT_READY':
      return { ready: true, notReady: true, endWrapup: false };
    case 'READY':
      return { ready: false, notReady: true, endWrapup: false };
    case 'WRAPUP':
      return { ready: false, notReady: true, endWrapup: allowEndWrapupEarly };
    case 'PENDING_NOT_READY':
      return { ready: true, notReady: true, endWrapup: allowEndWrapupEarly && state.wrapupEndsAt != null };
    case 'LOGGED_OUT':
      return none;
  }
}

/**
 * Whether `incoming` may replace `current`. HTTP answers and push events can cross each
 * other; a view produced earlier by the server (older `serverTime`) never overwrites a newer one.
 */
export function isNewerOrSame(current: AgentStateView | null, incoming: AgentStateView): boolean {
  if (!current) return true;
  const a = Date.parse(current.serverTime);
  const b = Date.parse(incoming.serverTime);
  if (Number.isNaN(a) || Number.isNaN(b)) return true;
  return b >= a;
}
