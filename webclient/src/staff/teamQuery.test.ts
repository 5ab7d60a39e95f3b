import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY, matchesSearch, selectAgents } from './teamQuery';
import { agent } from './testTeam';
import type { TeamAgent } from './teamTypes';

const call = (state: 'RINGING' | 'TALKING', partyName = 'Jane Customer') => ({
  callId: 'c',
  kind: 'QUEUE' as const,
  state,
  since: '2026-11-22T10:05:00Z',
  startedAt: '2026-11-22T10:05:00Z',
  answeredAt: null,
  queue: { name: 'acme-support', label: 'Support' },
  partyNumber: '+14155550123',
  partyName,
});

const team: TeamAgent[] = [
  agent({
    agentId: 1,
    displayName: 'Zoë Müller',
    extension: '1010',
    status: 'READY',
    reason: null,
    since: '2026-11-22T10:03:00Z',
  }),
  agent({
    agentId: 2,
    displayName: 'Bob Agent',
    extension: '1002',
    status: 'NOT_READY',
    since: '2026-11-22T09:00:00Z',
  }),
  agent({
    agentId: 3,
    displayName: 'Alice Agent',
    extension: '1001',
    status: 'READY',
    reason: null,
    since: '2026-11-22T10:01:00Z',
    call: call('TALKING'),
  }),
  agent({
    agentId: 4,
    displayName: 'Carol Agent',
    extension: '1003',
    status: 'LOGGED_OUT',
    reason: null,
    groupIds: [2],
  }),
  agent({
    agentId: 5,
    displayName: 'Dan Agent',
    extension: '1004',
    status: 'WRAPUP',
    reason: null,
    since: '2026-11-22T10:04:00Z',
  }),
];

const ids = (rows: TeamAgent[]) => rows.map((a) => a.agentId);

describe('selectAgents', () => {
  it('by default sorts by state: on a call and Ready first, logged out last, longest in state first', () => {
    expect(ids(selectAgents(team, DEFAULT_QUERY))).toEqual([3, 1, 5, 2, 4]);
    expect(ids(selectAgents(team, { ...DEFAULT_QUERY, descending: true }))).toEqual([4, 2, 5, 1, 3]);
  });

  it('sorts by name, extension (numerically) and time in state', () => {
    expect(ids(selectAgents(team, { ...DEFAULT_QUERY, sort: 'name' }))).toEqual([3, 2, 4, 5, 1]);
    expect(ids(selectAgents(team, { ...DEFAULT_QUERY, sort: 'extension' }))).toEqual([3, 2, 4, 5, 1]);
    expect(ids(selectAgents(team, { ...DEFAULT_QUERY, sort: 'time' }))[0]).toBe(2);
  });

  it('filters by state and by group', () => {
    expect(ids(selectAgents(team, { ...DEFAULT_QUERY, status: 'ready' }))).toEqual([1]);
    expect(ids(selectAgents(team, { ...DEFAULT_QUERY, status: 'on-call' }))).toEqual([3]);
    expect(ids(selectAgents(team, { ...DEFAULT_QUERY, status: 'not-ready' }))).toEqual([2]);
    expect(ids(selectAgents(team, { ...DEFAULT_QUERY, status: 'wrapup' }))).toEqual([5]);
    expect(ids(selectAgents(team, { ...DEFAULT_QUERY, status: 'logged-out' }))).toEqual([4]);
    expect(ids(selectAgents(team, { ...DEFAULT_QUERY, status: 'logged-in' }))).not.toContain(4);
    expect(ids(selectAgents(team, { ...DEFAULT_QUERY, groupId: 2 }))).toEqual([4]);
  });

  it('searches names without case or accents, extensions, and the caller of the current call', () => {
    expect(ids(selectAgents(team, { ...DEFAULT_QUERY, search: 'zoe muller' }))).toEqual([1]);
    expect(ids(selectAgents(team, { ...DEFAULT_QUERY, search: '1002' }))).toEqual([2]);
    expect(ids(selectAgents(team, { ...DEFAULT_QUERY, search: 'jane' }))).toEqual([3]);
    expect(matchesSearch(team[0]!, '   ')).toBe(true);
  });

  it('handles 500 agents quickly', () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      agent({
        agentId: i + 1,
        displayName: `Agent ${String(i).padStart(3, '0')}`,
        status: i % 3 === 0 ? 'READY' : 'NOT_READY',
      }),
    );
    const start = performance.now();
    for (let i = 0; i < 50; i++) selectAgents(many, { ...DEFAULT_QUERY, search: 'agent 4' });
    expect((performance.now() - start) / 50).toBeLessThan(20);
    expect(selectAgents(many, { ...DEFAULT_QUERY, status: 'ready' })).toHaveLength(167);
  });
});
