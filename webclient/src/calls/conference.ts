import { describeError, type ApiClient } from '../api/client';
import type { DirectoryEntry, Id, PushServerMessage } from '../api/types';
import { Store } from '../util/store';

/** A party of the conference, as the server's `call.conference` push lists it (docs/call-control.md). */
export interface ConferenceParty {
  partyId: string;
  kind: 'customer' | 'agent' | 'number';
  agentId: Id | null;
  displayName: string;
  number: string | null;
  /** `ringing` until its leg entered the room. */
  state: 'ringing' | 'connected';
  joinedAt: string | null;
  you: boolean;
}

export interface ConferenceMessage {
  type: 'call.conference';
  callId: string;
  conference: { parties: ConferenceParty[]; maxParties: number } | null;
  change: { kind: 'joined' | 'left'; party: ConferenceParty } | null;
}

export type ConferenceTarget = { agentId: Id } | { number: string };

export interface ConferenceApi {
  addParty(target: ConferenceTarget): Promise<{ callId: string; partyId: string }>;
  dropParty(partyId: string): Promise<void>;
  end(): Promise<void>;
  directory(): Promise<DirectoryEntry[]>;
  /** The conference of the agent's call as the push carries it (fails with 409 not-on-call when on none). */
  view(): Promise<ConferenceMessage>;
}

export function conferenceApi(api: ApiClient): ConferenceApi {
  return {
    addParty: (target) => api.request('POST', '/api/calls/current/conference/parties', { target }),
    dropParty: (partyId) =>
      api.request<void>('DELETE', `/api/calls/current/conference/parties/${encodeURIComponent(partyId)}`),
    end: () => api.request<void>('POST', '/api/calls/current/conference/end'),
    directory: () => api.agentDirectory(),
    view: () => api.request<ConferenceMessage>('GET', '/api/calls/current/conference'),
  };
}

export interface ConferenceView {
  /** The call the conference belongs to; null when there is none (or it is over for this agent). */
  callId: string | null;
  parties: ConferenceParty[];
  maxParties: number;
  /** The latest join/leave, worded for the agent (announced by a live region). */
  notice: string | null;
  error: string | null;
  busy: boolean;
}

const EMPTY: ConferenceView = { callId: null, parties: [], maxParties: 30, notice: null, error: null, busy: false };

/** Follows `call.conference` pushes and sends the agent's conference requests. */
export class ConferenceController {
  readonly view = new Store<ConferenceView>(EMPTY);
  private readonly unsubscribe: () => void;

  constructor(
    private readonly api: ConferenceApi,
    live: { onMessage(listener: (m: PushServerMessage) => void): () => void },
  ) {
    this.unsubscribe = live.onMessage((m) => {
      const type = (m as { type: string }).type;
      if (type === 'call.conference') this.apply(m as unknown as ConferenceMessage);
      // a (re)connected page may have missed pushes: read the conference of its call
      if (type === 'welcome') void this.refresh();
    });
  }

  /** Reads the conference of the agent's call; on no call (or an error) nothing changes. */
  async refresh(): Promise<void> {
    try {
      const m = await this.api.view();
      this.view.update((v) => ({
        ...v,
        callId: m.conference ? m.callId : null,
        parties: m.conference?.parties ?? [],
        maxParties: m.conference?.maxParties ?? v.maxParties,
      }));
    } catch {
      // not on a call, or offline: the next push says what changed
    }
  }

  stop(): void {
    this.unsubscribe();
  }

  apply(m: ConferenceMessage): void {
    const notice = m.change ? noticeOf(m.change.kind, m.change.party) : this.view.get().notice;
    if (!m.conference) {
      this.view.set({ ...EMPTY, notice });
      return;
    }
    this.view.update((v) => ({
      ...v,
      callId: m.callId,
      parties: m.conference!.parties,
      maxParties: m.conference!.maxParties,
      notice,
    }));
  }

  addAgent(agentId: Id): Promise<boolean> {
    return this.run(() => this.api.addParty({ agentId }));
  }

  addNumber(number: string): Promise<boolean> {
    return this.run(() => this.api.addParty({ number: number.trim() }));
  }

  drop(partyId: string): Promise<boolean> {
    return this.run(() => this.api.dropParty(partyId));
  }

  end(): Promise<boolean> {
    return this.run(() => this.api.end());
  }

  /** Ready colleagues who are not in the conference yet. */
  async colleagues(): Promise<DirectoryEntry[]> {
    const inConference = new Set(this.view.get().parties.map((p) => p.agentId));
    const all = await this.api.directory();
    return all.filter((a) => a.status === 'READY' && !inConference.has(a.agentId));
  }

  private async run(action: () => Promise<unknown>): Promise<boolean> {
    this.view.update((v) => ({ ...v, busy: true, error: null }));
    try {
      await action();
      this.view.update((v) => ({ ...v, busy: false }));
      return true;
    } catch (e) {
      this.view.update((v) => ({ ...v, busy: false, error: describeError(e) }));
      return false;
    }
  }
}

function noticeOf(kind: 'joined' | 'left', p: ConferenceParty): string {
  if (p.you) return kind === 'joined' ? 'You joined the conference.' : 'You left the conference.';
  return `${p.displayName || p.number || 'A party'} ${kind === 'joined' ? 'joined' : 'left'} the conference.`;
}
