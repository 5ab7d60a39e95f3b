import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError } from '../api/client';
import type { SipTicket } from '../api/types';
import {
  PhoneController,
  RETRY_INITIAL_MS,
  registrationFailure,
  ticketFailure,
  type MediaPort,
} from './phoneController';
import type { PhoneLock, PhoneLockEvents } from './phoneLock';
import { FakeUa } from '../test/fakeSip';
import { registrationText } from './phoneState';
import type { SipSocket } from './sipPorts';

const TICKET: SipTicket = {
  ticket: 't-1',
  expiresAt: '2999-01-01T00:00:00Z',
  wsPath: '/api/sip',
  sipUri: 'sip:acme-1001@sip.example.com',
  authorizationUser: 'acme-1001',
  displayName: 'Alice Agent',
  iceServers: [{ urls: ['turn:turn.example.com:3478'], username: 'u', credential: 'c' }],
};

function setup(opts: { fetchTicket?: () => Promise<SipTicket>; lock?: PhoneLock; autoAnswer?: boolean } = {}) {
  const uas: FakeUa[] = [];
  const media = {
    constraints: () => ({ audio: { deviceId: { exact: 'mic-2' } }, video: false }),
    attachRemote: vi.fn((_pc: RTCPeerConnection) => {}),
    detachRemote: vi.fn(() => {}),
  } satisfies MediaPort;
  const ring = vi.fn();
  const onSessionEnded = vi.fn();
  const fetchTicket = vi.fn(opts.fetchTicket ?? (async () => TICKET));
  const createSocket = vi.fn(
    (_t: SipTicket, _ok: (t: SipTicket) => void, _err: (e: unknown) => void) => ({}) as SipSocket,
  );
  const phone = new PhoneController({
    fetchTicket,
    createSocket,
    createUa: (config) => {
      const ua = new FakeUa(config);
      uas.push(ua);
      return ua;
    },
    media,
    ring,
    lock: opts.lock,
    onSessionEnded,
    autoAnswer: opts.autoAnswer,
    now: () => 1_000_000,
    randomToken: () => 'abcdef123456',
  });
  const ua = () => uas.at(-1)!;
  const started = async () => {
    phone.start();
    await vi.advanceTimersByTimeAsync(0);
    return ua();
  };
  return { phone, uas, ua, media, ring, onSessionEnded, fetchTicket, createSocket, started };
}

const reg = (t: ReturnType<typeof setup>) => t.phone.view.get().registration;
const call = (t: ReturnType<typeof setup>) => t.phone.view.get().call;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('PhoneController: registration', () => {
  it('configures the UA from the ticket: AOR, no password, contact user = AOR user', async () => {
    const t = setup();
    const ua = await t.started();
    expect(ua.config).toMatchObject({
      uri: 'sip:acme-1001@sip.example.com',
      authorizationUser: 'acme-1001',
      displayName: 'Alice Agent',
      contactUri: 'sip:acme-1001@abcdef123456.invalid;transport=ws',
    });
    expect(ua.config).not.toHaveProperty('password');
    expect(ua.start).toHaveBeenCalled();
    expect(t.createSocket.mock.calls[0]![0]).toBe(TICKET);
    expect(t.phone.view.get().sipUser).toBe('acme-1001');
  });

  it('goes connecting → registering → registered from the UA events', async () => {
    const t = setup();
    const ua = await t.started();
    expect(reg(t)).toEqual({ kind: 'connecting', reason: null });
    ua.connected = true;
    ua.emit('connected', {});
    expect(reg(t)).toEqual({ kind: 'registering' });
    ua.emit('registered', {});
    expect(reg(t)).toEqual({ kind: 'registered' });
  });

  it('shows a lost connection while JsSIP recovers, then registers again', async () => {
    const t = setup();
    const ua = await t.started();
    ua.registerOk();
    ua.connected = false;
    ua.emit('disconnected', { error: true, code: 1006 });
    ua.emit('unregistered', {});
    expect(reg(t)).toEqual({ kind: 'connecting', reason: 'connection lost' });
    ua.emit('connecting', {});
    expect(reg(t)).toEqual({ kind: 'connecting', reason: 'connection lost' });
    ua.registerOk();
    expect(reg(t)).toEqual({ kind: 'registered' });
  });

  it('reports a ticket that could not be had on reconnect as the reason', async () => {
    const t = setup();
    const ua = await t.started();
    ua.registerOk();
    const onTicketError = t.createSocket.mock.calls[0]![2];
    onTicketError(new NetworkError(new Error('offline')));
    expect(reg(t)).toEqual({ kind: 'connecting', reason: 'server unreachable' });
  });

  it('shows a registration refusal with its reason phrase and retries while connected', async () => {
    const t = setup();
    const ua = await t.started();
    ua.connected = true;
    ua.emit('connected', {});
    ua.emit('registrationFailed', {
      cause: 'Rejected',
      response: { status_code: 403, reason_phrase: 'You can only register yourself' },
    });
    expect(reg(t)).toEqual({ kind: 'failed', reason: 'You can only register yourself (403)', retrying: true });
    expect(ua.register).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(RETRY_INITIAL_MS);
    expect(ua.register).toHaveBeenCalledTimes(1);
  });

  it('re-registers when the registration lapses on a live connection', async () => {
    const t = setup();
    const ua = await t.started();
    ua.registerOk();
    ua.emit('unregistered', {});
    expect(reg(t)).toEqual({ kind: 'registering' });
    expect(ua.register).toHaveBeenCalled();
  });

  it('stops for good when the SIP socket closes with 4001 (the user logged out)', async () => {
    const t = setup();
    const ua = await t.started();
    ua.registerOk();
    ua.emit('disconnected', { error: false, code: 4001 });
    expect(reg(t)).toEqual({ kind: 'off' });
    expect(ua.stop).toHaveBeenCalled();
    expect(t.onSessionEnded).toHaveBeenCalled();
  });

  it('stays down when the SIP socket closes with 4409: another device took the phone over', async () => {
    const t = setup();
    const ua = await t.started();
    ua.registerOk();
    ua.emit('disconnected', { error: false, code: 4409 });
    expect(reg(t)).toEqual({ kind: 'elsewhere' });
    expect(t.phone.view.get().notice).toBe('Another device took over your phone.');
    expect(ua.stop).toHaveBeenCalled();
    expect(t.onSessionEnded).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(t.uas).toHaveLength(1); // no reconnection by itself: it would take the phone back
  });

  it('"use the phone here" takes the phone back: a fresh ticket and registration', async () => {
    const t = setup();
    const first = await t.started();
    first.registerOk();
    first.emit('disconnected', { error: false, code: 4409 });
    t.phone.useHere();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.fetchTicket).toHaveBeenCalledTimes(2);
    expect(t.uas).toHaveLength(2);
    t.ua().registerOk();
    expect(reg(t)).toEqual({ kind: 'registered' });
    expect(t.phone.view.get().notice).toBeNull();
    t.phone.useHere(); // only from 'elsewhere'
    await vi.advanceTimersByTimeAsync(0);
    expect(t.uas).toHaveLength(2);
  });

  it('retries the first ticket with back-off, and gives up where retrying cannot help', async () => {
    let fail: unknown = new NetworkError(new Error('down'));
    const t = setup({
      fetchTicket: async () => {
        if (fail) throw fail;
        return TICKET;
      },
    });
    t.phone.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(reg(t)).toEqual({ kind: 'failed', reason: 'server unreachable', retrying: true });
    fail = null;
    await vi.advanceTimersByTimeAsync(RETRY_INITIAL_MS);
    expect(t.uas).toHaveLength(1);

    const none = setup({ fetchTicket: async () => Promise.reject(new ApiError(404, { code: 'not-found' }, null)) });
    none.phone.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reg(none)).toEqual({ kind: 'failed', reason: 'this server has no webphone', retrying: false });
    expect(none.fetchTicket).toHaveBeenCalledTimes(1);
  });

  it('says once that no phone system is configured, and never opens a socket nor retries', async () => {
    const t = setup({
      fetchTicket: async () =>
        Promise.reject(new ApiError(409, { code: 'no-phone-system', detail: 'No phone system is configured' }, null)),
    });
    t.phone.start();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(reg(t)).toEqual({ kind: 'none' });
    expect(registrationText(reg(t))).toBe('No phone system configured');
    expect(t.fetchTicket).toHaveBeenCalledTimes(1);
    expect(t.uas).toHaveLength(0);
  });

  it('stop unregisters (UA stop) and ends a call', async () => {
    const t = setup();
    const ua = await t.started();
    ua.registerOk();
    const s = ua.incoming();
    t.phone.stop();
    expect(s.terminate).toHaveBeenCalled();
    expect(ua.stop).toHaveBeenCalled();
    expect(reg(t)).toEqual({ kind: 'off' });
    expect(call(t)).toBeNull();
  });
});

describe('PhoneController: incoming calls', () => {
  it('answers a click-to-dial call (Call-Info answer-after=0) by itself only when the tenant enabled auto-answer', async () => {
    const on = setup({ autoAnswer: true });
    const ua = await on.started();
    ua.registerOk();
    const auto = ua.incoming('in-1', '90155501234', 'CRM: Jane', { 'Call-Info': '<sip:127.0.0.1>;answer-after=0' });
    expect(auto.answer).toHaveBeenCalledTimes(1);
    expect(call(on)?.phase).toBe('connecting');
    expect(on.ring).not.toHaveBeenCalledWith(expect.objectContaining({ key: 'sip:in-1' }));

    const off = setup({ autoAnswer: false });
    const ua2 = await off.started();
    ua2.registerOk();
    const rings = ua2.incoming('in-2', '90155501234', 'CRM: Jane', { 'Call-Info': '<sip:127.0.0.1>;answer-after=0' });
    expect(rings.answer).not.toHaveBeenCalled();
    expect(call(off)?.phase).toBe('ringing');

    const plain = setup({ autoAnswer: true });
    const ua3 = await plain.started();
    ua3.registerOk();
    const ordinary = ua3.incoming('in-3');
    expect(ordinary.answer).not.toHaveBeenCalled();
    expect(call(plain)?.phase).toBe('ringing');
  });

  it('answers the reattach INVITE of the call this page asked back without ringing, also with auto-answer off', async () => {
    const t = setup({ autoAnswer: false });
    const ua = await t.started();
    ua.registerOk();
    // not asked for by this page: it rings like any call
    const stranger = ua.incoming('in-0', 'agent', 'Jane', { 'X-Tandem-Reattach': '1795315496.0' });
    expect(stranger.answer).not.toHaveBeenCalled();
    expect(call(t)?.phase).toBe('ringing');
    stranger.emit('failed', { originator: 'remote', cause: 'Canceled' });

    t.phone.expectReattach('1795315496.0');
    const other = setup({ autoAnswer: false });
    const ua2 = await other.started();
    ua2.registerOk();
    other.phone.expectReattach('1795315496.0');
    // another call id than the one asked for: it rings
    const wrong = ua2.incoming('in-9', 'agent', 'Jane', { 'X-Tandem-Reattach': '1795315499.9' });
    expect(wrong.answer).not.toHaveBeenCalled();

    const back = ua.incoming('in-1', 'agent', 'Jane Customer', {
      'X-Tandem-Reattach': '1795315496.0',
      'Call-Info': '<sip:127.0.0.1>;answer-after=0',
    });
    expect(back.answer).toHaveBeenCalledTimes(1);
    expect(call(t)?.phase).toBe('connecting');
    expect(t.ring).not.toHaveBeenCalledWith(expect.objectContaining({ key: 'sip:in-1' }));
  });

  it('rings with the caller number, answers with the chosen microphone and the ticket ICE servers', async () => {
    const t = setup();
    const ua = await t.started();
    ua.registerOk();
    const s = ua.incoming();
    expect(call(t)).toMatchObject({
      direction: 'incoming',
      phase: 'ringing',
      remoteNumber: '+4930123456',
      remoteName: 'Zoë Müller',
    });
    expect(t.ring).toHaveBeenLastCalledWith({
      key: 'sip:in-1',
      message: { title: 'Incoming call', body: 'Zoë Müller (+4930123456)' },
    });

    t.phone.answer();
    expect(s.answer).toHaveBeenCalledWith({
      mediaConstraints: { audio: { deviceId: { exact: 'mic-2' } }, video: false },
      pcConfig: { iceServers: TICKET.iceServers },
    });
    expect(t.ring).toHaveBeenLastCalledWith(null);
    expect(call(t)?.phase).toBe('connecting');

    const pc = {} as RTCPeerConnection;
    s.emit('peerconnection', { peerconnection: pc });
    expect(t.media.attachRemote).toHaveBeenCalledWith(pc);
    s.emit('accepted', {});
    s.emit('confirmed', {});
    expect(call(t)).toMatchObject({ phase: 'active', answeredAt: 1_000_000 });
  });

  it('declines with 603 and reports it', async () => {
    const t = setup();
    const ua = await t.started();
    ua.registerOk();
    const s = ua.incoming();
    t.phone.decline();
    expect(s.terminate).toHaveBeenCalledWith({ status_code: 603, reason_phrase: 'Decline' });
    s.emit('failed', { originator: 'local', cause: 'Rejected' });
    expect(call(t)).toBeNull();
    expect(t.phone.view.get().notice).toBe('Call from +4930123456 declined.');
    expect(t.ring).toHaveBeenLastCalledWith(null);
  });

  it('a call cancelled while ringing stops the ring and tells a missed call', async () => {
    const t = setup();
    const ua = await t.started();
    ua.registerOk();
    const s = ua.incoming();
    s.emit('failed', { originator: 'remote', cause: 'Canceled' });
    expect(call(t)).toBeNull();
    expect(t.ring).toHaveBeenLastCalledWith(null);
    expect(t.phone.view.get().notice).toBe('Missed call from +4930123456.');
  });

  it('refuses a second incoming call as busy while one is going on', async () => {
    const t = setup();
    const ua = await t.started();
    ua.registerOk();
    ua.incoming('in-1');
    const second = ua.incoming('in-2', '+1555');
    expect(second.terminate).toHaveBeenCalledWith({ status_code: 486, reason_phrase: 'Busy Here' });
    expect(call(t)?.id).toBe('in-1');
  });
});

describe('PhoneController: in call', () => {
  async function activeCall() {
    const t = setup();
    const ua = await t.started();
    ua.registerOk();
    const s = ua.incoming();
    t.phone.answer();
    s.emit('confirmed', {});
    return { t, s };
  }

  it('holds and resumes through JsSIP, the state following its events', async () => {
    const { t, s } = await activeCall();
    t.phone.hold();
    expect(s.hold).toHaveBeenCalled();
    s.emit('hold', { originator: 'local' });
    expect(call(t)?.held).toBe(true);
    t.phone.resume();
    expect(s.unhold).toHaveBeenCalled();
    s.emit('unhold', { originator: 'local' });
    expect(call(t)?.held).toBe(false);
    s.emit('hold', { originator: 'remote' });
    expect(call(t)).toMatchObject({ held: false, remoteHeld: true });
  });

  it('mutes and unmutes the microphone', async () => {
    const { t, s } = await activeCall();
    t.phone.toggleMute();
    expect(s.mute).toHaveBeenCalledWith({ audio: true });
    s.emit('muted', { audio: true });
    expect(call(t)?.muted).toBe(true);
    t.phone.toggleMute();
    expect(s.unmute).toHaveBeenCalledWith({ audio: true });
  });

  it('sends DTMF keys, ignoring anything else', async () => {
    const { t, s } = await activeCall();
    t.phone.sendDtmf('5');
    t.phone.sendDtmf('#');
    t.phone.sendDtmf('x');
    expect(s.sendDTMF.mock.calls).toEqual([['5'], ['#']]);
  });

  it('hangs up; the end detaches the remote audio and says who ended it', async () => {
    const { t, s } = await activeCall();
    t.phone.hangUp();
    expect(s.terminate).toHaveBeenCalledWith();
    s.emit('ended', { originator: 'local', cause: 'Terminated' });
    expect(call(t)).toBeNull();
    expect(t.media.detachRemote).toHaveBeenCalled();
    expect(t.phone.view.get().notice).toBe('Call with +4930123456 ended.');
  });
});

describe('PhoneController: outgoing calls', () => {
  it('dials the number at the SIP domain with media options, and follows progress to active', async () => {
    const t = setup();
    const ua = await t.started();
    ua.registerOk();
    t.phone.call('+49 30 123-456');
    expect(ua.call).toHaveBeenCalledWith('sip:+4930123456@sip.example.com', {
      mediaConstraints: { audio: { deviceId: { exact: 'mic-2' } }, video: false },
      pcConfig: { iceServers: TICKET.iceServers },
    });
    expect(call(t)).toMatchObject({ direction: 'outgoing', phase: 'calling', remoteNumber: '+4930123456' });
    expect(t.ring).not.toHaveBeenCalledWith(expect.objectContaining({ key: expect.any(String) }));
    const s = ua.lastCall!;
    s.emit('progress', { originator: 'remote' });
    expect(call(t)?.phase).toBe('early');
    s.emit('accepted', { originator: 'remote' });
    expect(call(t)).toMatchObject({ phase: 'active', answeredAt: 1_000_000 });
  });

  it("shows the proxy's SIP reason phrase when a call is refused", async () => {
    const t = setup();
    const ua = await t.started();
    ua.registerOk();
    t.phone.call('5550100');
    ua.lastCall!.emit('failed', {
      originator: 'remote',
      cause: 'Rejected',
      message: { status_code: 403, reason_phrase: 'Outbound calls need Not Ready' },
    });
    expect(call(t)).toBeNull();
    expect(t.phone.view.get().notice).toBe('Call to 5550100 failed: Outbound calls need Not Ready (403).');
  });

  it('refuses what is not a dial string, and dialling while not registered', async () => {
    const t = setup();
    const ua = await t.started();
    t.phone.call('1002');
    expect(t.phone.view.get().notice).toBe('The phone is not registered.');
    ua.registerOk();
    t.phone.call('sip:evil@example.com');
    expect(ua.call).not.toHaveBeenCalled();
    expect(t.phone.view.get().notice).toContain('is not a number to dial');
  });
});

describe('PhoneController: one tab has the phone', () => {
  class FakeLock implements PhoneLock {
    events: PhoneLockEvents | null = null;
    start = vi.fn((e: PhoneLockEvents) => {
      this.events = e;
    });
    takeOver = vi.fn();
    release = vi.fn();
  }

  it('waits in standby, starts when the lock is acquired, stops when another tab takes it', async () => {
    const lock = new FakeLock();
    const t = setup({ lock });
    t.phone.start();
    lock.events!.onWaiting();
    expect(reg(t)).toEqual({ kind: 'standby' });
    expect(t.fetchTicket).not.toHaveBeenCalled();
    t.phone.takeOver();
    expect(lock.takeOver).toHaveBeenCalled();
    lock.events!.onAcquired();
    await vi.advanceTimersByTimeAsync(0);
    t.ua().registerOk();
    expect(reg(t)).toEqual({ kind: 'registered' });
    lock.events!.onLost();
    expect(t.ua().stop).toHaveBeenCalled();
    expect(reg(t)).toEqual({ kind: 'standby' });
    t.phone.stop();
    expect(lock.release).toHaveBeenCalled();
  });

  it('keeps the tab lock when another device takes over, so no other tab of this browser grabs the phone back', async () => {
    const lock = new FakeLock();
    const t = setup({ lock });
    t.phone.start();
    lock.events!.onAcquired();
    await vi.advanceTimersByTimeAsync(0);
    t.ua().registerOk();
    t.ua().emit('disconnected', { error: false, code: 4409 });
    expect(reg(t)).toEqual({ kind: 'elsewhere' });
    expect(lock.release).not.toHaveBeenCalled();
    t.phone.useHere();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.uas).toHaveLength(2);
  });
});

describe('failure texts', () => {
  it('explains a SIP challenge: the webphone has no password by design', () => {
    expect(
      registrationFailure({
        cause: 'Authentication Error',
        response: { status_code: 401, reason_phrase: 'Unauthorized' },
      }),
    ).toContain('asks for a SIP password');
    expect(registrationFailure({ cause: 'Request Timeout' })).toBe('Request Timeout');
  });

  it('maps ticket failures', () => {
    expect(ticketFailure(new ApiError(403, { detail: 'Only agents have a webphone.' }, null))).toEqual({
      reason: 'Only agents have a webphone.',
      retry: false,
    });
    expect(ticketFailure(new ApiError(503, null, null)).retry).toBe(true);
  });
});
