// JsSIP's UA and RTCSession at the boundary, for the phone's unit and DOM tests.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import type { MediaOptions, SipSession, SipUa, UaConfig } from '../phone/sipPorts';

/** JsSIP's RTCSession at the boundary: an emitter with the methods the phone calls. */
export class FakeSession extends EventEmitter implements SipSession {
  connection: RTCPeerConnection | null = null;
  ended = false;
  answer = vi.fn((_o: MediaOptions) => {});
  terminate = vi.fn((_o?: { status_code?: number; reason_phrase?: string }) => {});
  hold = vi.fn(() => true);
  unhold = vi.fn(() => true);
  mute = vi.fn();
  unmute = vi.fn();
  sendDTMF = vi.fn();
  constructor(
    readonly id: string,
    readonly direction: 'incoming' | 'outgoing',
    readonly remote_identity: { display_name?: string | null; uri: { user: string | null } },
  ) {
    super();
  }
  isEnded() {
    return this.ended;
  }
}

/** JsSIP's UA at the boundary. `call` emits newRTCSession synchronously, as JsSIP does. */
export class FakeUa extends EventEmitter implements SipUa {
  connected = false;
  registered = false;
  start = vi.fn();
  stop = vi.fn();
  register = vi.fn();
  lastCall: FakeSession | null = null;
  call = vi.fn((target: string, _o: MediaOptions) => {
    const user = /^sip:([^@]+)@/.exec(target)?.[1] ?? '';
    const s = new FakeSession(`out-${user}`, 'outgoing', { uri: { user } });
    this.lastCall = s;
    this.emit('newRTCSession', { originator: 'local', session: s });
    return s;
  });
  constructor(readonly config: UaConfig) {
    super();
  }
  isConnected() {
    return this.connected;
  }
  /** Simulates the transport connecting and the REGISTER's 200. */
  registerOk() {
    this.connected = true;
    this.emit('connecting', {});
    this.emit('connected', {});
    this.registered = true;
    this.emit('registered', {});
  }
  incoming(id = 'in-1', user = '+4930123456', name = 'Zoë Müller', headers: Record<string, string> = {}) {
    const s = new FakeSession(id, 'incoming', { uri: { user }, display_name: name });
    const request = { getHeader: (h: string) => headers[h] };
    this.emit('newRTCSession', { originator: 'remote', session: s, request });
    return s;
  }
}
