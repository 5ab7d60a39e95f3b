// @vitest-environment happy-dom
// The user form in a DOM, with the admin API over the real ApiClient and a scripted fetch: the server's
// invalid-fields errors land on their inputs (aria-invalid + message), a 409 becomes its sentence, and an edit
// sends only the changed fields.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../../api/client';
import { adminApi } from '../adminApi';
import type { AdminUser } from '../adminTypes';
import { UserForm } from './UserForm';

const problem = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } });

function mount(answer: (init: RequestInit) => Response, original: AdminUser | null = null) {
  const fetchFn = vi.fn(async (_url: string, init?: RequestInit) => answer(init ?? {}));
  const client = new ApiClient(() => 'tok', fetchFn);
  const onSaved = vi.fn();
  const root = document.createElement('div');
  document.body.append(root);
  act(() => {
    render(
      <UserForm
        api={adminApi((m, u, b) => client.request(m, u, b))}
        original={original}
        groups={[{ id: 1, label: 'Support' }]}
        onSaved={onSaved}
        onCancel={() => {}}
      />,
      root,
    );
  });
  return { root, fetchFn, onSaved };
}

function type(root: HTMLElement, label: string, value: string) {
  const id = [...root.querySelectorAll('label')].find((l) => l.textContent === label)!.getAttribute('for')!;
  const input = root.querySelector<HTMLInputElement>(`#${id}`)!;
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  return input;
}

async function submit(root: HTMLElement) {
  await act(async () => {
    root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await new Promise((r) => setTimeout(r, 0));
  });
}

function fillNewAgent(root: HTMLElement) {
  type(root, 'Username', 'bob');
  type(root, 'Display name', 'Bob Agent');
  type(root, 'Password', 'a long password');
  type(root, 'Agent number', '1002');
  return type(root, 'Extension', '202');
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('UserForm', () => {
  it('shows its own checks without calling the server', async () => {
    const { root, fetchFn } = mount(() => problem(500, {}));
    type(root, 'Extension', '1');
    await submit(root);
    expect(fetchFn).not.toHaveBeenCalled();
    const ext = [...root.querySelectorAll('input')].find(
      (i) => i.getAttribute('aria-describedby')?.includes('error') && i.value === '1',
    )!;
    expect(ext.getAttribute('aria-invalid')).toBe('true');
    expect(root.textContent).toContain('An extension is a number of 2 to 8 digits.');
    expect(root.querySelector('[role=alert]')!.textContent).toBe('Some fields need correcting.');
  });

  it('puts the server errors[] on the fields they name', async () => {
    const { root, onSaved } = mount(() =>
      problem(400, {
        status: 400,
        code: 'invalid-fields',
        errors: [{ field: 'agent.extension', message: 'Reserved by the PBX.' }],
      }),
    );
    const ext = fillNewAgent(root);
    await submit(root);
    expect(onSaved).not.toHaveBeenCalled();
    expect(ext.getAttribute('aria-invalid')).toBe('true');
    expect(root.querySelector(`#${ext.id}-error`)!.textContent).toBe('Reserved by the PBX.');
  });

  it('says a 409 code as its sentence on its field', async () => {
    const { root } = mount(() => problem(409, { status: 409, code: 'username-taken', detail: 'duplicate' }));
    fillNewAgent(root);
    await submit(root);
    expect(root.textContent).toContain('Another user already has this username.');
  });

  it('creates the user and reports it saved', async () => {
    const { root, fetchFn, onSaved } = mount(
      () => new Response(JSON.stringify({ id: 3 }), { status: 201, headers: { 'content-type': 'application/json' } }),
    );
    fillNewAgent(root);
    await submit(root);
    expect(onSaved).toHaveBeenCalledWith({ id: 3 });
    const body = JSON.parse(fetchFn.mock.calls[0]![1]!.body as string);
    expect(body).toMatchObject({
      username: 'bob',
      role: 'agent',
      password: 'a long password',
      agent: { extension: '202', number: '1002' },
    });
  });

  it('sends only the changed fields when editing; the password field starts empty', async () => {
    const ann: AdminUser = {
      id: 4,
      username: 'ann',
      displayName: 'Ann',
      role: 'supervisor',
      enabled: true,
      agent: null,
      supervises: [],
    };
    const { root, fetchFn } = mount(
      () => new Response(JSON.stringify(ann), { status: 200, headers: { 'content-type': 'application/json' } }),
      ann,
    );
    expect(root.querySelector<HTMLInputElement>('input[type=password]')!.value).toBe('');
    type(root, 'Display name', 'Ann S.');
    await submit(root);
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(`${init!.method} ${url}`).toBe('PATCH /api/admin/users/4');
    expect(JSON.parse(init!.body as string)).toEqual({ displayName: 'Ann S.' });
  });
});
