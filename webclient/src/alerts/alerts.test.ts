import { describe, expect, it, vi } from 'vitest';
import { RING_NOTIFICATION_TAG, RingNotifier, type NotificationCtor, type NotificationLike } from './notifier';
import { RingAlert, ringFlags } from './ringAlert';
import { RING_CYCLE_MS, Ringer, type AudioContextLike } from './ringer';

function fakeAudio(state = 'running') {
  const oscillators: {
    frequency: { value: number };
    start: ReturnType<typeof vi.fn>;
    stop: ReturnType<typeof vi.fn>;
  }[] = [];
  const ctx = {
    currentTime: 0,
    state,
    destination: {},
    resume: vi.fn(async () => {
      ctx.state = 'running';
    }),
    createOscillator() {
      const o = { type: '', frequency: { value: 0 }, connect: vi.fn(), start: vi.fn(), stop: vi.fn() };
      oscillators.push(o);
      return o;
    },
    createGain() {
      return { gain: { setValueAtTime: vi.fn(), linearRampToValueAtTime: vi.fn() }, connect: vi.fn() };
    },
  };
  return { ctx: ctx as AudioContextLike & { state: string }, oscillators };
}

describe('Ringer', () => {
  it('beeps with oscillators every cycle while started, and stops', () => {
    vi.useFakeTimers();
    const audio = fakeAudio();
    const ringer = new Ringer({ createContext: () => audio.ctx });
    ringer.start();
    expect(audio.oscillators).toHaveLength(2);
    expect(audio.oscillators[0]!.start).toHaveBeenCalled();
    vi.advanceTimersByTime(RING_CYCLE_MS);
    expect(audio.oscillators).toHaveLength(4);
    ringer.stop();
    vi.advanceTimersByTime(RING_CYCLE_MS * 3);
    expect(audio.oscillators).toHaveLength(4);
    expect(ringer.ringing).toBe(false);
    vi.useRealTimers();
  });

  it('unlock resumes a suspended context (from a user gesture)', () => {
    const audio = fakeAudio('suspended');
    const ringer = new Ringer({ createContext: () => audio.ctx });
    ringer.unlock();
    expect(audio.ctx.resume).toHaveBeenCalled();
  });

  it('does nothing without Web Audio', () => {
    const ringer = new Ringer({ createContext: () => null, setInterval: () => 1, clearInterval: () => {} });
    expect(() => ringer.start()).not.toThrow();
    ringer.stop();
  });
});

function fakeNotification(permission: NotificationPermission) {
  const shown: { title: string; options?: NotificationOptions; n: NotificationLike & { closed: boolean } }[] = [];
  const Ctor = function (this: NotificationLike, title: string, options?: NotificationOptions) {
    const n = { onclick: null, closed: false, close: () => (n.closed = true) };
    shown.push({ title, options, n });
    return n;
  } as unknown as NotificationCtor & { permission: NotificationPermission };
  Object.assign(Ctor, { permission, requestPermission: vi.fn(async () => 'granted') });
  return { Ctor, shown };
}

describe('RingNotifier', () => {
  it('shows one notification per ringing call, tagged so tabs replace each other; click focuses', () => {
    const { Ctor, shown } = fakeNotification('granted');
    const focus = vi.fn();
    const notifier = new RingNotifier(Ctor, focus);
    notifier.show('c-1', { title: 'Incoming call – Support', body: 'Zoë Müller (+4930123)' });
    notifier.show('c-1', { title: 'Incoming call – Support', body: 'Zoë Müller (+4930123)' });
    expect(shown).toHaveLength(1);
    expect(shown[0]!.options).toMatchObject({ tag: RING_NOTIFICATION_TAG, body: 'Zoë Müller (+4930123)' });
    shown[0]!.n.onclick!(new Event('click'));
    expect(focus).toHaveBeenCalled();
    expect(shown[0]!.n.closed).toBe(true);
  });

  it('replaces the notification when the same call gets a better text (offer after state)', () => {
    const { Ctor, shown } = fakeNotification('granted');
    const notifier = new RingNotifier(Ctor, () => {});
    notifier.show('c-1', { title: 'Incoming queue call', body: 'Unknown caller' });
    notifier.show('c-1', { title: 'Incoming call – Support', body: 'Jane Customer (+14155550123)' });
    expect(shown).toHaveLength(2);
    expect(shown[0]!.n.closed).toBe(true);
    expect(shown[1]!.options?.tag).toBe(RING_NOTIFICATION_TAG);
    expect(shown[1]!.n.closed).toBe(false);
  });

  it('closes on stop and shows nothing without permission', () => {
    const granted = fakeNotification('granted');
    const notifier = new RingNotifier(granted.Ctor, () => {});
    notifier.show('c-1', { title: 't', body: 'b' });
    notifier.close();
    expect(granted.shown[0]!.n.closed).toBe(true);

    const denied = fakeNotification('denied');
    new RingNotifier(denied.Ctor, () => {}).show('c-1', { title: 't', body: 'b' });
    expect(denied.shown).toHaveLength(0);
  });

  it('asks for permission only when never asked', async () => {
    const asked = fakeNotification('default');
    expect(await new RingNotifier(asked.Ctor, () => {}).requestPermission()).toBe('granted');
    expect(asked.Ctor.requestPermission).toHaveBeenCalledTimes(1);
    const denied = fakeNotification('denied');
    expect(await new RingNotifier(denied.Ctor, () => {}).requestPermission()).toBe('denied');
    expect(denied.Ctor.requestPermission).not.toHaveBeenCalled();
    expect(await new RingNotifier(null, () => {}).requestPermission()).toBe('unsupported');
  });
});

describe('RingAlert', () => {
  function setup(flags = { beep: true, notification: true }) {
    const ringer = { start: vi.fn(), stop: vi.fn() };
    const notifier = { show: vi.fn(), close: vi.fn() };
    return { ringer, notifier, alert: new RingAlert(ringer, notifier, flags) };
  }
  const offerRing = { key: 'c-1', message: { title: 'Incoming call – Support', body: 'Zoë Müller' } };
  const phoneRing = { key: 'sip-1', message: { title: 'Incoming call', body: '+4930123' } };

  it('beeps and notifies while any source rings, stops when none does', () => {
    const t = setup();
    t.alert.set('phone', phoneRing);
    expect(t.ringer.start).toHaveBeenCalled();
    expect(t.notifier.show).toHaveBeenLastCalledWith('sip-1', phoneRing.message);
    t.alert.set('offer', offerRing);
    expect(t.notifier.show).toHaveBeenLastCalledWith('c-1', offerRing.message);
    t.alert.set('offer', null);
    expect(t.ringer.stop).not.toHaveBeenCalled();
    t.alert.set('phone', null);
    expect(t.ringer.stop).toHaveBeenCalled();
    expect(t.notifier.close).toHaveBeenCalled();
  });

  it('follows the tenant flags; missing flags mean on', () => {
    expect(ringFlags({})).toEqual({ beep: true, notification: true });
    expect(ringFlags({ ringBeep: false, ringNotification: true })).toEqual({ beep: false, notification: true });
    const t = setup(ringFlags({ ringBeep: false, ringNotification: false }));
    t.alert.set('offer', offerRing);
    expect(t.ringer.start).not.toHaveBeenCalled();
    expect(t.notifier.show).not.toHaveBeenCalled();
  });
});

describe('prepareAlertsOnGesture', () => {
  it('unlocks the audio and asks for the notification permission', async () => {
    const { prepareAlertsOnGesture } = await import('./alerts');
    const asked = fakeNotification('default');
    const audio = fakeAudio('suspended');
    const alerts = {
      ringer: new Ringer({ createContext: () => audio.ctx }),
      notifier: new RingNotifier(asked.Ctor, () => {}),
    };
    prepareAlertsOnGesture(alerts);
    expect(audio.ctx.resume).toHaveBeenCalled();
    expect(asked.Ctor.requestPermission).toHaveBeenCalled();
  });
});
