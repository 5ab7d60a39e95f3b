// @vitest-environment happy-dom
// The call controls in a DOM: the transfer dialog, the consultation bar, the held state and recording, driven by
// a controller whose API and push channel are fakes answering as the server does.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import type { CallState, PushServerMessage } from '../api/types';
import { CallControlController, type LivePort } from './callControlController';
import { CallControls } from './CallControls';
import { CallControlContext } from './context';
import type { CallControlApi } from './types';

const listeners = new Set<(m: PushServerMessage) => void>();
const live: LivePort = {
  onMessage: (l) => (listeners.add(l), () => listeners.delete(l)),
  onReconnected: () => () => {},
  authorized: (call) => call(),
};
const push = (m: PushServerMessage) => act(() => listeners.forEach((l) => l(m)));
const flush = () => act(() => new Promise((r) => setTimeout(r, 0)));

let root: HTMLElement;
let api: { [K in keyof CallControlApi]: ReturnType<typeof vi.fn> };
let controller: CallControlController;
const resume = vi.fn();

function show(state: CallState) {
  act(() =>
    render(
      <CallControlContext.Provider value={{ controller, ownAgentId: 1, resume }}>
        <CallControls callId="c1" state={state} />
      </CallControlContext.Provider>,
      root,
    ),
  );
}

function button(text: string): HTMLButtonElement {
  const b = [...root.querySelectorAll('button')].find((x) => x.textContent?.trim() === text);
  if (!b) throw new Error(`no button '${text}' in ${root.innerHTML}`);
  return b as HTMLButtonElement;
}

beforeEach(() => {
  root = document.createElement('div');
  document.body.appendChild(root);
  const ok = () => vi.fn(async () => ({ callId: 'c1' }));
  api = {
    current: vi.fn(async () => ({
      callId: 'c1',
      kind: 'QUEUE',
      role: 'primary',
      held: false,
      recording: false,
      consult: null,
    })),
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
      { agentId: 2, displayName: 'Bob Agent', extension: '1002', status: 'READY' },
      { agentId: 3, displayName: 'Carol Agent', extension: '1003', status: 'NOT_READY' },
    ]),
  };
  controller = new CallControlController(api as unknown as CallControlApi, live);
  controller.start();
});

afterEach(() => {
  render(null, root);
  root.remove();
  controller.stop();
  listeners.clear();
});

describe('call controls', () => {
  it('show nothing while the call rings', () => {
    show('RINGING');
    expect(root.textContent).toBe('');
  });

  it('blind-transfer to a Ready colleague chosen in the dialog; Not Ready ones cannot be chosen', async () => {
    show('TALKING');
    act(() => button('Transfer…').click());
    await flush();
    const dialog = root.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute('aria-labelledby')).toBe('transfer-title');
    const radios = [...dialog.querySelectorAll<HTMLInputElement>('input[name="transfer-agent"]')];
    expect(radios.map((r) => r.disabled)).toEqual([false, true]);
    expect(dialog.textContent).toContain('Not Ready');
    act(() => radios[0]!.click());
    await act(async () => button('Transfer').click());
    await flush();
    expect(api.transfer).toHaveBeenCalledWith({ agentId: 2 });
    expect(root.querySelector('[role="dialog"]')).toBeNull();
  });

  it('consult a number, then complete from the consultation bar the pushes show', async () => {
    show('TALKING');
    act(() => button('Transfer…').click());
    await flush();
    act(() => root.querySelector<HTMLInputElement>('input[value="number"]')!.click());
    const input = root.querySelector<HTMLInputElement>('#transfer-number')!;
    act(() => {
      input.value = '+1 415 555 0123';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    act(() => root.querySelectorAll<HTMLInputElement>('input[name="transfer-mode"]')[1]!.click());
    await act(async () => button('Consult').click());
    await flush();
    expect(api.consult).toHaveBeenCalledWith({ number: '+14155550123' });
    expect(root.querySelector('[data-testid="consult-bar"]')).toBeNull();

    push({
      type: 'call.consult',
      callId: 'c1',
      consult: { target: { agentId: null, displayName: null, number: '+14155550123' }, state: 'ringing' },
    });
    expect(root.querySelector('[data-testid="consult-target"]')!.textContent).toBe('+14155550123');
    expect(button('Conference').disabled).toBe(true);
    push({
      type: 'call.consult',
      callId: 'c1',
      consult: { target: { agentId: null, displayName: null, number: '+14155550123' }, state: 'talking' },
    });
    expect(button('Conference').disabled).toBe(false);
    await act(async () => button('Complete transfer').click());
    expect(api.completeConsult).toHaveBeenCalled();
  });

  it('transfers to a queue (blind only)', async () => {
    show('TALKING');
    act(() => button('Transfer…').click());
    await flush();
    act(() => root.querySelector<HTMLInputElement>('input[value="queue"]')!.click());
    expect(root.querySelector('input[name="transfer-mode"]')).toBeNull();
    const select = root.querySelector<HTMLSelectElement>('#transfer-queue')!;
    act(() => {
      select.value = 'support';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(async () => button('Transfer').click());
    expect(api.transfer).toHaveBeenCalledWith({ queue: 'support' });
  });

  it("shows the server's refusal as an alert", async () => {
    api.startRecording.mockRejectedValueOnce(
      new ApiError(
        502,
        {
          code: 'pbx-refused',
          title: 'Refused',
          status: 502,
          detail: 'The phone system refused: No such channel',
        } as never,
        null,
      ),
    );
    show('TALKING');
    await act(async () => button('Start recording').click());
    await flush();
    expect(root.querySelector('[role="alert"]')!.textContent).toContain('The phone system refused: No such channel');
  });

  it('tells a consulted agent that the consulting colleague controls the call', async () => {
    api.current.mockResolvedValue({
      callId: 'c1',
      kind: 'DIRECT',
      role: 'consult',
      held: false,
      recording: false,
      consult: null,
    });
    show('TALKING');
    await flush();
    expect(root.querySelector('[data-testid="being-consulted"]')).not.toBeNull();
  });

  it('shows the held state with its timer and resumes through the webphone', () => {
    show('HELD');
    expect(root.querySelector('[data-testid="held-bar"]')!.textContent).toContain('On hold');
    act(() => button('Resume').click());
    expect(resume).toHaveBeenCalled();
  });

  it('recording indicator and note follow the pushes', async () => {
    show('TALKING');
    push({ type: 'call.recording', callId: 'c1', recording: true });
    expect(root.querySelector('[data-testid="recording-indicator"]')).not.toBeNull();
    const note = root.querySelector<HTMLTextAreaElement>('textarea')!;
    expect(root.querySelector(`label[for="${note.id}"]`)!.textContent).toBe('Recording note');
    act(() => {
      note.value = 'angry customer';
      note.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => button('Save note').click());
    await flush();
    expect(api.recordingNote).toHaveBeenCalledWith('c1', 'angry customer');
    expect(root.querySelector('[data-testid="note-saved"]')).not.toBeNull();
    push({ type: 'call.recording', callId: 'c1', recording: false });
    expect(root.querySelector('[data-testid="recording-indicator"]')).toBeNull();
    expect(button('Start recording')).toBeTruthy();
  });
});
