// What the supervisor page shows for an agent or a queue. Pure.
import { CALL_STATE_TEXT, statusText } from '../agent/presentation';
import { elapsedSeconds, formatDuration } from '../agent/time';
import type { TeamAgent, TeamQueue } from './teamTypes';

export function agentStateText(a: TeamAgent): string {
  return statusText(a);
}

/** "Talking · Jane Customer · Support", or null without a call. */
export function callText(a: TeamAgent): string | null {
  const c = a.call;
  if (!c) return null;
  const party = c.partyName || c.partyNumber;
  return [CALL_STATE_TEXT[c.state], party, c.queue?.label].filter(Boolean).join(' · ');
}

/** Talk time once answered, ring (or dial) time before. */
export function callDuration(a: TeamAgent, nowMs: number, skewMs: number): string | null {
  const c = a.call;
  if (!c) return null;
  const from = c.answeredAt ?? c.startedAt ?? c.since;
  return formatDuration(elapsedSeconds(from, nowMs, skewMs));
}

export function timeInState(a: TeamAgent, nowMs: number, skewMs: number): string {
  return formatDuration(elapsedSeconds(a.since, nowMs, skewMs));
}

export function phoneText(a: TeamAgent): string {
  return a.phoneRegistered == null ? 'Phone unknown' : a.phoneRegistered ? 'Phone registered' : 'Phone offline';
}

export function browserText(a: TeamAgent): string {
  if (!a.browserConnected) return 'No browser';
  return (a.browsers ?? 1) > 1 ? `Browser connected (${a.browsers} pages)` : 'Browser connected';
}

export function longestWait(q: TeamQueue, nowMs: number, skewMs: number): string {
  return q.longestWaitSince ? formatDuration(elapsedSeconds(q.longestWaitSince, nowMs, skewMs)) : '–';
}

export function serviceLevelText(q: TeamQueue): string {
  return q.serviceLevel == null ? '–' : `${q.serviceLevel} %`;
}

export function secondsText(s: number | null): string {
  return s == null ? '–' : formatDuration(s);
}
