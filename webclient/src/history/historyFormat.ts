import type { CallSummary, Direction, Outcome, TimelineEntry } from './historyTypes';

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(zone: string, at: Date): string {
  // en-CA writes dates as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    at,
  );
}

/** A YYYY-MM-DD day moved by whole days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}

/** Period presets, as the days the server reads in the tenant's zone. */
export function preset(kind: 'today' | 'yesterday' | 'week', zone: string, now: Date): { from: string; to: string } {
  const today = dayIn(zone, now);
  if (kind === 'today') return { from: today, to: today };
  if (kind === 'yesterday') {
    const y = addDays(today, -1);
    return { from: y, to: y };
  }
  return { from: addDays(today, -6), to: today };
}

/** Date and time of an instant in the tenant's zone, e.g. "2026-01-14 09:00:00". */
export function dateTime(iso: string, zone: string): string {
  return `${dayIn(zone, new Date(iso))} ${time(iso, zone)}`;
}

export function time(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** "1:05", "12:00:03"; an empty mark for nothing. */
export function duration(seconds: number | null | undefined): string {
  if (seconds == null) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

export const DIRECTION_TEXT: Record<Direction, string> = {
  inbound: 'Inbound',
  outbound: 'Outbound',
  internal: 'Internal',
  click_to_dial: 'Click-to-dial',
};

export const OUTCOME_TEXT: Record<Outcome, string> = {
  answered: 'Answered',
  abandoned: 'Abandoned',
  missed: 'Missed',
  transferred: 'Transferred',
};

/** The other party of the call: the caller of an inbound call, the number dialled by an outbound one. */
export function otherParty(c: Pick<CallSummary, 'direction' | 'callerNumber' | 'callerName' | 'dialedNumber'>): string {
  const outgoing = c.direction === 'outbound' || c.direction === 'click_to_dial';
  const number = outgoing ? (c.dialedNumber ?? c.callerNumber) : c.callerNumber;
  const name = c.callerName?.trim();
  if (!number) return name || '—';
  return name ? `${name} (${number})` : number;
}

const KIND_TEXT: Record<string, string> = {
  queued: 'Queued',
  started: 'Call came in',
  dialed: 'Dialled',
  ringing: 'Rang',
  answered: 'Answered',
  not_answered: 'Not answered',
  consulted: 'Consulted',
  conferenced: 'Joined the conference',
  held: 'Put on hold',
  resumed: 'Taken off hold',
  transferred: 'Transferred',
  left: 'Left',
  recording_started: 'Recording started',
  recording_stopped: 'Recording stopped',
  disposition: 'Disposition',
  abandoned: 'Caller hung up',
  ended: 'Ended',
};

/** One line of the timeline: "Rang Alice (1001)", "Queued: Support", "Taken off hold: 20 s". */
export function timelineText(e: TimelineEntry): string {
  const what = KIND_TEXT[e.kind] ?? e.kind;
  const who = e.agent ? ` ${e.agent.name} (${e.agent.extension})` : '';
  const detail = e.detail ? (who ? ` — ${e.detail}` : `: ${e.detail}`) : '';
  return `${what}${who}${detail}`;
}
