import { describeError } from '../api/client';
import type { AgentStateView, Id, PushServerMessage } from '../api/types';
import { clockSkewMs } from '../agent/time';
import { Store } from '../util/store';
import { TeamModel } from './teamModel';
import type { PendingMonitor } from './monitorPhone';
import { asTeamMessage, type MonitorState, type SpyMode, type TeamSnapshot } from './teamTypes';

/** The supervisor endpoints the page uses. */
export interface SupervisorApi {
  getTeam(): Promise<TeamSnapshot>;
  setAgentState(
    agentId: Id,
    req: { status: 'READY' } | { status: 'NOT_READY'; reasonCode: string },
  ): Promise<AgentStateView>;
  logoutAgent(agentId: Id): Promise<void>;
  monitor(agentId: Id, mode: SpyMode): Promise<MonitorState>;
  stopMonitor(agentId: Id): Promise<MonitorState>;
}

/** What the page needs from the live part of the sign-in: the push channel and authorized calls. */
export interface LivePort {
  onMessage(listener: (msg: PushServerMessage) => void): () => void;
  onReconnected(listener: () => void): () => void;
  authorized<T>(call: () => Promise<T>): Promise<T>;
}

export interface TeamView {
  /** loading until the first snapshot; failed if it could not be read (retried on reconnect). */
  status: 'loading' | 'ready' | 'failed';
  model: TeamModel;
  /** Changes with every applied snapshot or delta (the model itself is mutable). */
  revision: number;
  /** server clock - local clock, from the latest snapshot or delta. */
  skewMs: number;
  /** The agent an action is in flight for, if any. */
  busyAgent: Id | null;
  /** The supervisor's own monitoring call. */
  monitor: MonitorState | null;
  /** A new monitoring call asked for, until the server answers: the supervisor's phone takes it by itself. */
  pendingMonitor: PendingMonitor | null;
  alert: string | null;
}

/**
 * The supervisor page's state: the team snapshot, kept current by the pushed deltas (never by polling or reloading
 * the list; a new snapshot is read only after the push channel reconnected), and the interventions.
 */
export class TeamController {
  readonly view: Store<TeamView>;
  private readonly model = new TeamModel();
  private readonly unsubscribe: Array<() => void> = [];
  private stopped = false;

  constructor(
    private readonly api: SupervisorApi,
    private readonly live: LivePort,
    private readonly now: () => number = Date.now,
  ) {
    this.view = new Store<TeamView>({
      status: 'loading',
      model: this.model,
      revision: 0,
      skewMs: 0,
      busyAgent: null,
      monitor: null,
      pendingMonitor: null,
      alert: null,
    });
  }

  start(): void {
    this.unsubscribe.push(this.live.onMessage((m) => this.onPush(m)));
    this.unsubscribe.push(this.live.onReconnected(() => void this.load()));
    void this.load();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe.forEach((u) => u());
  }

  ready(agentId: Id): Promise<void> {
    return this.act(agentId, () => this.api.setAgentState(agentId, { status: 'READY' }));
  }

  notReady(agentId: Id, reasonCode: string): Promise<void> {
    return this.act(agentId, () => this.api.setAgentState(agentId, { status: 'NOT_READY', reasonCode }));
  }

  logout(agentId: Id): Promise<void> {
    return this.act(agentId, () => this.api.logoutAgent(agentId));
  }

  /** Starts monitoring, or switches the running monitoring of this agent to another mode (same call). */
  monitor(agentId: Id, mode: SpyMode): Promise<void> {
    const running = this.view.get().monitor?.agentId === agentId;
    const extension = this.model.agentById(agentId)?.extension;
    return this.act(agentId, async () => {
      if (!running && extension) this.patch({ pendingMonitor: { agentId, extension, since: this.now() } });
      try {
        this.setMonitor(await this.api.monitor(agentId, mode));
      } finally {
        this.patch({ pendingMonitor: null });
      }
    });
  }

  stopMonitor(agentId: Id): Promise<void> {
    return this.act(agentId, async () => this.setMonitor(await this.api.stopMonitor(agentId)));
  }

  dismissAlert(): void {
    this.patch({ alert: null });
  }

  private async act(agentId: Id, call: () => Promise<unknown>): Promise<void> {
    if (this.view.get().busyAgent != null) return;
    this.patch({ busyAgent: agentId, alert: null });
    try {
      // the new state arrives as a team.agent push like any other change
      await this.live.authorized(call);
    } catch (e) {
      if (!this.stopped) this.patch({ alert: describeError(e) });
    } finally {
      if (!this.stopped) this.patch({ busyAgent: null });
    }
  }

  private async load(): Promise<void> {
    try {
      const snapshot = await this.live.authorized(() => this.api.getTeam());
      if (this.stopped) return;
      this.model.reset(snapshot);
      this.patch({
        status: 'ready',
        revision: this.model.revision,
        skewMs: clockSkewMs(snapshot.serverTime, this.now()),
      });
    } catch (e) {
      if (!this.stopped && !this.model.loaded) this.patch({ status: 'failed', alert: describeError(e) });
    }
  }

  private onPush(raw: PushServerMessage): void {
    const msg = asTeamMessage(raw);
    if (!msg || this.stopped) return;
    switch (msg.type) {
      case 'team.agent':
        if (this.model.agent(msg.agent)) this.changed(msg.serverTime);
        break;
      case 'team.queue':
        if (this.model.queue(msg.queue)) this.changed(msg.serverTime);
        break;
      case 'team.agent.removed':
        if (this.model.agentRemoved(msg.agentId, msg.version)) this.changed(msg.serverTime);
        break;
      case 'team.queue.removed':
        if (this.model.queueRemoved(msg.groupId, msg.version)) this.changed(msg.serverTime);
        break;
      case 'supervisor.monitor':
        this.setMonitor({ agentId: msg.agentId, mode: msg.mode, active: msg.active });
        break;
    }
  }

  private setMonitor(state: MonitorState): void {
    this.patch({ monitor: state.active ? state : null });
  }

  private changed(serverTime: string): void {
    this.patch({ revision: this.model.revision, skewMs: clockSkewMs(serverTime, this.now()) });
  }

  private patch(p: Partial<TeamView>): void {
    if (this.stopped) return;
    this.view.update((v) => ({ ...v, ...p }));
  }
}
