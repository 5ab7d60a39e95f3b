// Test data of the supervisor page.
import type { TeamAgent, TeamQueue, TeamSnapshot } from './teamTypes';

export function agent(p: Partial<TeamAgent> & { agentId: number }): TeamAgent {
  return {
    displayName: `Agent ${p.agentId}`,
    agentNumber: String(1000 + p.agentId),
    extension: String(1000 + p.agentId),
    groupIds: [1],
    status: 'NOT_READY',
    reason: { code: 'login', label: 'Login' },
    since: '2026-11-22T10:00:00Z',
    wrapupEndsAt: null,
    call: null,
    phoneRegistered: null,
    browserConnected: false,
    version: 1,
    ...p,
  };
}

export function queue(p: Partial<TeamQueue> & { groupId: number }): TeamQueue {
  return {
    name: `Group ${p.groupId}`,
    queue: `acme-g${p.groupId}`,
    waiting: 0,
    longestWaitSince: null,
    ready: 0,
    busy: 0,
    notReady: 0,
    answered: 0,
    abandoned: 0,
    serviceLevel: null,
    serviceLevelSeconds: 20,
    averageWaitSeconds: null,
    averageTalkSeconds: null,
    version: 1,
    ...p,
  };
}

export function snapshot(version: number, agents: TeamAgent[], queues: TeamQueue[] = []): TeamSnapshot {
  return { version, serverTime: '2026-11-22T10:00:00Z', agents, queues };
}
