// Pure bookkeeping of the call offers pushed by the server (`call.offer`, `call.data`), joined
// with the agent state's call overlay to give the call the toolbar shows.
import type { AgentStateView, AttachedDataItem, CallKind, CallOffer, CallState } from '../api/types';

/** An offer the agent state never confirmed (RINGING) is dropped after this long. */
export const UNCONFIRMED_OFFER_TTL_MS = 60_000;

export interface TrackedOffer {
  offer: CallOffer;
  /** Local clock when the offer arrived. */
  receivedAt: number;
  /** The agent state has shown this call (so its disappearing from the state ends it). */
  confirmed: boolean;
}

/** Offers by call id. Never mutated: every function returns a new book (or the same one if unchanged). */
export type CallBook = Readonly<Record<string, TrackedOffer>>;

export const EMPTY_BOOK: CallBook = {};

/** Attached data ordered by the tenant's positions; a later item for a position replaces an earlier one. */
export function mergeAttachedData(current: AttachedDataItem[], added: AttachedDataItem[]): AttachedDataItem[] {
  const byPosition = new Map<number, AttachedDataItem>();
  for (const item of [...current, ...added]) {
    if (!item || typeof item.position !== 'number') continue;
    byPosition.set(item.position, {
      position: item.position,
      key: String(item.key ?? ''),
      value: item.value == null ? '' : String(item.value),
    });
  }
  return [...byPosition.values()].sort((a, b) => a.position - b.position);
}

export function addOffer(book: CallBook, offer: CallOffer, now: number, state: AgentStateView | null): CallBook {
  const previous = book[offer.callId];
  const attachedData = mergeAttachedData(previous?.offer.attachedData ?? [], offer.attachedData ?? []);
  return {
    ...book,
    [offer.callId]: {
      offer: { ...offer, attachedData },
      receivedAt: previous?.receivedAt ?? now,
      confirmed: previous?.confirmed === true || state?.call?.callId === offer.callId,
    },
  };
}

/** `call.data` for a call the book does not hold (ended, or never offered to this tab) is ignored. */
export function addData(book: CallBook, callId: string, data: AttachedDataItem[]): CallBook {
  const tracked = book[callId];
  if (!tracked) return book;
  return {
    ...book,
    [callId]: {
      ...tracked,
      offer: { ...tracked.offer, attachedData: mergeAttachedData(tracked.offer.attachedData, data) },
    },
  };
}

/**
 * Brings the book in line with a new agent state: the state's call becomes confirmed; a confirmed
 * call the state no longer shows is over; an unconfirmed offer expires after {@link UNCONFIRMED_OFFER_TTL_MS}.
 */
export function reconcile(book: CallBook, state: AgentStateView | null, now: number): CallBook {
  const current = state?.call?.callId ?? null;
  let changed = false;
  const next: Record<string, TrackedOffer> = {};
  for (const [callId, tracked] of Object.entries(book)) {
    if (callId === current) {
      next[callId] = tracked.confirmed ? tracked : { ...tracked, confirmed: true };
      changed ||= !tracked.confirmed;
    } else if (tracked.confirmed || now - tracked.receivedAt >= UNCONFIRMED_OFFER_TTL_MS) {
      changed = true;
    } else {
      next[callId] = tracked;
    }
  }
  return changed ? next : book;
}

/** When the earliest unconfirmed offer expires (local clock), or null. */
export function nextExpiry(book: CallBook): number | null {
  let at: number | null = null;
  for (const t of Object.values(book)) {
    if (!t.confirmed) at = Math.min(at ?? Infinity, t.receivedAt + UNCONFIRMED_OFFER_TTL_MS);
  }
  return at;
}

/** The call the toolbar shows: the agent state's call with its offer, else the newest pending offer (ringing). */
export interface CurrentCall {
  callId: string;
  kind: CallKind;
  state: CallState;
  /** Server-clock instant the state began. */
  since: string;
  offer: CallOffer | null;
}

export function currentCall(book: CallBook, state: AgentStateView | null): CurrentCall | null {
  const call = state?.call;
  if (call) {
    return {
      callId: call.callId,
      kind: call.kind,
      state: call.state,
      since: call.since,
      offer: book[call.callId]?.offer ?? null,
    };
  }
  let newest: TrackedOffer | null = null;
  for (const t of Object.values(book)) {
    if (!t.confirmed && (!newest || t.receivedAt > newest.receivedAt)) newest = t;
  }
  if (!newest) return null;
  const o = newest.offer;
  return {
    callId: o.callId,
    kind: o.kind,
    state: o.kind === 'OUTBOUND' ? 'DIALING' : 'RINGING',
    since: o.offeredAt,
    offer: o,
  };
}

/** An inbound call that is ringing (what the beep and the notification are for). */
export function isRinging(call: CurrentCall | null): boolean {
  return call != null && call.state === 'RINGING' && call.kind !== 'OUTBOUND';
}
