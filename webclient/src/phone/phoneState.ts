// The webphone's view state and the pure rules around it (texts, dial strings, what may be dialled).
import type { AgentStatus, DirectoryEntry } from '../api/types';

export type Registration =
  /** Not started, or stopped (signed out). */
  | { kind: 'off' }
  /** Another tab of this browser has the phone. */
  | { kind: 'standby' }
  /**
   * Another device or browser of the agent took the phone over (one active phone per agent, the newest wins): this
   * tab keeps its tab lock, so no other tab here grabs the phone back, and takes it back only when asked.
   */
  | { kind: 'elsewhere' }
  /** Getting a ticket / opening the SIP WebSocket; `reason` says why a previous attempt failed. */
  | { kind: 'connecting'; reason: string | null }
  | { kind: 'registering' }
  | { kind: 'registered' }
  /** The server has no phone system configured (development without Asterisk): nothing to connect to. */
  | { kind: 'none' }
  /** Registration refused or impossible; `retrying` when the phone tries again by itself. */
  | { kind: 'failed'; reason: string; retrying: boolean };

/**
 * - incoming: ringing → connecting (answered, waiting for the ACK) → active
 * - outgoing: calling → early (ringing at the far end) → active
 */
export type CallPhase = 'ringing' | 'calling' | 'early' | 'connecting' | 'active';

export interface PhoneCall {
  id: string;
  direction: 'incoming' | 'outgoing';
  phase: CallPhase;
  remoteNumber: string;
  remoteName: string;
  /** This side put the call on hold. */
  held: boolean;
  /** The far end put the call on hold. */
  remoteHeld: boolean;
  muted: boolean;
  /** Local clock (ms) when the call was answered, for the call timer. */
  answeredAt: number | null;
}

export interface PhoneView {
  registration: Registration;
  call: PhoneCall | null;
  /** The outcome of the last call or action worth telling (a refusal's SIP reason phrase). */
  notice: string | null;
  /** The AOR user, `<tenant>-<extension>`, once known. */
  sipUser: string | null;
}

export const INITIAL_PHONE_VIEW: PhoneView = { registration: { kind: 'off' }, call: null, notice: null, sipUser: null };

export function registrationText(r: Registration): string {
  switch (r.kind) {
    case 'off':
      return 'Phone off';
    case 'standby':
      return 'Phone in use in another tab';
    case 'elsewhere':
      return 'Phone in use on another device';
    case 'connecting':
      return r.reason ? `Phone reconnecting… (${r.reason})` : 'Phone connecting…';
    case 'registering':
      return 'Phone registering…';
    case 'registered':
      return 'Phone ready';
    case 'none':
      return 'No phone system configured';
    case 'failed':
      return `Phone not registered: ${r.reason}${r.retrying ? ' (retrying)' : ''}`;
  }
}

export const PHASE_TEXT: Record<CallPhase, string> = {
  ringing: 'Incoming call',
  calling: 'Calling…',
  early: 'Ringing…',
  connecting: 'Connecting…',
  active: 'Connected',
};

/** What the proxy accepts as a dial string: digits, optionally a leading +, and * and #. */
const DIAL_STRING = /^\+?[0-9*#]{1,32}$/;

/** The number as typed, without spaces, dashes, dots and brackets; null if it is no dial string. */
export function normaliseDialString(input: string): string | null {
  const compact = input.replace(/[\s\-()./]/g, '');
  return DIAL_STRING.test(compact) ? compact : null;
}

/**
 * The number to show for a remote SIP user: a colleague's AOR `<tenant>-<ext>` of the agent's own tenant
 * shows as the extension, anything else as it is.
 */
export function displayNumber(remoteUser: string, ownAorUser: string | null): string {
  const dash = ownAorUser?.lastIndexOf('-') ?? -1;
  if (dash <= 0) return remoteUser;
  const prefix = ownAorUser!.slice(0, dash + 1);
  const rest = remoteUser.startsWith(prefix) ? remoteUser.slice(prefix.length) : '';
  return /^[0-9]+$/.test(rest) ? rest : remoteUser;
}

export const DTMF_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

export function isDtmfTone(key: string): boolean {
  return /^[0-9*#A-D]$/.test(key);
}

/** Whether a number may be dialled now, and why not (the server/proxy enforces the same rules). */
export type DialPermission = { allowed: true } | { allowed: false; why: string };

export function numberDialPermission(status: AgentStatus | null, phone: PhoneView): DialPermission {
  const common = phoneBusy(phone);
  if (common) return common;
  if (status !== 'NOT_READY') return { allowed: false, why: 'Outbound calls need Not Ready.' };
  return { allowed: true };
}

export function colleagueDialPermission(
  colleague: DirectoryEntry,
  ownAgentId: number | null,
  phone: PhoneView,
): DialPermission {
  const common = phoneBusy(phone);
  if (common) return common;
  if (colleague.agentId === ownAgentId) return { allowed: false, why: 'This is you.' };
  if (colleague.status !== 'READY') return { allowed: false, why: 'Only Ready colleagues can take a call.' };
  return { allowed: true };
}

function phoneBusy(phone: PhoneView): DialPermission | null {
  if (phone.registration.kind !== 'registered') return { allowed: false, why: 'The phone is not registered.' };
  if (phone.call) return { allowed: false, why: 'Finish the current call first.' };
  return null;
}

/** The text for a call that ended or failed, from JsSIP's cause and the SIP response, if any. */
export function endText(
  call: Pick<PhoneCall, 'direction' | 'phase' | 'remoteNumber'>,
  ev: { originator?: string; cause?: string; message?: { status_code?: number; reason_phrase?: string } | null },
  failed: boolean,
): string {
  const who = call.remoteNumber || 'unknown number';
  if (!failed)
    return ev.originator === 'remote' ? `Call with ${who} ended by the other side.` : `Call with ${who} ended.`;
  if (call.direction === 'incoming') {
    if (ev.originator === 'local') return `Call from ${who} declined.`;
    return `Missed call from ${who}.`;
  }
  const phrase = ev.message?.reason_phrase?.trim();
  const code = ev.message?.status_code;
  if (ev.originator === 'local') return `Call to ${who} cancelled.`;
  if (phrase) return `Call to ${who} failed: ${phrase}${code ? ` (${code})` : ''}.`;
  return `Call to ${who} failed: ${ev.cause ?? 'unknown reason'}.`;
}
