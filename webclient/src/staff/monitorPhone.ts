// The supervisor's own webphone takes the monitoring call it asked for by itself. Pure.
import type { Id } from '../api/types';
import type { PhoneCall } from '../phone/phoneState';

/** A monitoring call asked for and not answered yet: the server rings the supervisor's phone from the agent's extension. */
export interface PendingMonitor {
  agentId: Id;
  /** The agent's extension: the caller number of the monitoring call. */
  extension: string;
  /** Local clock (ms) when it was asked for. */
  since: number;
}

/** The server lets the supervisor's phone ring this long for a monitoring call (plus some slack). */
export const MONITOR_RING_MS = 25_000;

/**
 * Whether `call` is the monitoring call of `pending`: an incoming call, still ringing, from the agent's extension,
 * while the request is open. Any other call rings as usual.
 */
export function isMonitoringCall(pending: PendingMonitor | null, call: PhoneCall | null, nowMs: number): boolean {
  return (
    pending != null &&
    call != null &&
    call.direction === 'incoming' &&
    call.phase === 'ringing' &&
    call.remoteNumber === pending.extension &&
    nowMs - pending.since <= MONITOR_RING_MS
  );
}
