// The boundary between the phone logic and JsSIP: only what the phone uses, so the unit tests can
// stand in for JsSIP's UA and RTCSession. The real adapter is jssipUa.ts.

// JsSIP emits plain objects; each handler narrows what it reads.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (event: any) => void;

/** JsSIP's `UA`, reduced. Events: connecting, connected, disconnected, registered, unregistered,
 * registrationFailed, newRTCSession. */
export interface SipUa {
  on(event: string, listener: Listener): unknown;
  start(): void;
  stop(): void;
  register(): void;
  isConnected(): boolean;
  call(target: string, options: CallOptions): SipSession;
}

export interface MediaOptions {
  mediaConstraints: MediaStreamConstraints;
  pcConfig: RTCConfiguration;
}

export type CallOptions = MediaOptions;

/** JsSIP's `RTCSession`, reduced. Events: peerconnection, progress, accepted, confirmed, ended,
 * failed, hold, unhold, muted, unmuted. */
export interface SipSession {
  readonly id: string;
  readonly direction: 'incoming' | 'outgoing';
  readonly remote_identity: { display_name?: string | null; uri: { user: string | null } };
  readonly connection: RTCPeerConnection | null | undefined;
  on(event: string, listener: Listener): unknown;
  answer(options: MediaOptions): void;
  terminate(options?: { status_code?: number; reason_phrase?: string }): void;
  hold(): boolean;
  unhold(): boolean;
  mute(options?: { audio?: boolean }): void;
  unmute(options?: { audio?: boolean }): void;
  sendDTMF(tones: string): void;
  isEnded(): boolean;
}

/** What a session's `ended` / `failed` event carries. */
export interface EndEvent {
  originator: 'local' | 'remote' | 'system';
  cause?: string;
  message?: { status_code?: number; reason_phrase?: string } | null;
}

/** JsSIP's Socket interface (jssip/lib/Socket.d.ts): what a UA's transport drives. */
export interface SipSocket {
  readonly via_transport: string;
  readonly url: string;
  readonly sip_uri: string;
  connect(): void;
  disconnect(): void;
  send(message: string): boolean;
  isConnected(): boolean;
  isConnecting(): boolean;
  onconnect: () => void;
  ondisconnect: (error: boolean, code?: number, reason?: string) => void;
  ondata: (data: unknown) => void;
}

export interface UaConfig {
  socket: SipSocket;
  uri: string;
  authorizationUser: string;
  displayName: string;
  /** `sip:<AOR user>@<random>.invalid;transport=ws`. */
  contactUri: string;
}

export type UaFactory = (config: UaConfig) => SipUa;
