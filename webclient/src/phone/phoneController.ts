import { ApiError, NetworkError, describeError } from '../api/client';
import type { SipTicket } from '../api/types';
import type { Ring } from '../alerts/ringAlert';
import { realTimers, type Timers } from '../push/pushClient';
import { Store } from '../util/store';
import { autoAnswers } from './autoAnswer';
import { REATTACH_HEADER, answersReattach } from './reattach';
import type { PhoneLock } from './phoneLock';
import {
  INITIAL_PHONE_VIEW,
  displayNumber,
  endText,
  isDtmfTone,
  normaliseDialString,
  type PhoneCall,
  type PhoneView,
  type Registration,
} from './phoneState';
import type { EndEvent, MediaOptions, SipSession, SipSocket, SipUa, UaFactory } from './sipPorts';

/** The media side the phone needs (see audioDevices.ts): microphone constraints and the remote audio. */
export interface MediaPort {
  constraints(): MediaStreamConstraints;
  attachRemote(pc: RTCPeerConnection): void;
  detachRemote(): void;
}

export interface PhoneDeps {
  fetchTicket: () => Promise<SipTicket>;
  /** Builds the socket for the UA (a TicketSocket in the browser). */
  createSocket: (
    firstTicket: SipTicket,
    onTicket: (t: SipTicket) => void,
    onTicketError: (e: unknown) => void,
  ) => SipSocket;
  createUa: UaFactory;
  media: MediaPort;
  /** The ring alert shared with the call offers (beep + notification). */
  ring: (ring: Ring | null) => void;
  /** Tab election: only one tab of the browser runs the phone. Without it, this tab always does. */
  lock?: PhoneLock | undefined;
  /** The SIP socket was closed because every session of the user ended (logout elsewhere). */
  onSessionEnded?: () => void;
  /** The tenant lets click-to-dial calls (Call-Info answer-after=0) be answered by the phone itself. */
  autoAnswer?: boolean;
  timers?: Timers;
  now?: () => number;
  randomToken?: () => string;
}

/** Close code of the SIP socket when the user's sessions ended (docs/sip-proxy.md). */
export const SIP_CLOSE_SESSION_ENDED = 4001;
/**
 * The server closed this phone because a newer phone of the same agent (another device or browser) took over: one
 * active phone per agent. Reconnecting by itself would take it back in turn, so the phone stays down until the agent
 * asks for it here ("Use the phone here").
 */
export const SIP_CLOSE_REPLACED = 4409;
export const REPLACED_NOTICE = 'Another device took over your phone.';
/** First retry after a failed start or registration; doubles up to {@link RETRY_MAX_MS}. */
export const RETRY_INITIAL_MS = 2000;
export const RETRY_MAX_MS = 60_000;

/**
 * The browser webphone: a JsSIP UA registered through the server's SIP proxy with no agent input,
 * one call at a time, its state in `view`. Reconnection is JsSIP's transport recovery, each attempt
 * with a fresh ticket (TicketSocket).
 */
export class PhoneController {
  readonly view = new Store<PhoneView>(INITIAL_PHONE_VIEW);
  private ua: SipUa | null = null;
  private session: SipSession | null = null;
  private iceServers: RTCIceServer[] = [];
  private domain = '';
  private running = false;
  private retryTimer: unknown = null;
  private retries = 0;
  private readonly timers: Timers;
  private readonly now: () => number;
  /** The call this page asked the server to put back through (reload survival), answered without ringing. */
  private expectedReattach: string | null = null;

  constructor(private readonly deps: PhoneDeps) {
    this.timers = deps.timers ?? realTimers;
    this.now = deps.now ?? Date.now;
  }

  /** Reload survival: the next INVITE naming this call in X-Tandem-Reattach is answered at once (null: none). */
  expectReattach(callId: string | null): void {
    this.expectedReattach = callId;
  }

  /** Starts the phone (or waits for another tab to let it go). */
  start(): void {
    if (this.running) return;
    this.running = true;
    if (!this.deps.lock) {
      void this.begin();
      return;
    }
    this.deps.lock.start({
      onAcquired: () => void this.begin(),
      onWaiting: () => this.patch({ registration: { kind: 'standby' } }),
      onLost: () => {
        this.teardown();
        this.patch({ registration: { kind: 'standby' }, notice: 'The phone moved to another tab.' });
      },
    });
  }

  /** Stops the phone: ends a call, unregisters, lets another tab take the phone. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.teardown();
    this.deps.lock?.release();
    this.patch({ registration: { kind: 'off' } });
  }

  /**
   * Takes the phone back from the agent's other device: this phone registers again and the server closes the
   * other one (which then shows that another device took over).
   */
  useHere(): void {
    if (!this.running || this.view.get().registration.kind !== 'elsewhere') return;
    this.patch({ notice: null });
    void this.begin();
  }

  /** Moves the phone to this tab from another one (which stops its phone). */
  takeOver(): void {
    this.deps.lock?.takeOver();
  }

  // ---- call actions ----

  call(input: string): void {
    const number = normaliseDialString(input);
    if (!number) {
      this.patch({ notice: `"${input}" is not a number to dial.` });
      return;
    }
    if (!this.ua || this.view.get().registration.kind !== 'registered') {
      this.patch({ notice: 'The phone is not registered.' });
      return;
    }
    if (this.session) {
      this.patch({ notice: 'Finish the current call first.' });
      return;
    }
    this.patch({ notice: null });
    try {
      // newRTCSession fires inside call(): the session is tracked there
      this.ua.call(`sip:${number}@${this.domain}`, this.mediaOptions());
    } catch (e) {
      this.patch({ notice: `The call could not start: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  answer(): void {
    const s = this.session;
    const call = this.view.get().call;
    if (!s || call?.phase !== 'ringing') return;
    this.deps.ring(null);
    this.patchCall({ phase: 'connecting' });
    try {
      s.answer(this.mediaOptions());
    } catch (e) {
      this.patch({ notice: `The call could not be answered: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  decline(): void {
    if (this.view.get().call?.phase !== 'ringing') return;
    this.session?.terminate({ status_code: 603, reason_phrase: 'Decline' });
  }

  hangUp(): void {
    this.session?.terminate();
  }

  hold(): void {
    if (this.isActive()) this.session!.hold();
  }

  resume(): void {
    if (this.isActive()) this.session!.unhold();
  }

  toggleMute(): void {
    const s = this.session;
    const call = this.view.get().call;
    if (!s || !call || call.phase === 'ringing') return;
    if (call.muted) s.unmute({ audio: true });
    else s.mute({ audio: true });
  }

  sendDtmf(tone: string): void {
    if (isDtmfTone(tone) && this.isActive()) this.session!.sendDTMF(tone);
  }

  dismissNotice(): void {
    this.patch({ notice: null });
  }

  // ---- lifecycle ----

  private async begin(): Promise<void> {
    if (!this.running || this.ua) return;
    this.clearRetry();
    this.patch({ registration: { kind: 'connecting', reason: null } });
    let ticket: SipTicket;
    try {
      ticket = await this.deps.fetchTicket();
    } catch (e) {
      if (!this.running) return;
      if (e instanceof ApiError && e.code === 'no-phone-system') {
        // said once, no retry: the server has no PBX to reach (it refuses every ticket the same way)
        this.patch({ registration: { kind: 'none' } });
        return;
      }
      const failure = ticketFailure(e);
      this.patch({ registration: { kind: 'failed', reason: failure.reason, retrying: failure.retry } });
      if (failure.retry) this.retryLater(() => void this.begin());
      return;
    }
    if (!this.running || this.ua) return;
    this.retries = 0;
    this.useTicket(ticket);
    const aorUser = ticket.authorizationUser;
    this.domain = ticket.sipUri.replace(/^sips?:/i, '').replace(/^[^@]*@/, '');
    const socket = this.deps.createSocket(
      ticket,
      (t) => this.useTicket(t),
      (e) => this.patch({ registration: { kind: 'connecting', reason: ticketFailure(e).reason } }),
    );
    const ua = this.deps.createUa({
      socket,
      uri: ticket.sipUri,
      authorizationUser: aorUser,
      displayName: ticket.displayName,
      // the AOR user as contact user: in-dialog requests then carry the agent's own identity
      contactUri: `sip:${aorUser}@${(this.deps.randomToken ?? randomToken)()}.invalid;transport=ws`,
    });
    this.ua = ua;
    this.patch({ sipUser: aorUser });
    this.bindUa(ua);
    ua.start();
  }

  private teardown(): void {
    this.clearRetry();
    const s = this.session;
    if (s && !s.isEnded()) {
      try {
        s.terminate();
      } catch {
        /* already ending */
      }
    }
    this.endCall(null);
    const ua = this.ua;
    this.ua = null;
    if (ua) {
      try {
        ua.stop();
      } catch {
        /* nothing to stop */
      }
    }
  }

  private bindUa(ua: SipUa): void {
    // JsSIP's events are untyped objects; each handler narrows what it reads
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const mine = (fn: (ev: any) => void) => (ev: any) => {
      if (this.ua === ua) fn(ev);
    };
    ua.on(
      'connecting',
      mine(() => {
        const r = this.view.get().registration;
        if (r.kind !== 'connecting' && r.kind !== 'failed') this.setRegistration({ kind: 'connecting', reason: null });
      }),
    );
    ua.on(
      'connected',
      mine(() => this.setRegistration({ kind: 'registering' })),
    );
    ua.on(
      'disconnected',
      mine((ev: { code?: number; reason?: string }) => {
        if (ev?.code === SIP_CLOSE_SESSION_ENDED) {
          this.stop();
          this.deps.onSessionEnded?.();
          return;
        }
        if (ev?.code === SIP_CLOSE_REPLACED) {
          // the tab lock is kept: another tab of this browser must not take the phone back by itself
          this.teardown();
          this.patch({ registration: { kind: 'elsewhere' }, notice: REPLACED_NOTICE });
          return;
        }
        const current = this.view.get().registration;
        const reason = current.kind === 'connecting' && current.reason ? current.reason : 'connection lost';
        this.setRegistration({ kind: 'connecting', reason });
      }),
    );
    ua.on(
      'registered',
      mine(() => {
        this.clearRetry();
        this.retries = 0;
        this.setRegistration({ kind: 'registered' });
      }),
    );
    ua.on(
      'unregistered',
      mine(() => {
        if (ua.isConnected()) {
          this.setRegistration({ kind: 'registering' });
          ua.register();
        }
      }),
    );
    ua.on(
      'registrationFailed',
      mine((ev: { cause?: string; response?: { status_code?: number; reason_phrase?: string } | null }) => {
        const connectionLost = !ua.isConnected();
        this.setRegistration({ kind: 'failed', reason: registrationFailure(ev), retrying: true });
        // a lost connection re-registers on reconnect by itself; a refusal is retried here
        if (!connectionLost) this.retryLater(() => this.ua === ua && ua.isConnected() && ua.register());
      }),
    );
    ua.on(
      'newRTCSession',
      mine(
        (ev: {
          originator: string;
          session: SipSession;
          request?: { getHeader?: (name: string) => string | undefined };
        }) =>
          this.onNewSession(ev.session, ev.request?.getHeader?.('Call-Info'), ev.request?.getHeader?.(REATTACH_HEADER)),
      ),
    );
  }

  private onNewSession(s: SipSession, callInfo?: string, reattach?: string): void {
    if (this.session) {
      // one call at a time: a second incoming call is refused as busy
      if (s.direction === 'incoming') s.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
      return;
    }
    this.session = s;
    const incoming = s.direction === 'incoming';
    const call: PhoneCall = {
      id: s.id,
      direction: s.direction,
      phase: incoming ? 'ringing' : 'calling',
      remoteNumber: displayNumber(s.remote_identity?.uri?.user ?? '', this.view.get().sipUser),
      remoteName: s.remote_identity?.display_name ?? '',
      held: false,
      remoteHeld: false,
      muted: false,
      answeredAt: null,
    };
    this.patch({ call, notice: null });
    // JsSIP's events are untyped objects; each handler narrows what it reads
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const mine = (fn: (ev: any) => void) => (ev: any) => {
      if (this.session === s) fn(ev);
    };
    if (s.connection) this.deps.media.attachRemote(s.connection);
    s.on(
      'peerconnection',
      mine((ev: { peerconnection: RTCPeerConnection }) => this.deps.media.attachRemote(ev.peerconnection)),
    );
    s.on(
      'progress',
      mine(() => {
        if (!incoming) this.patchCall({ phase: 'early' });
      }),
    );
    s.on(
      'accepted',
      mine(() => this.patchCall({ phase: 'active', answeredAt: this.now() })),
    );
    s.on(
      'confirmed',
      mine(() => {
        const c = this.view.get().call;
        this.patchCall({ phase: 'active', answeredAt: c?.answeredAt ?? this.now() });
      }),
    );
    s.on(
      'hold',
      mine((ev: { originator: string }) =>
        this.patchCall(ev.originator === 'local' ? { held: true } : { remoteHeld: true }),
      ),
    );
    s.on(
      'unhold',
      mine((ev: { originator: string }) =>
        this.patchCall(ev.originator === 'local' ? { held: false } : { remoteHeld: false }),
      ),
    );
    s.on(
      'muted',
      mine(() => this.patchCall({ muted: true })),
    );
    s.on(
      'unmuted',
      mine(() => this.patchCall({ muted: false })),
    );
    s.on(
      'ended',
      mine((ev: EndEvent) => this.endCall(endText(this.view.get().call ?? call, ev, false))),
    );
    s.on(
      'failed',
      mine((ev: EndEvent) => this.endCall(endText(this.view.get().call ?? call, ev, true))),
    );
    if (incoming && answersReattach(this.expectedReattach, reattach)) {
      // reload survival: the call this page asked back, bridged by the server to the waiting customer
      this.expectedReattach = null;
      this.answer();
      return;
    }
    if (incoming && autoAnswers(this.deps.autoAnswer === true, callInfo)) {
      // click-to-dial: the server rings this phone for a call the agent (or the CRM) asked for
      this.answer();
      return;
    }
    if (incoming) {
      const who = call.remoteName ? `${call.remoteName} (${call.remoteNumber})` : call.remoteNumber || 'Unknown caller';
      this.deps.ring({ key: `sip:${s.id}`, message: { title: 'Incoming call', body: who } });
    }
  }

  private endCall(notice: string | null): void {
    const had = this.session != null || this.view.get().call != null;
    this.session = null;
    this.deps.ring(null);
    if (!had) return;
    this.deps.media.detachRemote();
    this.patch(notice == null ? { call: null } : { call: null, notice });
  }

  // ---- helpers ----

  private isActive(): boolean {
    return this.session != null && this.view.get().call?.phase === 'active';
  }

  private mediaOptions(): MediaOptions {
    return { mediaConstraints: this.deps.media.constraints(), pcConfig: { iceServers: this.iceServers } };
  }

  private useTicket(t: SipTicket): void {
    this.iceServers = (t.iceServers ?? []).map((s) => ({ ...s }));
  }

  private retryLater(fn: () => void): void {
    this.clearRetry();
    const delay = Math.min(RETRY_MAX_MS, RETRY_INITIAL_MS * 2 ** this.retries);
    this.retries += 1;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      if (this.running) fn();
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer != null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setRegistration(registration: Registration): void {
    if (this.running) this.patch({ registration });
  }

  private patchCall(p: Partial<PhoneCall>): void {
    const call = this.view.get().call;
    if (call) this.patch({ call: { ...call, ...p } });
  }

  private patch(p: Partial<PhoneView>): void {
    this.view.update((v) => ({ ...v, ...p }));
  }
}

/** Why a ticket could not be had, and whether trying again can help. */
export function ticketFailure(e: unknown): { reason: string; retry: boolean } {
  if (e instanceof ApiError) {
    if (e.status === 404) return { reason: 'this server has no webphone', retry: false };
    if (e.status === 403) return { reason: describeError(e), retry: false };
    if (e.status === 401) return { reason: 'signed out', retry: false };
    return { reason: describeError(e), retry: true };
  }
  if (e instanceof NetworkError) return { reason: 'server unreachable', retry: true };
  return { reason: 'no SIP ticket', retry: true };
}

export function registrationFailure(ev: {
  cause?: string;
  response?: { status_code?: number; reason_phrase?: string } | null;
}): string {
  const code = ev.response?.status_code;
  if (code === 401 || code === 407) {
    // the webphone has no SIP password by design: the server's proxy authenticates the agent
    return `the phone system asks for a SIP password (${code}); configure the endpoint without authentication`;
  }
  const phrase = ev.response?.reason_phrase?.trim();
  if (phrase) return code ? `${phrase} (${code})` : phrase;
  return ev.cause ?? 'unknown reason';
}

/** 12 random letters and digits, like JsSIP's own contact host. */
function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}
