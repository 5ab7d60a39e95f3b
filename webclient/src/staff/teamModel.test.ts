import { describe, expect, it } from 'vitest';
import { TeamModel } from './teamModel';
import { agent, queue, snapshot } from './testTeam';

describe('TeamModel', () => {
  it('takes a snapshot, then only deltas newer than it and than the last one of the same agent', () => {
    const m = new TeamModel();
    m.reset(snapshot(10, [agent({ agentId: 1, version: 4 }), agent({ agentId: 2, version: 10 })]));
    expect(m.agent(agent({ agentId: 1, version: 9, status: 'READY', reason: null }))).toBe(false);
    expect(m.agent(agent({ agentId: 1, version: 11, status: 'READY', reason: null }))).toBe(true);
    expect(m.agent(agent({ agentId: 1, version: 11, status: 'WRAPUP', reason: null }))).toBe(false);
    expect(m.agentById(1)?.status).toBe('READY');
    expect(m.agent(agent({ agentId: 3, version: 12 }))).toBe(true);
    expect(m.agents().map((a) => a.agentId)).toEqual([1, 2, 3]);
  });

  it('keeps deltas that arrive before the snapshot and replays the newer ones on top of it', () => {
    const m = new TeamModel();
    expect(m.agent(agent({ agentId: 1, version: 5, status: 'READY', reason: null }))).toBe(false);
    expect(m.agent(agent({ agentId: 1, version: 12, status: 'WRAPUP', reason: null }))).toBe(false);
    expect(m.queue(queue({ groupId: 1, version: 13, waiting: 2 }))).toBe(false);
    m.reset(snapshot(10, [agent({ agentId: 1, version: 6 })], [queue({ groupId: 1, version: 7 })]));
    expect(m.agentById(1)?.status).toBe('WRAPUP');
    expect(m.queues()[0]?.waiting).toBe(2);
  });

  it('a new snapshot (after a reconnect) replaces everything', () => {
    const m = new TeamModel();
    m.reset(snapshot(10, [agent({ agentId: 1 }), agent({ agentId: 2 })]));
    const before = m.revision;
    m.reset(snapshot(20, [agent({ agentId: 2, version: 20 })]));
    expect(m.agents().map((a) => a.agentId)).toEqual([2]);
    expect(m.revision).toBeGreaterThan(before);
    expect(m.agent(agent({ agentId: 2, version: 15 }))).toBe(false);
  });

  it('drops an agent or a queue the server removed (admin changes), unless the removal is stale', () => {
    const m = new TeamModel();
    m.reset(
      snapshot(
        10,
        [agent({ agentId: 1, version: 4 }), agent({ agentId: 2, version: 10 })],
        [queue({ groupId: 1, version: 3 }), queue({ groupId: 2, version: 5 })],
      ),
    );
    expect(m.agentRemoved(1, 9)).toBe(false);
    expect(m.agentRemoved(1, 11)).toBe(true);
    expect(m.agentRemoved(1, 12)).toBe(false);
    expect(m.agentRemoved(7, 13)).toBe(false);
    expect(m.queueRemoved(2, 14)).toBe(true);
    expect(m.agents().map((a) => a.agentId)).toEqual([2]);
    expect(m.queues().map((q) => q.groupId)).toEqual([1]);
    expect(m.agent(agent({ agentId: 2, version: 15 }))).toBe(true);
    expect(m.agentRemoved(2, 14)).toBe(false);
  });

  it('replays a removal that arrived before the snapshot when it is newer than the snapshot', () => {
    const m = new TeamModel();
    expect(m.agentRemoved(1, 12)).toBe(false);
    expect(m.queueRemoved(1, 8)).toBe(false);
    m.reset(snapshot(10, [agent({ agentId: 1, version: 6 })], [queue({ groupId: 1, version: 7 })]));
    expect(m.agents()).toEqual([]);
    expect(m.queues().map((q) => q.groupId)).toEqual([1]);
  });

  it('sorts queues by name', () => {
    const m = new TeamModel();
    m.reset(snapshot(1, [], [queue({ groupId: 1, name: 'Support' }), queue({ groupId: 2, name: 'Sales' })]));
    expect(m.queues().map((q) => q.name)).toEqual(['Sales', 'Support']);
  });
});
