// The team as the supervisor page knows it: a snapshot plus the deltas pushed since. Pure.
import type { Id } from '../api/types';
import type { TeamAgent, TeamQueue, TeamSnapshot } from './teamTypes';

/**
 * Snapshot + deltas. Deltas carry the tenant-wide version of the change; one not newer than what is known (the
 * snapshot, or a later delta of the same agent or queue) is stale and dropped. Deltas that arrive before the first
 * snapshot are kept and replayed on top of it.
 */
export class TeamModel {
  private agentsById = new Map<Id, TeamAgent>();
  private queuesById = new Map<Id, TeamQueue>();
  private snapshotVersion = -1;
  private early: Array<
    | { kind: 'agent'; item: TeamAgent }
    | { kind: 'queue'; item: TeamQueue }
    | { kind: 'agent-removed' | 'queue-removed'; id: Id; version: number }
  > = [];
  /** Bumped on every change, for cheap change detection. */
  revision = 0;

  get loaded(): boolean {
    return this.snapshotVersion >= 0;
  }

  reset(snapshot: TeamSnapshot): void {
    this.snapshotVersion = snapshot.version;
    this.agentsById = new Map(snapshot.agents.map((a) => [a.agentId, a]));
    this.queuesById = new Map(snapshot.queues.map((q) => [q.groupId, q]));
    const early = this.early;
    this.early = [];
    for (const e of early) {
      if (e.kind === 'agent') this.agent(e.item);
      else if (e.kind === 'queue') this.queue(e.item);
      else if (e.kind === 'agent-removed') this.agentRemoved(e.id, e.version);
      else this.queueRemoved(e.id, e.version);
    }
    this.revision++;
  }

  /** Applies an agent delta; false if it was stale (or kept for after the snapshot). */
  agent(agent: TeamAgent): boolean {
    if (!this.loaded) {
      this.early.push({ kind: 'agent', item: agent });
      return false;
    }
    const known = this.agentsById.get(agent.agentId);
    if (agent.version <= this.snapshotVersion || (known && agent.version <= known.version)) return false;
    this.agentsById.set(agent.agentId, agent);
    this.revision++;
    return true;
  }

  queue(queue: TeamQueue): boolean {
    if (!this.loaded) {
      this.early.push({ kind: 'queue', item: queue });
      return false;
    }
    const known = this.queuesById.get(queue.groupId);
    if (queue.version <= this.snapshotVersion || (known && queue.version <= known.version)) return false;
    this.queuesById.set(queue.groupId, queue);
    this.revision++;
    return true;
  }

  /** An agent left the team (deleted, or out of every group the viewer sees); false if stale or unknown. */
  agentRemoved(agentId: Id, version: number): boolean {
    if (!this.loaded) {
      this.early.push({ kind: 'agent-removed', id: agentId, version });
      return false;
    }
    const known = this.agentsById.get(agentId);
    if (!known || version <= this.snapshotVersion || version <= known.version) return false;
    this.agentsById.delete(agentId);
    this.revision++;
    return true;
  }

  /** A queue (group) was deleted; false if stale or unknown. */
  queueRemoved(groupId: Id, version: number): boolean {
    if (!this.loaded) {
      this.early.push({ kind: 'queue-removed', id: groupId, version });
      return false;
    }
    const known = this.queuesById.get(groupId);
    if (!known || version <= this.snapshotVersion || version <= known.version) return false;
    this.queuesById.delete(groupId);
    this.revision++;
    return true;
  }

  agents(): TeamAgent[] {
    return [...this.agentsById.values()];
  }

  queues(): TeamQueue[] {
    return [...this.queuesById.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  agentById(id: Id): TeamAgent | undefined {
    return this.agentsById.get(id);
  }
}
