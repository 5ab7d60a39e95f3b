// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AgentStatus, DirectoryEntry, SipTicket } from '../../api/types';
import { FakeUa } from '../../test/fakeSip';
import { AudioDevices } from '../audioDevices';
import { PhoneController } from '../phoneController';
import type { SipSocket } from '../sipPorts';
import { PhonePanel } from './PhonePanel';

const TICKET: SipTicket = {
  ticket: 't',
  expiresAt: '2999-01-01T00:00:00Z',
  wsPath: '/api/sip',
  sipUri: 'sip:acme-1001@127.0.0.1',
  authorizationUser: 'acme-1001',
  displayName: 'Alice Agent',
  iceServers: [],
};

const DIRECTORY: DirectoryEntry[] = [
  { agentId: 1, displayName: 'Alice Agent', extension: '1001', status: 'NOT_READY' },
  { agentId: 2, displayName: 'Bob Agent', extension: '1002', status: 'READY' },
  { agentId: 3, displayName: 'Carol Agent', extension: '1003', status: 'NOT_READY' },
];

let cleanup: (() => void) | null = null;

/** Whether leaving the page now would be questioned (a `beforeunload` listener cancelled the event). */
function leaving(): boolean {
  const e = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(e);
  return e.defaultPrevented;
}
afterEach(() => cleanup?.());

async function setup(status: AgentStatus) {
  let ua: FakeUa | null = null;
  const phone = new PhoneController({
    fetchTicket: async () => TICKET,
    createSocket: () => ({}) as SipSocket,
    createUa: (c) => (ua = new FakeUa(c)),
    media: { constraints: () => ({ audio: true }), attachRemote: () => {}, detachRemote: () => {} },
    ring: () => {},
  });
  const devices = new AudioDevices(undefined, undefined, false);
  const root = document.createElement('div');
  document.body.append(root);
  const draw = (s: AgentStatus) =>
    act(() =>
      render(
        <PhonePanel
          phone={phone}
          devices={devices}
          agentStatus={s}
          ownAgentId={1}
          loadDirectory={async () => DIRECTORY}
        />,
        root,
      ),
    );
  draw(status);
  await act(async () => phone.start());
  await act(async () => ua!.registerOk());
  cleanup = () => {
    act(() => render(null, root));
    root.remove();
  };
  const button = (name: string) =>
    [...root.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name) ?? null;
  return { phone, ua: ua!, root, draw, button };
}

describe('PhonePanel', () => {
  it('shows the registration state', async () => {
    const t = await setup('NOT_READY');
    const status = t.root.querySelector('[data-testid="phone-registration"]')!;
    expect(status.textContent).toBe('Phone ready');
    expect(status.getAttribute('role')).toBe('status');
  });

  it('lets a Not Ready agent dial a number; disables it with the reason otherwise', async () => {
    const t = await setup('READY');
    const input = t.root.querySelector<HTMLInputElement>('#dial-number')!;
    expect(input.disabled).toBe(true);
    expect(t.root.querySelector('[data-testid="dial-why"]')!.textContent).toBe('Outbound calls need Not Ready.');

    t.draw('NOT_READY');
    expect(input.disabled).toBe(false);
    await act(async () => {
      input.value = '+49 30 1234';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => t.button('Call')!.click());
    expect(t.ua.call).toHaveBeenCalledWith('sip:+49301234@127.0.0.1', expect.anything());
    expect(t.root.querySelector('[data-testid="phone-call-phase"]')!.textContent).toBe('Calling…');
  });

  it('answers an incoming call with a button, then offers the call controls', async () => {
    const t = await setup('READY');
    let s: ReturnType<FakeUa['incoming']> | null = null;
    await act(async () => {
      s = t.ua.incoming();
    });
    expect(t.button('Decline')).not.toBeNull();
    expect(t.root.querySelector('[data-testid="phone-remote"]')!.textContent).toBe('+4930123456');
    expect(leaving()).toBe(false); // only ringing: a reload loses nothing the queue cannot give another agent
    await act(async () => t.button('Answer')!.click());
    expect(s!.answer).toHaveBeenCalled();
    await act(async () => {
      s!.emit('confirmed', {});
    });
    expect(t.root.querySelector('[data-testid="phone-call-phase"]')!.textContent).toBe('Connected');
    expect(leaving()).toBe(true); // a reload now would end the call: the browser asks first
    await act(async () => t.button('Hold')!.click());
    expect(s!.hold).toHaveBeenCalled();
    await act(async () => t.button('Keypad')!.click());
    await act(async () => t.button('Key 7')!.click());
    expect(s!.sendDTMF).toHaveBeenCalledWith('7');
    await act(async () => t.button('Hang up')!.click());
    expect(s!.terminate).toHaveBeenCalled();
    await act(async () => {
      s!.emit('ended', { originator: 'local', cause: 'Terminated' });
    });
    expect(leaving()).toBe(false);
  });

  it('lists colleagues; only Ready ones other than oneself can be called', async () => {
    const t = await setup('NOT_READY');
    const details = t.root.querySelector<HTMLDetailsElement>('details.directory')!;
    await act(async () => {
      details.open = true;
      details.dispatchEvent(new Event('toggle'));
    });
    await vi.waitFor(() => expect(t.root.querySelectorAll('.directory-list li')).toHaveLength(3));
    expect(t.button('Call Alice Agent (1001)')!.disabled).toBe(true);
    expect(t.button('Call Carol Agent (1003)')!.disabled).toBe(true);
    expect(t.button('Call Carol Agent (1003)')!.title).toBe('Only Ready colleagues can take a call.');
    expect(t.root.querySelector('.directory-list li')!.textContent).toContain('Alice Agent (you)');
    const bob = t.button('Call Bob Agent (1002)')!;
    expect(bob.disabled).toBe(false);
    await act(async () => bob.click());
    expect(t.ua.call).toHaveBeenCalledWith('sip:1002@127.0.0.1', expect.anything());
  });
});
