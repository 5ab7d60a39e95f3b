// The call-control contract (docs/call-control.md) as the web client uses it.
import type { DirectoryEntry, Id } from '../api/types';

export type TransferTarget = { agentId: Id } | { number: string } | { queue: string };
export type ConsultTarget = { agentId: Id } | { number: string };

export interface ConsultView {
  target: { agentId: Id | null; displayName: string | null; number: string | null };
  state: 'ringing' | 'talking';
}

/** GET /api/calls/current. */
export interface CurrentCallControl {
  callId: string;
  kind: string;
  role: string;
  held: boolean;
  recording: boolean;
  consult: ConsultView | null;
}

export interface QueueEntry {
  name: string;
  label: string;
}

export type CallControlPush =
  | { type: 'call.consult'; callId: string; consult: ConsultView | null }
  | { type: 'call.recording'; callId: string; recording: boolean };

/** The endpoints the call controls use. */
export interface CallControlApi {
  current(): Promise<CurrentCallControl>;
  transfer(target: TransferTarget): Promise<unknown>;
  consult(target: ConsultTarget): Promise<unknown>;
  completeConsult(): Promise<unknown>;
  cancelConsult(): Promise<unknown>;
  conference(): Promise<unknown>;
  startRecording(): Promise<unknown>;
  stopRecording(): Promise<unknown>;
  recordingNote(callId: string, note: string): Promise<unknown>;
  queues(): Promise<QueueEntry[]>;
  directory(): Promise<DirectoryEntry[]>;
}

/** Whom a consultation talks to, for people. */
export function consultTargetText(c: ConsultView): string {
  return c.target.displayName || c.target.number || 'the consulted party';
}

/** A number as the server takes it: digits, +, *, #; 1 to 32 characters (spaces and dashes dropped). */
export function normaliseNumber(raw: string): string | null {
  const n = raw.replace(/[\s\-().]/g, '');
  return /^[0-9+*#]{1,32}$/.test(n) ? n : null;
}
