// Which call the after-call work is about: the agent's current call, or the last one it was on. Pure.
import type { AgentStateView } from '../api/types';
import type { CallBook } from '../calls/callBook';

export interface LastCall {
  callId: string;
  /** The caller (or the number dialled), when its offer was seen; '' otherwise. */
  callerNumber: string;
  callerName: string;
}

/** The call to dispose of, following the agent state and the offers. */
export function trackLastCall(
  previous: LastCall | null,
  state: AgentStateView | null,
  book: CallBook,
): LastCall | null {
  const id = state?.call?.callId ?? state?.dispositionOwed ?? null;
  if (!id) return previous;
  const offer = book[id]?.offer;
  const known = previous?.callId === id ? previous : null;
  const callerNumber = offer?.callerNumber || known?.callerNumber || '';
  const callerName = offer?.callerName || known?.callerName || '';
  if (known && known.callerNumber === callerNumber && known.callerName === callerName) return known;
  return { callId: id, callerNumber, callerName };
}

/** Leaving wrap-up waits for the disposition of this call (the tenant requires one). */
export function dispositionBlocks(state: Pick<AgentStateView, 'dispositionOwed'> | null): boolean {
  return state?.dispositionOwed != null;
}
