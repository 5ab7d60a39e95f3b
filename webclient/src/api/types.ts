// Wire types of the server's HTTP and push API (one place, shared by every module).
import type { CallControlPush } from '../callcontrol/types';
import type { TeamPushMessage } from '../staff/teamTypes';

/** RFC 9457 problem details, as the server sends them with `application/problem+json`. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  /** Stable kebab-case error code, e.g. `invalid-credentials`. */
  code?: string;
  requestId?: string;
}

export type Role = 'agent' | 'supervisor' | 'admin';

/** Database ids are JSON numbers (Java longs; all well below 2^53). */
export type Id = number;

export interface User {
  id: Id;
  username: string;
  displayName: string;
  role: Role;
}

export interface Tenant {
  domain: string;
  name: string;
}

export interface Agent {
  id: Id;
  number: string;
  extension: string;
}

export interface Reason {
  code: string;
  label: string;
}

export interface AttachedDataKey {
  position: number;
  name: string;
  /** What the agent reads instead of the name ("Customer number"); empty or missing: the name is shown. */
  label?: string;
}

export interface TenantConfig {
  notReadyReasons: Reason[];
  allowEndWrapupEarly: boolean;
  attachedDataKeys: AttachedDataKey[];
  /** Beep while a call rings; a server that does not send it means true. */
  ringBeep?: boolean;
  /** Desktop notification while a call rings; a server that does not send it means true. */
  ringNotification?: boolean;
  /** The tenant's dispositions (outcomes an agent gives a call), in display order. */
  dispositions?: Disposition[];
  /** Wrap-up after an answered call lasts until the call has a disposition. */
  dispositionRequired?: boolean;
  /** The webphone answers click-to-dial calls (Call-Info answer-after=0) by itself. */
  autoAnswer?: boolean;
}

export interface Disposition {
  code: string;
  label: string;
}

/** `PUT /api/calls/{callId}/disposition` answer. */
export interface DispositionGiven {
  callId: string;
  code: string;
  label: string;
  note: string;
}

/** An agent's personal callback (`/api/callbacks`). */
export interface Callback {
  id: Id;
  /** ISO instant. */
  dueAt: string;
  number: string;
  name: string;
  note: string;
  /** The call it was scheduled from, if any. */
  callId: string | null;
  status: 'open' | 'done' | 'cancelled';
  remindedAt: string | null;
  createdAt: string;
}

/** What an agent writes of a callback. */
export interface CallbackFields {
  dueAt: string;
  number: string;
  name: string;
  note: string;
  callId?: string | null;
}

export interface SessionInfo {
  accessToken: string;
  /** ISO instant at which `accessToken` stops being accepted. */
  expiresAt: string;
  serverTime?: string;
  /** An admin asked this user to choose their own password: nothing else is open until they do. */
  passwordChangeRequired?: boolean;
  user: User;
  tenant: Tenant;
  agent: Agent | null;
  config: TenantConfig;
}

export interface LoginRequest {
  username: string;
  password: string;
  domain: string;
}

export type AgentStatus = 'LOGGED_OUT' | 'NOT_READY' | 'READY' | 'WRAPUP' | 'PENDING_NOT_READY';
export type CallKind = 'QUEUE' | 'DIRECT' | 'OUTBOUND';
export type CallState = 'RINGING' | 'TALKING' | 'HELD' | 'DIALING';

export interface CallView {
  callId: string;
  kind: CallKind;
  state: CallState;
  since: string;
  answered: boolean;
}

export interface AgentStateView {
  agentId: Id;
  status: AgentStatus;
  reason: Reason | null;
  since: string;
  wrapupEndsAt: string | null;
  call: CallView | null;
  /** The call whose disposition the running wrap-up waits for (the tenant requires one); absent from older servers. */
  dispositionOwed?: string | null;
  /** Server clock when the view was produced; used to correct client clock skew. */
  serverTime: string;
}

/** One call variable (IVR or CRM data), at the position the tenant gave its key. */
export interface AttachedDataItem {
  position: number;
  key: string;
  value: string;
}

export interface CallQueue {
  name: string;
  label: string;
}

export interface CallPopup {
  url: string;
  openOn: 'ring' | 'answer';
}

/** A call offered to the agent, pushed before it is answered. */
export interface CallOffer {
  callId: string;
  kind: CallKind;
  queue: CallQueue | null;
  callerNumber: string;
  callerName: string;
  attachedData: AttachedDataItem[];
  popup: CallPopup | null;
  offeredAt: string;
}

export type StateChangeRequest = { status: 'READY' } | { status: 'NOT_READY'; reasonCode: string };

// ---- webphone ----

/** WebRTC's RTCIceServer, as the server hands it out (TURN with short-lived credentials). */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** `POST /api/sip/ticket`: a single-use ticket for one SIP WebSocket, and the webphone's settings. */
export interface SipTicket {
  ticket: string;
  expiresAt: string;
  /** Path of the SIP WebSocket on this server, e.g. `/api/sip`. */
  wsPath: string;
  /** `sip:<tenant>-<extension>@<domain>`. */
  sipUri: string;
  authorizationUser: string;
  displayName: string;
  iceServers: IceServer[];
}

/** `GET /api/agents/directory`: a colleague (same tenant) to call. */
export interface DirectoryEntry {
  agentId: Id;
  displayName: string;
  extension: string;
  status: AgentStatus;
}

// ---- push channel (/api/push) ----

export type PushClientMessage = { type: 'auth'; token: string } | { type: 'ping' };

export type PushServerMessage =
  /** `pbxUp`: whether the phone system (Asterisk) is reachable; null when the server runs without one. */
  | { type: 'welcome'; state: AgentStateView | null; pbxUp?: boolean | null }
  /** The server's link to the phone system went up or down. */
  | { type: 'pbx.link'; up: boolean }
  | { type: 'agent.state'; state: AgentStateView }
  | { type: 'session.ended'; reason: string }
  /** A call offered to this agent (all its tabs), before answer. */
  | { type: 'call.offer'; call: CallOffer }
  /** Attached data added later (e.g. by a CRM) to an offered or current call. */
  | { type: 'call.data'; callId: string; attachedData: AttachedDataItem[] }
  /** Supervisors and admins: the team view's deltas and their own monitoring (staff/teamTypes.ts). */
  | TeamPushMessage
  | CallControlPush
  /** One of the agent's callbacks fell due (once; a reloaded page finds it due in GET /api/callbacks). */
  | { type: 'callback.due'; callback: Callback }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string };

/** WebSocket close code the server uses for a missing, invalid or expired token. */
export const CLOSE_AUTH_FAILED = 4401;
/** Close code after `session.ended`: every session of the user ended (logout). */
export const CLOSE_SESSION_ENDED = 4001;
/** Close code when a connection presented another user's token. */
export const CLOSE_FORBIDDEN = 4403;
