import { ApiError, describeError } from '../api/client';
import type { DirectoryEntry, PushServerMessage } from '../api/types';
import { Store } from '../util/store';
import type { CallControlApi, ConsultTarget, ConsultView, QueueEntry, TransferTarget } from './types';

/** What the controls need from the live part of the sign-in. */
export interface LivePort {
  onMessage(listener: (msg: PushServerMessage) => void): () => void;
  onReconnected(listener: () => void): () => void;
  authorized<T>(call: () => Promise<T>): Promise<T>;
}

export type CallAction =
  'transfer' | 'consult' | 'complete' | 'cancel' | 'conference' | 'record-start' | 'record-stop' | 'note';

export interface CallControlView {
  /** The call the agent is on (from the agent state), or null. */
  callId: string | null;
  /** The consultation of that call, as the server pushed it. */
  consult: ConsultView | null;
  /** The agent's part in the call: `consult` while another agent consults it (that agent controls the call). */
  role: string | null;
  recording: boolean;
  /** The latest call of this agent that was recorded: its note can be written during and after the call. */
  recordedCallId: string | null;
  /** The note saved for `recordedCallId`, if any. */
  savedNote: string | null;
  /** An action in flight. */
  busy: CallAction | null;
  /** The latest refusal (the problem's detail). */
  alert: string | null;
}

const INITIAL: CallControlView = {
  callId: null,
  consult: null,
  role: null,
  recording: false,
  recordedCallId: null,
  savedNote: null,
  busy: null,
  alert: null,
};

/**
 * The agent's transfer, consultation and recording controls. The server is the authority: the consultation and
 * recording shown come from its pushes (`call.consult`, `call.recording`) and from GET /api/calls/current (on a new
 * call and after a reconnect), never from the success of an action alone.
 */
export class CallControlController {
  readonly view = new Store<CallControlView>(INITIAL);
  private readonly unsubscribe: Array<() => void> = [];
  private stopped = false;

  constructor(
    private readonly api: CallControlApi,
    private readonly live: LivePort,
  ) {}

  start(): void {
    this.unsubscribe.push(this.live.onMessage((m) => this.onPush(m)));
    this.unsubscribe.push(this.live.onReconnected(() => void this.refresh()));
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe.forEach((u) => u());
  }

  /** The agent state's call changed (a new call, or none): start from what the server says about it. */
  callChanged(callId: string | null): void {
    const v = this.view.get();
    if (v.callId === callId) return;
    // a new call: the note field of an earlier recorded call goes away
    const earlier = callId != null && v.recordedCallId != null && v.recordedCallId !== callId;
    this.patch({
      callId,
      consult: null,
      role: null,
      recording: false,
      alert: null,
      ...(earlier ? { recordedCallId: null, savedNote: null } : {}),
    });
    if (callId) void this.refresh();
  }

  async refresh(): Promise<void> {
    const callId = this.view.get().callId;
    if (!callId) return;
    try {
      const current = await this.live.authorized(() => this.api.current());
      if (current.callId !== this.view.get().callId) return;
      this.patch({
        consult: current.consult,
        role: current.role,
        recording: current.recording,
        ...(current.recording ? this.recorded(current.callId) : {}),
      });
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) this.patch({ consult: null, recording: false });
      // anything else: the pushes keep the view current
    }
  }

  transfer(target: TransferTarget): Promise<boolean> {
    return this.run('transfer', () => this.api.transfer(target));
  }

  consult(target: ConsultTarget): Promise<boolean> {
    return this.run('consult', () => this.api.consult(target));
  }

  completeConsult(): Promise<boolean> {
    return this.run('complete', () => this.api.completeConsult());
  }

  cancelConsult(): Promise<boolean> {
    return this.run('cancel', () => this.api.cancelConsult());
  }

  conference(): Promise<boolean> {
    return this.run('conference', () => this.api.conference());
  }

  startRecording(): Promise<boolean> {
    return this.run('record-start', () => this.api.startRecording());
  }

  stopRecording(): Promise<boolean> {
    return this.run('record-stop', () => this.api.stopRecording());
  }

  async saveNote(note: string): Promise<boolean> {
    const callId = this.view.get().recordedCallId;
    if (!callId) return false;
    const ok = await this.run('note', () => this.api.recordingNote(callId, note));
    if (ok) this.patch({ savedNote: note });
    return ok;
  }

  /** Colleagues for the transfer dialog, Ready ones first. */
  async colleagues(ownAgentId: number | string): Promise<DirectoryEntry[]> {
    const list = await this.live.authorized(() => this.api.directory());
    return list
      .filter((e) => String(e.agentId) !== String(ownAgentId))
      .sort(
        (a, b) =>
          Number(b.status === 'READY') - Number(a.status === 'READY') || a.displayName.localeCompare(b.displayName),
      );
  }

  queues(): Promise<QueueEntry[]> {
    return this.live.authorized(() => this.api.queues());
  }

  dismissAlert(): void {
    this.patch({ alert: null });
  }

  private async run(action: CallAction, call: () => Promise<unknown>): Promise<boolean> {
    if (this.view.get().busy) return false;
    this.patch({ busy: action, alert: null });
    try {
      await this.live.authorized(call);
      return true;
    } catch (e) {
      if (!this.stopped) this.patch({ alert: describeError(e) });
      return false;
    } finally {
      if (!this.stopped) this.patch({ busy: null });
    }
  }

  private onPush(msg: PushServerMessage): void {
    if (msg.type === 'call.consult') {
      if (msg.callId === this.view.get().callId) this.patch({ consult: msg.consult ?? null });
    } else if (msg.type === 'call.recording') {
      const recording = msg.recording === true;
      if (msg.callId === this.view.get().callId) this.patch({ recording });
      if (recording) this.patch(this.recorded(msg.callId));
    }
  }

  private recorded(callId: string): Partial<CallControlView> {
    return this.view.get().recordedCallId === callId ? {} : { recordedCallId: callId, savedNote: null };
  }

  private patch(p: Partial<CallControlView>): void {
    if (this.stopped) return;
    this.view.update((v) => ({ ...v, ...p }));
  }
}
