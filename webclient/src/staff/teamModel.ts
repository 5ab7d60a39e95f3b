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
  private early: Array<{ kind: 'agent'; item: TeamAgent } | { kind: 'queue'; item: TeamQueue }> = [];
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
      else this.queue(e.item);
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
