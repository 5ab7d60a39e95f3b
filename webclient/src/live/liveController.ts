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
  endedRemotely(reason?: string): void;
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
  /** Whether the phone system is reachable: null when unknown or when the server runs without one. */
  pbxUp: boolean | null;
  /**
   * Local time (ms) when the push channel was lost, while the state shown may be out of date: from the loss of a
   * channel that was up until it is back and the state has been read again. null otherwise.
   */
  staleSince: number | null;
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
    pbxUp: null,
    staleSince: null,
  });
  /** The push channel was up once: losing it from then on makes the state shown stale. */
  private everConnected = false;
  private readonly push: PushClient;
  private readonly now: () => number;
  private readonly timers: Timers;
  private expiryTimer: unknown = null;
  private unsubscribeToken: (() => void) | null = null;
  private stopped = false;
  private readonly pushListeners = new Set<(msg: PushServerMessage) => void>();
  private readonly reconnectListeners = new Set<() => void>();

  constructor(private readonly deps: LiveDeps) {
    this.now = deps.now ?? Date.now;
    this.timers = deps.timers ?? realTimers;
    this.push = new PushClient({
      url: deps.pushUrl,
      createSocket: deps.createSocket,
      getToken: () => deps.session.getToken(),
      renewToken: () => deps.session.renew(),
      onMessage: (m) => this.onPush(m),
      onStatus: (connection) => this.onStatus(connection),
      onReconnected: () => {
        void this.refetch().then((read) => {
          if (read || !this.deps.isAgent) this.patch({ staleSince: null });
        });
        this.reconnectListeners.forEach((l) => l());
      },
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

  /** Every push message, for feature modules (e.g. the supervisor page); returns the unsubscribe. */
  onMessage(listener: (msg: PushServerMessage) => void): () => void {
    this.pushListeners.add(listener);
    return () => this.pushListeners.delete(listener);
  }

  /** Called after the push channel reconnected (messages may have been missed). */
  onReconnected(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  /** The session's current access token (memory only), for API clients of feature modules. */
  currentToken(): string | null {
    return this.deps.session.getToken();
  }

  /** Runs an API call with the session's token, renewing it once on a 401. */
  authorized<T>(call: () => Promise<T>): Promise<T> {
    return this.deps.session.authorized(call);
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

  private onStatus(connection: PushStatus): void {
    if (connection === 'connected') {
      this.everConnected = true;
      this.patch({ connection });
    } else if (connection === 'reconnecting' && this.everConnected && this.view.get().staleSince == null) {
      this.patch({ connection, staleSince: this.now() });
    } else {
      this.patch({ connection });
    }
  }

  /** Reads the agent state again; true when it was read. */
  private async refetch(): Promise<boolean> {
    if (!this.deps.isAgent) return false;
    try {
      this.applyState(await this.deps.session.authorized(() => this.deps.api.getAgentState()));
      return true;
    } catch {
      // The push channel delivers the state too; a failed fetch is not worth an alert.
      return false;
    }
  }

  private onPush(msg: PushServerMessage): void {
    this.pushListeners.forEach((l) => l(msg));
    switch (msg.type) {
      case 'welcome':
        this.patch({ pbxUp: typeof msg.pbxUp === 'boolean' ? msg.pbxUp : null });
        if (msg.state) {
          this.applyState(msg.state);
          this.patch({ staleSince: null }); // the channel is back with the state as it is now
        }
        break;
      case 'pbx.link':
        this.patch({ pbxUp: msg.up === true });
        break;
      case 'agent.state':
        this.applyState(msg.state);
        break;
      case 'call.offer':
        if (msg.call?.callId)
          this.setCalls(addOffer(this.view.get().calls, msg.call, this.now(), this.view.get().agentState));
        break;
      case 'call.data':
        this.setCalls(addData(this.view.get().calls, msg.callId, msg.attachedData ?? []));
        break;
      case 'session.ended':
        this.deps.session.endedRemotely(msg.reason);
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
    this.expiryTimer = this.timers.setTimeout(
      () => {
        this.expiryTimer = null;
        const { calls, agentState } = this.view.get();
        const next = reconcile(calls, agentState, this.now());
        if (next !== calls) this.patch({ calls: next });
        this.scheduleExpiry(); // also when the timer fired a little early
      },
      Math.max(0, at - this.now()),
    );
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
