import { describe, expect, it } from 'vitest';
import { agentStateText, browserText } from './presentation';
import type { TeamAgent } from './teamTypes';

const agent = (over: Partial<TeamAgent>) => ({ browserConnected: true, ...over }) as TeamAgent;

describe('what the supervisor sees of an agent whose browser went away', () => {
  it('no browser, or how many pages are open', () => {
    expect(browserText(agent({ browserConnected: false, browsers: 0 }))).toBe('No browser');
    expect(browserText(agent({ browsers: 1 }))).toBe('Browser connected');
    expect(browserText(agent({ browsers: 2 }))).toBe('Browser connected (2 pages)');
    expect(browserText(agent({}))).toBe('Browser connected');
  });

  it('the Disconnected reason in the state', () => {
    expect(
      agentStateText(agent({ status: 'NOT_READY', reason: { code: 'disconnected', label: 'Disconnected' } })),
    ).toContain('Disconnected');
  });
});
