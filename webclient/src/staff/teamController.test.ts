import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import type { PushServerMessage } from '../api/types';
import { TeamController, type LivePort, type SupervisorApi } from './teamController';
import { agent, queue, snapshot } from './testTeam';
import type { TeamSnapshot } from './teamTypes';

function fakeLive() {
  const listeners = new Set<(m: PushServerMessage) => void>();
  const reconnects = new Set<() => void>();
  const live: LivePort = {
    onMessage: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onReconnected: (l) => {
      reconnects.add(l);
      return () => reconnects.delete(l);
    },
    authorized: (call) => call(),
  };
  return {
    live,
    push: (m: unknown) => listeners.forEach((l) => l(m as PushServerMessage)),
    reconnect: () => reconnects.forEach((l) => l()),
    listeners,
  };
}

/** Answers the snapshots in turn, the last one again and again. */
function fakeApi(...snapshots: TeamSnapshot[]): SupervisorApi {
  let calls = 0;
  return {
    getTeam: vi.fn(async () => snapshots[Math.min(snapshots.length - 1, calls++)]!),
    setAgentState: vi.fn(async () => ({}) as never),
    logoutAgent: vi.fn(async () => undefined),
    monitor: vi.fn(async (agentId, mode) => ({ agentId, mode, active: true })),
    stopMonitor: vi.fn(async (agentId) => ({ agentId, mode: 'listen' as const, active: false })),
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('TeamController', () => {
  it('loads the team once and then follows the pushed deltas, without reloading', async () => {
    const { live, push } = fakeLive();
    const api = fakeApi(snapshot(10, [agent({ agentId: 1, version: 3 })], [queue({ groupId: 1, version: 4 })]));
    const team = new TeamController(api, live);
    team.start();
    push({
      type: 'team.agent',
      version: 11,
      serverTime: '2026-11-22T10:00:01Z',
      agent: agent({ agentId: 1, version: 11, status: 'READY', reason: null }),
    });
    await flush();
    expect(team.view.get().status).toBe('ready');
    expect(team.view.get().model.agentById(1)?.status).toBe('READY');

    push({
      type: 'team.queue',
      version: 12,
      serverTime: '2026-11-22T10:00:02Z',
      queue: queue({ groupId: 1, version: 12, waiting: 3 }),
    });
    expect(team.view.get().model.queues()[0]?.waiting).toBe(3);
    const revision = team.view.get().revision;
    push({ type: 'agent.state', state: {} });
    expect(team.view.get().revision).toBe(revision);
    expect(api.getTeam).toHaveBeenCalledTimes(1);
  });

  it('reads a new snapshot after the push channel reconnected', async () => {
    const { live, reconnect } = fakeLive();
    const api = fakeApi(
      snapshot(10, [agent({ agentId: 1 })]),
      snapshot(30, [agent({ agentId: 1, version: 30, status: 'WRAPUP', reason: null })]),
    );
    const team = new TeamController(api, live);
    team.start();
    await flush();
    reconnect();
    await flush();
    expect(api.getTeam).toHaveBeenCalledTimes(2);
    expect(team.view.get().model.agentById(1)?.status).toBe('WRAPUP');
  });

  it('sends interventions one at a time and shows refusals', async () => {
    const { live } = fakeLive();
    const api = fakeApi(snapshot(1, [agent({ agentId: 1 })]));
    api.logoutAgent = vi.fn(async () => {
      throw new ApiError(409, { code: 'agent-on-call', detail: 'Not during a call.' }, null);
    });
    const team = new TeamController(api, live);
    team.start();
    await flush();
    const first = team.notReady(1, 'lunch');
    expect(team.view.get().busyAgent).toBe(1);
    await team.ready(1); // ignored while busy
    await first;
    expect(api.setAgentState).toHaveBeenCalledTimes(1);
    expect(api.setAgentState).toHaveBeenCalledWith(1, { status: 'NOT_READY', reasonCode: 'lunch' });
    await team.logout(1);
    expect(team.view.get().alert).toBe('Not during a call.');
    expect(team.view.get().busyAgent).toBeNull();
  });

  it('follows its own monitoring call from the answers and the supervisor.monitor pushes', async () => {
    const { live, push, listeners } = fakeLive();
    const team = new TeamController(fakeApi(snapshot(1, [agent({ agentId: 1 })])), live);
    team.start();
    await team.monitor(1, 'listen');
    expect(team.view.get().monitor).toEqual({ agentId: 1, mode: 'listen', active: true });
    push({ type: 'supervisor.monitor', agentId: 1, mode: 'whisper', active: true });
    expect(team.view.get().monitor?.mode).toBe('whisper');
    push({ type: 'supervisor.monitor', agentId: 1, mode: 'whisper', active: false });
    expect(team.view.get().monitor).toBeNull();
    team.stop();
    expect(listeners.size).toBe(0);
  });

  it("marks a new monitoring call as pending while the server rings the supervisor's phone, not a mode switch", async () => {
    const { live } = fakeLive();
    const api = fakeApi(snapshot(1, [agent({ agentId: 1, extension: '1001' })]));
    let seen: unknown = 'unset';
    api.monitor = vi.fn(async (agentId, mode) => {
      seen = team.view.get().pendingMonitor;
      return { agentId, mode, active: true };
    });
    const team = new TeamController(api, live, () => 5_000);
    team.start();
    await flush();
    await team.monitor(1, 'listen');
    expect(seen).toEqual({ agentId: 1, extension: '1001', since: 5_000 });
    expect(team.view.get().pendingMonitor).toBeNull();
    await team.monitor(1, 'barge');
    expect(seen).toBeNull();
  });
});
