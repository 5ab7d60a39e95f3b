import { describeError } from '../api/client';
import type { AgentStateView, PushServerMessage, StateChangeRequest } from '../api/types';
import { isNewerOrSame } from '../agent/presentation';
import { clockSkewMs } from '../agent/time';
import { EMPTY_BOOK, addData, addOffer, nextExpiry, reconcile, type CallBook } from '../calls/callBook';
import {
  PushClient,
  realTimers,
  type PushStatus,
  type RenewResult,
  type SocketLike,
  type Timers,
} from '../push/pushClient';
import { Store } from '../util/store';

export interface AgentApi {
  getAgentState(): Promise<AgentStateView>;
  setAgentState(req: StateChangeRequest): Promise<AgentStateView>;
  endWrapup(): Promise<AgentStateView>;
}

/** What LiveController needs from the session. */
export interface SessionPort {
  getToken(): string | null;
  renew(): Promise<RenewResult>;
  authorized<T>(call: () => Promise<T>): Promise<T>;
  endedRemotely(): void;
  onTokenRenewed(listener: (token: string) => void): () => void;
}

export interface LiveView {
  /** null until the first state arrives, and for users who are not agents. */
  agentState: AgentStateView | null;
  /** server clock - local clock, measured when `agentState` arrived. */
  skewMs: number;
  connection: PushStatus;
  /** The latest refusal or failure to show in the alert region. */
  alert: string | null;
  /** A state request is in flight. */
  busy: boolean;
  /** Call offers (with their attached data) of the agent's ringing or current call. */
  calls: CallBook;
}

export interface LiveDeps {
  api: AgentApi;
  session: SessionPort;
  isAgent: boolean;
  pushUrl: string;
  createSocket: (url: string) => SocketLike;
  timers?: Timers;
  now?: () => number;
}

/**
 * The live part of a signed-in session: the push channel and, for agents, the agent
 * state with its actions. One instance per sign-in; `stop` releases everything.
 */
export class LiveController {
  readonly view = new Store<LiveView>({
    agentState: null,
    skewMs: 0,
    connection: 'connecting',
    alert: null,
    busy: false,
    calls: EMPTY_BOOK,
  });
  private readonly push: PushClient;
  private readonly now: () => number;
  private readonly timers: Timers;
  private expiryTimer: unknown = null;
  private unsubscribeToken: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly deps: LiveDeps) {
    this.now = deps.now ?? Date.now;
    this.timers = deps.timers ?? realTimers;
    this.push = new PushClient({
      url: deps.pushUrl,
      createSocket: deps.createSocket,
      getToken: () => deps.session.getToken(),
      renewToken: () => deps.session.renew(),
      onMessage: (m) => this.onPush(m),
      onStatus: (connection) => this.patch({ connection }),
      onReconnected: () => void this.refetch(),
      ...(deps.timers ? { timers: deps.timers } : {}),
    });
  }

  start(): void {
    this.unsubscribeToken = this.deps.session.onTokenRenewed((t) => this.push.sendAuth(t));
    this.push.start();
    void this.refetch();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribeToken?.();
    this.push.stop();
    this.clearExpiry();
  }

  ready(): Promise<void> {
    return this.request(() => this.deps.api.setAgentState({ status: 'READY' }));
  }

  notReady(reasonCode: string): Promise<void> {
    return this.request(() => this.deps.api.setAgentState({ status: 'NOT_READY', reasonCode }));
  }

  endWrapup(): Promise<void> {
    return this.request(() => this.deps.api.endWrapup());
  }

  showAlert(message: string | null): void {
    this.patch({ alert: message });
  }

  private async request(call: () => Promise<AgentStateView>): Promise<void> {
    if (this.view.get().busy) return;
    this.patch({ busy: true, alert: null });
    try {
      this.applyState(await this.deps.session.authorized(call));
    } catch (e) {
      if (!this.stopped) this.patch({ alert: describeError(e) });
    } finally {
      if (!this.stopped) this.patch({ busy: false });
    }
  }

  private async refetch(): Promise<void> {
    if (!this.deps.isAgent) return;
    try {
      this.applyState(await this.deps.session.authorized(() => this.deps.api.getAgentState()));
    } catch {
      // The push channel delivers the state too; a failed fetch is not worth an alert.
    }
  }

  private onPush(msg: PushServerMessage): void {
    switch (msg.type) {
      case 'welcome':
        if (msg.state) this.applyState(msg.state);
        break;
      case 'agent.state':
        this.applyState(msg.state);
        break;
      case 'call.offer':
        if (msg.call?.callId) this.setCalls(addOffer(this.view.get().calls, msg.call, this.now(), this.view.get().agentState));
        break;
      case 'call.data':
        this.setCalls(addData(this.view.get().calls, msg.callId, msg.attachedData ?? []));
        break;
      case 'session.ended':
        this.deps.session.endedRemotely();
        break;
      case 'error':
        this.patch({ alert: msg.message || `Push channel error: ${msg.code}` });
        break;
    }
  }

  private applyState(state: AgentStateView): void {
    if (this.stopped || !state) return;
    const current = this.view.get();
    if (!isNewerOrSame(current.agentState, state)) return;
    this.patch({ agentState: state, skewMs: clockSkewMs(state.serverTime, this.now()) });
    this.setCalls(reconcile(current.calls, state, this.now()));
  }

  private setCalls(calls: CallBook): void {
    if (this.stopped || calls === this.view.get().calls) return;
    this.patch({ calls });
    this.scheduleExpiry();
  }

  /** Drops offers the agent state never confirmed once they are too old (see callBook). */
  private scheduleExpiry(): void {
    this.clearExpiry();
    const at = nextExpiry(this.view.get().calls);
    if (at == null) return;
    this.expiryTimer = this.timers.setTimeout(() => {
      this.expiryTimer = null;
      const { calls, agentState } = this.view.get();
      const next = reconcile(calls, agentState, this.now());
      if (next !== calls) this.patch({ calls: next });
      this.scheduleExpiry(); // also when the timer fired a little early
    }, Math.max(0, at - this.now()));
  }

  private clearExpiry(): void {
    if (this.expiryTimer != null) this.timers.clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
  }

  private patch(p: Partial<LiveView>): void {
    if (this.stopped && !('connection' in p)) return;
    this.view.update((v) => ({ ...v, ...p }));
  }
}
