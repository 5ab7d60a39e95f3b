import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import type { PushServerMessage } from '../api/types';
import { CallControlController, type LivePort } from './callControlController';
import type { CallControlApi, CurrentCallControl } from './types';
import { normaliseNumber } from './types';

class FakeLive implements LivePort {
  listeners = new Set<(m: PushServerMessage) => void>();
  reconnect = new Set<() => void>();
  onMessage(l: (m: PushServerMessage) => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  onReconnected(l: () => void) {
    this.reconnect.add(l);
    return () => this.reconnect.delete(l);
  }
  authorized<T>(call: () => Promise<T>) {
    return call();
  }
  push(m: PushServerMessage) {
    this.listeners.forEach((l) => l(m));
  }
}

function refusal(status: number, code: string, detail: string) {
  return new ApiError(status, { type: 'about:blank', title: 'Not possible now', status, code, detail } as never, null);
}

type Mocked = { [K in keyof CallControlApi]: CallControlApi[K] & ReturnType<typeof vi.fn> };

function api(current: Partial<CurrentCallControl> | null = {}): Mocked {
  const ok = () => vi.fn(async () => ({ callId: 'c1' }));
  return {
    current: vi.fn(async () => {
      if (current == null) throw refusal(404, 'not-on-call', 'You are not on a call.');
      return { callId: 'c1', kind: 'QUEUE', role: 'primary', held: false, recording: false, consult: null, ...current };
    }),
    transfer: ok(),
    consult: ok(),
    completeConsult: ok(),
    cancelConsult: ok(),
    conference: ok(),
    startRecording: ok(),
    stopRecording: ok(),
    recordingNote: ok(),
    queues: vi.fn(async () => [{ name: 'support', label: 'Support' }]),
    directory: vi.fn(async () => [
      { agentId: 3, displayName: 'Zed', extension: '1003', status: 'NOT_READY' as const },
      { agentId: 1, displayName: 'Alice', extension: '1001', status: 'READY' as const },
      { agentId: 2, displayName: 'Bob', extension: '1002', status: 'READY' as const },
    ]),
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('CallControlController', () => {
  it('shows the consultation only from the pushes of the current call, not from the action', async () => {
    const live = new FakeLive();
    const a = api();
    const c = new CallControlController(a, live);
    c.start();
    c.callChanged('c1');
    await flush();
    expect(await c.consult({ agentId: 2 })).toBe(true);
    expect(a.consult).toHaveBeenCalledWith({ agentId: 2 });
    expect(c.view.get().consult).toBeNull();

    live.push({
      type: 'call.consult',
      callId: 'other',
      consult: { target: { agentId: 9, displayName: 'X', number: null }, state: 'ringing' },
    });
    expect(c.view.get().consult).toBeNull();
    live.push({
      type: 'call.consult',
      callId: 'c1',
      consult: { target: { agentId: 2, displayName: 'Bob', number: null }, state: 'ringing' },
    });
    expect(c.view.get().consult?.state).toBe('ringing');
    live.push({ type: 'call.consult', callId: 'c1', consult: null });
    expect(c.view.get().consult).toBeNull();
  });

  it("shows the server's refusal detail and is not busy afterwards", async () => {
    const live = new FakeLive();
    const a = api();
    a.transfer.mockRejectedValueOnce(refusal(409, 'target-not-ready', 'Bob Agent is Not Ready (Lunch).'));
    const c = new CallControlController(a, live);
    c.start();
    c.callChanged('c1');
    expect(await c.transfer({ agentId: 2 })).toBe(false);
    expect(c.view.get().alert).toBe('Bob Agent is Not Ready (Lunch).');
    expect(c.view.get().busy).toBeNull();
    c.dismissAlert();
    expect(c.view.get().alert).toBeNull();
  });

  it('ignores a second action while one is in flight', async () => {
    const live = new FakeLive();
    const a = api();
    let release: () => void = () => {};
    a.startRecording.mockImplementationOnce(() => new Promise<void>((r) => (release = r)));
    const c = new CallControlController(a, live);
    c.callChanged('c1');
    const first = c.startRecording();
    expect(c.view.get().busy).toBe('record-start');
    expect(await c.stopRecording()).toBe(false);
    expect(a.stopRecording).not.toHaveBeenCalled();
    release();
    expect(await first).toBe(true);
  });

  it('recording pushes set the indicator and keep the recorded call for a note after the call', async () => {
    const live = new FakeLive();
    const a = api();
    const c = new CallControlController(a, live);
    c.start();
    c.callChanged('c1');
    live.push({ type: 'call.recording', callId: 'c1', recording: true });
    expect(c.view.get()).toMatchObject({ recording: true, recordedCallId: 'c1' });
    live.push({ type: 'call.recording', callId: 'c1', recording: false });
    expect(c.view.get()).toMatchObject({ recording: false, recordedCallId: 'c1' });
    expect(await c.saveNote('angry customer')).toBe(true);
    expect(a.recordingNote).toHaveBeenCalledWith('c1', 'angry customer');
    expect(c.view.get().savedNote).toBe('angry customer');
    c.callChanged('c2');
    expect(c.view.get().recordedCallId).toBeNull();
  });

  it('reads the call from the server on a new call and after a reconnect', async () => {
    const live = new FakeLive();
    const a = api({
      recording: true,
      consult: { target: { agentId: null, displayName: null, number: '+1555' }, state: 'ringing' },
    });
    const c = new CallControlController(a, live);
    c.start();
    c.callChanged('c1');
    await flush();
    expect(c.view.get()).toMatchObject({ recording: true, recordedCallId: 'c1' });
    expect(c.view.get().consult?.target.number).toBe('+1555');
    a.current.mockRejectedValueOnce(refusal(404, 'not-on-call', 'You are not on a call.'));
    live.reconnect.forEach((l) => l());
    await flush();
    expect(c.view.get()).toMatchObject({ recording: false, consult: null });
  });

  it('lists colleagues without the agent itself, Ready ones first', async () => {
    const c = new CallControlController(api(), new FakeLive());
    const list = await c.colleagues(1);
    expect(list.map((e) => e.displayName)).toEqual(['Bob', 'Zed']);
  });

  it('takes numbers as an agent dials them', () => {
    expect(normaliseNumber('+1 (415) 555-0123')).toBe('+14155550123');
    expect(normaliseNumber('*72#')).toBe('*72#');
    expect(normaliseNumber('12ab')).toBeNull();
    expect(normaliseNumber('')).toBeNull();
    expect(normaliseNumber('1'.repeat(33))).toBeNull();
  });
});
