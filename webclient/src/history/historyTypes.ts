import type { Id } from '../api/types';

/** The call history's shapes (`GET /api/history/calls`, docs/api.md "Call history"). */
export type Direction = 'inbound' | 'outbound' | 'internal' | 'click_to_dial';
export type Outcome = 'answered' | 'abandoned' | 'missed' | 'transferred';

export interface HistoryAgent {
  id: Id;
  name: string;
  extension: string;
}

export interface CallSummary {
  id: Id;
  callId: string;
  direction: Direction | null;
  outcome: Outcome | null;
  queue: { name: string; label: string | null } | null;
  agent: HistoryAgent | null;
  callerNumber: string;
  callerName: string;
  dialedNumber: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  heldSeconds: number;
  disposition: { code: string; label: string | null } | null;
  recordings: number;
}

export interface CallPage {
  items: CallSummary[];
  next: string | null;
  timeZone: string;
  from: string;
  to: string;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  agent: HistoryAgent | null;
  detail: string | null;
}

export interface CallLeg {
  kind: 'agent' | 'customer' | 'number';
  role: string;
  agent: HistoryAgent | null;
  number: string | null;
  name: string | null;
  joinedAt: string;
  answeredAt: string | null;
  leftAt: string | null;
  endReason: string | null;
}

export interface RecordingLink {
  id: Id;
  startedAt: string;
  stoppedAt: string | null;
  note: string | null;
  url: string;
  downloadUrl: string;
}

export interface CallDetail extends Omit<CallSummary, 'recordings' | 'disposition'> {
  timeline: TimelineEntry[];
  parties: CallLeg[];
  attachedData: { position: number; key: string; label: string; value: string }[];
  disposition: {
    code: string;
    label: string | null;
    note: string | null;
    agent: HistoryAgent | null;
    at: string | null;
  } | null;
  notes: { source: 'disposition' | 'recording'; text: string; at: string | null }[];
  recordings: RecordingLink[];
}

/** What the filter form holds; empty strings are "any". */
export interface HistoryFilters {
  from: string;
  to: string;
  agent: string;
  queue: string;
  direction: '' | Direction;
  outcome: '' | Outcome;
  disposition: string;
  caller: string;
  dataKey: string;
  dataValue: string;
}

export const NO_FILTERS: HistoryFilters = {
  from: '',
  to: '',
  agent: '',
  queue: '',
  direction: '',
  outcome: '',
  disposition: '',
  caller: '',
  dataKey: '',
  dataValue: '',
};
