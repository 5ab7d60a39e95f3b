import { describe, expect, it, vi } from 'vitest';
import type { CallView } from '../api/types';
import type { LiveView } from '../live/liveController';
import { Store } from '../util/store';
import { INITIAL_PHONE_VIEW, type PhoneView } from './phoneState';
import { Reattacher, answersReattach, callToTakeBack, reattachCallId } from './reattach';

const held: CallView = { callId: '1795315496.0', kind: 'QUEUE', state: 'HELD', since: '', answered: true };
const registered: PhoneView = { ...INITIAL_PHONE_VIEW, registration: { kind: 'registered' } };

describe('reload survival: the page takes its held call back', () => {
  it('reads X-Tandem-Reattach and answers only the call it asked for', () => {
    expect(reattachCallId(' 1795315496.0 ')).toBe('1795315496.0');
    expect(reattachCallId('a b')).toBeNull();
    expect(reattachCallId(undefined)).toBeNull();
    expect(answersReattach('1795315496.0', '1795315496.0')).toBe(true);
    expect(answersReattach('1795315496.0', '1795315496.1')).toBe(false);
    expect(answersReattach(null, '1795315496.0')).toBe(false);
  });

  it('asks for a talking or held call once the phone is registered and idle, once per call', () => {
    expect(callToTakeBack(held, registered, new Set())).toBe('1795315496.0');
    expect(callToTakeBack({ ...held, state: 'TALKING' }, registered, new Set())).toBe('1795315496.0');
    expect(callToTakeBack({ ...held, state: 'RINGING' }, registered, new Set())).toBeNull();
    expect(callToTakeBack(held, INITIAL_PHONE_VIEW, new Set())).toBeNull();
    const onCall = { ...registered, call: { id: 'x' } as PhoneView['call'] };
    expect(callToTakeBack(held, onCall, new Set())).toBeNull();
    expect(callToTakeBack(held, registered, new Set(['1795315496.0']))).toBeNull();
    expect(callToTakeBack(null, registered, new Set())).toBeNull();
  });

  it('the restored page: the agent state shows the held call, the phone registers, the page asks and expects it', async () => {
    const live = { view: new Store<LiveView>({ agentState: null } as unknown as LiveView) };
    const phoneView = new Store<PhoneView>(INITIAL_PHONE_VIEW);
    const expectReattach = vi.fn();
    const ask = vi.fn(async (_id: string) => ({ callId: '1795315496.0' }));
    const r = new Reattacher(live, { view: phoneView, expectReattach }, ask);
    r.start();
    live.view.set({ agentState: { call: held } } as unknown as LiveView);
    expect(ask).not.toHaveBeenCalled(); // the phone is not registered yet
    phoneView.set(registered);
    expect(expectReattach).toHaveBeenCalledWith('1795315496.0');
    expect(ask).toHaveBeenCalledTimes(1);
    expect(ask).toHaveBeenCalledWith('1795315496.0');
    phoneView.set({ ...registered, notice: 'x' });
    expect(ask).toHaveBeenCalledTimes(1);
    r.stop();
    expect(expectReattach).toHaveBeenLastCalledWith(null);
  });

  it('never asks for a call the phone of this page carried (its end reaches the phone before the agent state)', () => {
    const talking = { agentState: { call: { ...held, state: 'TALKING' } } } as unknown as LiveView;
    const live = { view: new Store<LiveView>(talking) };
    const phoneView = new Store<PhoneView>({ ...registered, call: { id: 'in-1' } as PhoneView['call'] });
    const ask = vi.fn(async (_id: string) => ({}));
    new Reattacher(live, { view: phoneView, expectReattach: vi.fn() }, ask).start();
    phoneView.set(registered); // the phone's call ended; the state still says TALKING for a moment
    live.view.set({ agentState: { call: null } } as unknown as LiveView);
    expect(ask).not.toHaveBeenCalled();
  });

  it('a refusal stops expecting the call; 404 (nothing waits for this page) says nothing', async () => {
    const live = { view: new Store<LiveView>({ agentState: { call: held } } as unknown as LiveView) };
    const phoneView = new Store<PhoneView>(registered);
    const expectReattach = vi.fn();
    const failure = vi.fn();
    const gone = Object.assign(new Error('The call waited too long'), { status: 410 });
    const r = new Reattacher(live, { view: phoneView, expectReattach }, async () => Promise.reject(gone), failure);
    r.start();
    await new Promise((r) => setTimeout(r, 0));
    expect(expectReattach).toHaveBeenLastCalledWith(null);
    expect(failure).toHaveBeenCalledWith('The call waited too long');

    const failure2 = vi.fn();
    const none = Object.assign(new Error('none'), { status: 404 });
    new Reattacher(
      live,
      { view: new Store<PhoneView>(registered), expectReattach },
      async () => Promise.reject(none),
      failure2,
    ).start();
    await new Promise((r) => setTimeout(r, 0));
    expect(failure2).not.toHaveBeenCalled();
  });
});
