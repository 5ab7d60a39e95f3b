// @vitest-environment happy-dom
// The conference panel driven by `call.conference` pushes as the server sends them (docs/call-control.md), with the
// REST calls of add / drop / end going to a recording fake API.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import type { DirectoryEntry, PushServerMessage } from '../api/types';
import {
  ConferenceController,
  type ConferenceApi,
  type ConferenceMessage,
  type ConferenceParty,
} from '../calls/conference';
import { COLLEAGUES_REFRESH_MS, ConferencePanel } from './ConferencePanel';

const CALL = '1795315557.0';
const customer: ConferenceParty = {
  partyId: 'p2',
  kind: 'customer',
  agentId: null,
  displayName: 'Jane Customer',
  number: '+14155550123',
  state: 'connected',
  joinedAt: '2026-11-22T02:46:01Z',
  you: false,
};
const alice: ConferenceParty = {
  partyId: 'p3',
  kind: 'agent',
  agentId: 1,
  displayName: 'Alice Agent',
  number: null,
  state: 'connected',
  joinedAt: '2026-11-22T02:46:01Z',
  you: true,
};
const bob: ConferenceParty = {
  partyId: 'p1',
  kind: 'agent',
  agentId: 2,
  displayName: 'Bob Agent',
  number: null,
  state: 'connected',
  joinedAt: '2026-11-22T02:46:04Z',
  you: false,
};

function message(parties: ConferenceParty[] | null, change: ConferenceMessage['change']): ConferenceMessage {
  return { type: 'call.conference', callId: CALL, conference: parties && { parties, maxParties: 30 }, change };
}

const directory: DirectoryEntry[] = [
  { agentId: 1, displayName: 'Alice Agent', extension: '1001', status: 'READY' },
  { agentId: 2, displayName: 'Bob Agent', extension: '1002', status: 'READY' },
  { agentId: 3, displayName: 'Carol Agent', extension: '1003', status: 'NOT_READY' },
  { agentId: 4, displayName: 'Dave Agent', extension: '1004', status: 'READY' },
];

describe('ConferencePanel', () => {
  let root: HTMLElement;
  let listener: ((m: PushServerMessage) => void) | null;
  let api: { [K in keyof ConferenceApi]: ReturnType<typeof vi.fn> };
  let controller: ConferenceController;

  beforeEach(() => {
    root = document.createElement('div');
    document.body.appendChild(root);
    listener = null;
    api = {
      addParty: vi.fn(async () => ({ callId: CALL, partyId: 'p4' })),
      dropParty: vi.fn(async () => undefined),
      end: vi.fn(async () => undefined),
      directory: vi.fn(async () => directory),
      view: vi.fn(async () => message([customer, alice, bob], null)),
    };
    controller = new ConferenceController(api as unknown as ConferenceApi, {
      onMessage: (l) => {
        listener = l;
        return () => (listener = null);
      },
    });
  });

  afterEach(() => {
    render(null, root);
    root.remove();
  });

  async function show(connected = true) {
    await act(async () => {
      render(<ConferencePanel callId={CALL} connected={connected} controller={controller} />, root);
    });
  }

  async function push(m: ConferenceMessage) {
    await act(async () => listener!(m as unknown as PushServerMessage));
  }

  const names = () =>
    [...root.querySelectorAll('[data-testid="conference-party"] .party-name')].map((e) => e.textContent);
  const notice = () => root.querySelector('[data-testid="conference-notice"]')!;

  it('shows who is connected, marks "you", and announces joins and leaves in a live region', async () => {
    await show();
    await push(message([customer, alice], { kind: 'joined', party: alice }));
    await push(message([customer, alice, bob], { kind: 'joined', party: bob }));
    expect(names()).toEqual(['Jane Customer', 'Alice Agent', 'Bob Agent']);
    expect(root.querySelector('[data-party-id="p3"]')!.textContent).toContain('(you)');
    expect(root.querySelector('[data-party-id="p1"]')!.textContent).not.toContain('(you)');
    expect(notice().getAttribute('aria-live')).toBe('polite');
    expect(notice().textContent).toBe('Bob Agent joined the conference.');

    await push(message([customer, alice], { kind: 'left', party: bob }));
    expect(names()).toEqual(['Jane Customer', 'Alice Agent']);
    expect(notice().textContent).toBe('Bob Agent left the conference.');

    await push(message([alice], { kind: 'left', party: customer }));
    expect(notice().textContent).toBe('Jane Customer left the conference.');

    await push(message(null, { kind: 'left', party: alice }));
    expect(names()).toEqual([]);
    expect(notice().textContent).toBe('You left the conference.');
  });

  it('a (re)connected page reads the conference of its call instead of waiting for the next change', async () => {
    await show();
    await act(async () => listener!({ type: 'welcome', state: null } as unknown as PushServerMessage));
    expect(api.view).toHaveBeenCalledTimes(1);
    expect(names()).toEqual(['Jane Customer', 'Alice Agent', 'Bob Agent']);
    expect(notice().textContent).toBe('');

    api.view.mockRejectedValueOnce(new Error('409 not-on-call'));
    await act(async () => listener!({ type: 'welcome', state: null } as unknown as PushServerMessage));
    expect(names()).toEqual(['Jane Customer', 'Alice Agent', 'Bob Agent']);
  });

  it('adds a Ready colleague who is not in the conference yet, or a number', async () => {
    await show();
    await push(message([customer, alice, bob], null));
    await act(async () => {}); // the colleagues are read again for the new party list
    const select = root.querySelector<HTMLSelectElement>('[data-testid="conference-colleague"]')!;
    const options = [...select.options].map((o) => o.textContent);
    expect(options).toEqual(['—', 'Dave Agent (1004)']);

    await act(async () => {
      select.value = '4';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(async () => {
      root
        .querySelector<HTMLFormElement>('form.conference-add')!
        .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(api.addParty).toHaveBeenCalledWith({ agentId: 4 });

    const input = root.querySelector<HTMLInputElement>('[data-testid="conference-number"]')!;
    await act(async () => {
      input.value = ' +14155550199 ';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => {
      root
        .querySelector<HTMLFormElement>('form.conference-add')!
        .dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    expect(api.addParty).toHaveBeenLastCalledWith({ number: '+14155550199' });
  });

  it('reads the colleagues again when the list is opened and while it is shown: one who became Ready can be added', async () => {
    const options = () =>
      [...root.querySelector<HTMLSelectElement>('[data-testid="conference-colleague"]')!.options].map(
        (o) => o.textContent,
      );
    let ready = directory.map((d) => (d.agentId === 4 ? { ...d, status: 'NOT_READY' as const } : d));
    api.directory.mockImplementation(async () => ready);
    await show();
    await push(message([customer, alice, bob], null));
    await act(async () => {});
    expect(options()).toEqual(['Nobody is Ready']);

    ready = directory; // Dave clicks Ready after the call started
    await act(async () => {
      root.querySelector<HTMLSelectElement>('[data-testid="conference-colleague"]')!.dispatchEvent(new Event('focus'));
    });
    await act(async () => {});
    expect(options()).toEqual(['—', 'Dave Agent (1004)']);

    render(null, root);
    vi.useFakeTimers();
    try {
      ready = directory.filter((d) => d.agentId !== 4); // Dave went away, the panel is shown again
      await show(); // under fake timers, so that its refresh interval is a fake one
      await act(async () => {
        await vi.advanceTimersByTimeAsync(0);
      });
      expect(options()).toEqual(['Nobody is Ready']);
      ready = directory; // and came back: nobody touches the list
      await act(async () => {
        await vi.advanceTimersByTimeAsync(COLLEAGUES_REFRESH_MS);
      });
      await act(async () => {
        await vi.advanceTimersByTimeAsync(0);
      });
      expect(options()).toEqual(['—', 'Dave Agent (1004)']);
    } finally {
      vi.useRealTimers();
    }
  });

  it("drops a party, ends the conference, and shows the server's reason when it refuses", async () => {
    await show();
    await push(message([customer, alice, bob], null));
    expect(root.querySelector('[data-party-id="p3"] button')).toBeNull(); // no "drop yourself"
    await act(async () => root.querySelector<HTMLButtonElement>('[aria-label="Drop Bob Agent"]')!.click());
    expect(api.dropParty).toHaveBeenCalledWith('p1');

    api.end.mockRejectedValueOnce(
      new ApiError(
        409,
        {
          type: 'about:blank',
          title: 'Conflict',
          status: 409,
          code: 'not-in-conference',
          detail: 'Your call is not a conference.',
        } as never,
        null,
      ),
    );
    await act(async () => root.querySelector<HTMLButtonElement>('.conference-end')!.click());
    expect(api.end).toHaveBeenCalled();
    expect(root.querySelector('[role="alert"]')!.textContent).toBe('Your call is not a conference.');
  });

  it('stays hidden on a call that is not connected and has no conference', async () => {
    await show(false);
    expect(root.querySelector('section.conference')).toBeNull();
  });
});
