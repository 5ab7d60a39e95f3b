import { describe, expect, it } from 'vitest';
import type { AdminUser } from '../adminTypes';
import { createBody, emptyUser, patchBody, userFormFields, userValues, validateUser } from './userForm';

const alice: AdminUser = {
  id: 7,
  username: 'alice',
  displayName: 'Alice Agent',
  role: 'agent',
  enabled: true,
  agent: {
    id: 70,
    number: '1001',
    extension: '201',
    wrapupSeconds: 10,
    afterCallWork: 'after_answer',
    workingWay: 'inbound',
    staticMember: false,
    groups: [
      { id: 1, penalty: 0 },
      { id: 2, penalty: 5 },
    ],
  },
  supervises: [],
};

describe('validateUser', () => {
  it('asks for username, display name and a password of 10 when creating', () => {
    const v = { ...emptyUser(), role: 'admin' as const };
    expect(validateUser(v, true)).toEqual({
      username: 'Enter a username.',
      displayName: 'Enter a display name.',
      password: 'Enter a password of at least 10 characters.',
    });
    expect(validateUser({ ...v, username: 'a b', displayName: 'A', password: 'short' }, true)).toEqual({
      username: 'A username has no spaces.',
      password: 'A password has at least 10 characters.',
    });
  });

  it('keeps the password when editing with an empty one, checks a new one', () => {
    const v = userValues(alice);
    expect(v.password).toBe('');
    expect(validateUser(v, false)).toEqual({});
    expect(validateUser({ ...v, password: '123456789' }, false)).toEqual({
      password: 'A password has at least 10 characters.',
    });
  });

  it('checks the agent part only for agents: number, 2-8 digit extension, wrap-up and penalties', () => {
    const v = userValues(alice);
    const bad = {
      ...v,
      agent: { ...v.agent, number: ' ', extension: '1', wrapupSeconds: '1.5', groups: [{ id: 1, penalty: '101' }] },
    };
    expect(validateUser(bad, false)).toEqual({
      'agent.number': 'Enter the agent number.',
      'agent.extension': 'An extension is a number of 2 to 8 digits.',
      'agent.wrapupSeconds': 'Wrap-up time must be a whole number from 0 to 3600.',
      'agent.groups[0].penalty': 'A penalty must be a whole number from 0 to 100.',
    });
    expect(validateUser({ ...bad, role: 'supervisor' }, false)).toEqual({});
    expect(validateUser({ ...v, agent: { ...v.agent, extension: '123456789' } }, false)).toHaveProperty(
      'agent.extension',
    );
  });

  it('lists the agent fields as shown only for agents', () => {
    expect(userFormFields(userValues(alice)).has('agent.groups[1].penalty')).toBe(true);
    expect(userFormFields({ ...userValues(alice), role: 'admin' }).has('agent.extension')).toBe(false);
  });
});

describe('createBody', () => {
  it('sends the agent part iff agent, trimmed, with numbers', () => {
    const v = { ...emptyUser(), username: ' bob ', displayName: 'Bob', password: 'a long password' };
    v.agent = {
      ...v.agent,
      number: '1002',
      extension: ' 202 ',
      wrapupSeconds: '15',
      groups: [{ id: 3, penalty: '2' }],
    };
    expect(createBody(v)).toEqual({
      username: 'bob',
      displayName: 'Bob',
      role: 'agent',
      enabled: true,
      password: 'a long password',
      agent: {
        number: '1002',
        extension: '202',
        wrapupSeconds: 15,
        afterCallWork: 'after_answer',
        workingWay: 'inbound',
        staticMember: false,
        groups: [{ id: 3, penalty: 2 }],
      },
    });
    expect(createBody({ ...v, role: 'supervisor', supervises: [4] })).toMatchObject({ agent: null, supervises: [4] });
  });
});

describe('patchBody', () => {
  it('is empty when nothing changed, also with groups in another order', () => {
    const v = userValues(alice);
    v.agent.groups.reverse();
    expect(patchBody(alice, v)).toEqual({});
  });

  it('holds only the changed top-level fields and a new password', () => {
    const v = { ...userValues(alice), displayName: 'Alice A.', enabled: false, password: 'new password 1' };
    expect(patchBody(alice, v)).toEqual({ displayName: 'Alice A.', enabled: false, password: 'new password 1' });
  });

  it('sends the whole agent part when any of it changed', () => {
    const v = userValues(alice);
    v.agent.groups[1] = { id: 2, penalty: '6' };
    expect(patchBody(alice, v)).toEqual({
      agent: {
        ...alice.agent,
        id: undefined,
        groups: [
          { id: 1, penalty: 0 },
          { id: 2, penalty: 6 },
        ],
      },
    });
    expect(Object.keys(patchBody(alice, v).agent!)).not.toContain('id');
  });

  it('sends agent null when the user stops being an agent, the supervised groups when it becomes a supervisor', () => {
    const v = { ...userValues(alice), role: 'supervisor' as const, supervises: [1] };
    expect(patchBody(alice, v)).toEqual({ role: 'supervisor', agent: null, supervises: [1] });
  });
});

describe('forced password change', () => {
  it('is sent on create only when asked, and on edit only when it changes', () => {
    const v = {
      ...emptyUser(),
      username: 'ann',
      displayName: 'Ann',
      role: 'supervisor' as const,
      password: 'long-enough-1',
    };
    expect(createBody(v).passwordChangeRequired).toBeUndefined();
    expect(createBody({ ...v, passwordChangeRequired: true }).passwordChangeRequired).toBe(true);
    const loaded = {
      id: 4,
      username: 'ann',
      displayName: 'Ann',
      role: 'supervisor' as const,
      enabled: true,
      passwordChangeRequired: false,
      agent: null,
      supervises: [],
    };
    expect(patchBody(loaded, userValues(loaded))).toEqual({});
    expect(
      patchBody(loaded, { ...userValues(loaded), password: 'reset-pass-1', passwordChangeRequired: true }),
    ).toEqual({
      password: 'reset-pass-1',
      passwordChangeRequired: true,
    });
    expect(userValues({ ...loaded, passwordChangeRequired: true }).passwordChangeRequired).toBe(true);
  });
});
