// @vitest-environment happy-dom
// The agent's page when it returns after the server set the agent Not Ready "Disconnected" (its last page was gone
// for DISCONNECTED_AFTER_SECONDS): the state line and a notice saying why; nothing of the kind otherwise.
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentStateView } from '../api/types';
import { StateDisplay } from './StateDisplay';

const base: AgentStateView = {
  agentId: 7,
  status: 'NOT_READY',
  reason: { code: 'disconnected', label: 'Disconnected' },
  since: '2026-12-07T10:00:00Z',
  wrapupEndsAt: null,
  call: null,
  serverTime: '2026-12-07T10:00:00Z',
};

describe('StateDisplay after a disconnection', () => {
  const root = document.createElement('div');
  document.body.appendChild(root);
  afterEach(() => render(null, root));

  it('shows "Not Ready: Disconnected" and says the browser was disconnected', () => {
    render(<StateDisplay state={base} skewMs={0} />, root);
    expect(root.querySelector('[data-testid="agent-state"]')!.textContent).toBe('Not Ready: Disconnected');
    const notice = root.querySelector('[data-testid="absence-notice"]')!;
    expect(notice.getAttribute('role')).toBe('alert');
    expect(notice.textContent).toBe('You were set Not Ready: your browser was disconnected.');
  });

  it('shows no notice once the agent chose another state', () => {
    render(<StateDisplay state={{ ...base, status: 'READY', reason: null }} skewMs={0} />, root);
    expect(root.querySelector('[data-testid="absence-notice"]')).toBeNull();
    render(<StateDisplay state={{ ...base, reason: { code: 'break', label: 'Break' } }} skewMs={0} />, root);
    expect(root.querySelector('[data-testid="absence-notice"]')).toBeNull();
  });
});
