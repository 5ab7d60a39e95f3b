// @vitest-environment happy-dom
// The server out of reach: the agent's page says its state may be out of date, stops counting it and offers no state
// action until the push channel is back and the state has been read again (issue 15, item 5).
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionInfo } from '../api/types';
import { LiveController } from '../live/liveController';
import { FakeSocket } from '../test/fakeSocket';
import { T0, agentState } from '../test/fixtures';
import { AgentToolbar } from './AgentToolbar';

const SESSION: SessionInfo = {
  accessToken: 'tok',
  expiresAt: new Date(T0 + 600_000).toISOString(),
  user: { id: 1, username: 'alice', displayName: 'Alice Agent', role: 'agent' },
  tenant: { domain: 'acme', name: 'Acme' },
  agent: { id: 7, number: '7', extension: '1001' },
  config: { notReadyReasons: [{ code: 'login', label: 'Login' }], allowEndWrapupEarly: true, attachedDataKeys: [] },
};

let root: HTMLElement;
let live: LiveController;
const sockets: FakeSocket[] = [];

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
  sockets.length = 0;
  // the toolbar's other readers (callbacks) get an empty answer: this test is about the agent state only
  vi.stubGlobal(
    'fetch',
    async () => new Response('[]', { status: 200, headers: { 'content-type': 'application/json' } }),
  );
});
afterEach(() => {
  act(() => render(null, root));
  live.stop();
  root.remove();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the agent toolbar while the server is out of reach', () => {
  it('shows the state as stale, stops its timer and disables Ready until the channel is back and the state re-read', async () => {
    const getAgentState = vi.fn(async () => agentState('NOT_READY'));
    live = new LiveController({
      api: { getAgentState, setAgentState: vi.fn(), endWrapup: vi.fn() },
      session: {
        getToken: () => 'tok',
        renew: async () => ({ kind: 'renewed', token: 'tok' }),
        authorized: (call) => call(),
        endedRemotely: () => {},
        onTokenRenewed: () => () => {},
      },
      isAgent: true,
      pushUrl: 'ws://test/api/push',
      createSocket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s;
      },
    });
    root = document.createElement('div');
    document.body.append(root);
    await act(async () => {
      live.start();
      render(
        <AgentToolbar
          session={SESSION}
          live={live}
          calls={{ popup: { get: () => null, subscribe: () => () => {} } } as never}
          alerts={{ notifier: { permission: 'granted' } } as never}
          onLogout={async () => {}}
        />,
        root,
      );
    });
    const open = async () => {
      const s = sockets.at(-1)!;
      s.readyState = 1;
      await act(async () => s.onopen?.({}));
      return s;
    };
    const ready = () => root.querySelector<HTMLButtonElement>('.ready-button')!;
    const stale = () => root.querySelector('[data-testid="state-stale"]');
    const timer = () => root.querySelector('[role="timer"]')!.textContent;

    const first = await open();
    await act(async () => first.push({ type: 'welcome', state: agentState('NOT_READY'), pbxUp: true }));
    expect(stale()).toBeNull();
    expect(ready().disabled).toBe(false);

    await act(async () => first.onclose?.({ code: 1006 })); // the server went away
    expect(stale()?.textContent).toBe('Connection lost — state may be out of date');
    expect(ready().disabled).toBe(true);
    const frozen = timer();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(200); // less than the first reconnect delay: still no channel
    });
    await act(async () => {
      vi.setSystemTime(Date.now() + 30_000);
      await vi.advanceTimersByTimeAsync(300);
    });
    expect(timer()).toBe(frozen);
    expect(stale()).not.toBeNull();

    // the channel is back: the state is read again and the page is live again
    while (sockets.length < 2) {
      await act(async () => {
        await vi.advanceTimersByTimeAsync(500);
      });
    }
    const second = await open();
    await act(async () => second.push({ type: 'welcome', state: agentState('NOT_READY'), pbxUp: true }));
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(stale()).toBeNull();
    expect(ready().disabled).toBe(false);
  });
});
