import { describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '../api/types';
import {
  INITIAL_PHONE_VIEW,
  colleagueDialPermission,
  displayNumber,
  endText,
  normaliseDialString,
  numberDialPermission,
  registrationText,
  type PhoneView,
} from './phoneState';

const registered: PhoneView = { ...INITIAL_PHONE_VIEW, registration: { kind: 'registered' } };
const bob: DirectoryEntry = { agentId: 2, displayName: 'Bob Agent', extension: '1002', status: 'READY' };

describe('registrationText', () => {
  it('says registered, registering, and failed with the reason', () => {
    expect(registrationText({ kind: 'registered' })).toBe('Phone ready');
    expect(registrationText({ kind: 'registering' })).toBe('Phone registering…');
    expect(registrationText({ kind: 'failed', reason: 'Forbidden (403)', retrying: true })).toBe(
      'Phone not registered: Forbidden (403) (retrying)',
    );
    expect(registrationText({ kind: 'connecting', reason: 'connection lost' })).toBe(
      'Phone reconnecting… (connection lost)',
    );
    expect(registrationText({ kind: 'standby' })).toBe('Phone in use in another tab');
    expect(registrationText({ kind: 'elsewhere' })).toBe('Phone in use on another device');
  });
});

describe('dial strings', () => {
  it('keeps digits, + * #, dropping separators', () => {
    expect(normaliseDialString('+49 (30) 123-45.6')).toBe('+4930123456');
    expect(normaliseDialString('1002')).toBe('1002');
    expect(normaliseDialString('*72#')).toBe('*72#');
  });

  it('refuses anything else', () => {
    for (const bad of ['', 'abc', 'sip:1002@x', '1002@evil', '++1', '1'.repeat(33)]) {
      expect(normaliseDialString(bad)).toBeNull();
    }
  });
});

describe('who may be dialled', () => {
  it('numbers only while Not Ready, registered and not on a call', () => {
    expect(numberDialPermission('NOT_READY', registered)).toEqual({ allowed: true });
    expect(numberDialPermission('READY', registered)).toEqual({
      allowed: false,
      why: 'Outbound calls need Not Ready.',
    });
    expect(numberDialPermission('WRAPUP', registered).allowed).toBe(false);
    expect(numberDialPermission('NOT_READY', INITIAL_PHONE_VIEW)).toEqual({
      allowed: false,
      why: 'The phone is not registered.',
    });
    const onCall = { ...registered, call: {} as PhoneView['call'] };
    expect(numberDialPermission('NOT_READY', onCall)).toEqual({
      allowed: false,
      why: 'Finish the current call first.',
    });
  });

  it('colleagues only when they are Ready, and never oneself', () => {
    expect(colleagueDialPermission(bob, 1, registered)).toEqual({ allowed: true });
    expect(colleagueDialPermission({ ...bob, status: 'NOT_READY' }, 1, registered)).toEqual({
      allowed: false,
      why: 'Only Ready colleagues can take a call.',
    });
    expect(colleagueDialPermission(bob, 2, registered)).toEqual({ allowed: false, why: 'This is you.' });
  });
});

describe('endText', () => {
  const out = { direction: 'outgoing' as const, phase: 'calling' as const, remoteNumber: '1002' };
  it('gives the SIP reason phrase of a refused call', () => {
    expect(
      endText(
        out,
        { originator: 'remote', message: { status_code: 480, reason_phrase: 'Extension 1002 is not Ready' } },
        true,
      ),
    ).toBe('Call to 1002 failed: Extension 1002 is not Ready (480).');
    expect(endText(out, { originator: 'system', cause: 'Connection Error' }, true)).toBe(
      'Call to 1002 failed: Connection Error.',
    );
    expect(endText(out, { originator: 'local' }, true)).toBe('Call to 1002 cancelled.');
    expect(endText(out, { originator: 'remote' }, false)).toBe('Call with 1002 ended by the other side.');
  });
});

describe('displayNumber', () => {
  it('shows a colleague of the own tenant by extension, anyone else as is', () => {
    expect(displayNumber('acme-1002', 'acme-1001')).toBe('1002');
    expect(displayNumber('globex-1002', 'acme-1001')).toBe('globex-1002');
    expect(displayNumber('+4930123', 'acme-1001')).toBe('+4930123');
    expect(displayNumber('acme-support', 'acme-1001')).toBe('acme-support');
    expect(displayNumber('acme-1002', null)).toBe('acme-1002');
  });
});
