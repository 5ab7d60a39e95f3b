import { describe, expect, it } from 'vitest';
import { extensionProblem } from './ExtensionsScreen';
import { trunkPatch, trunkProblems, trunkValues, type Trunk } from './trunkForm';

const none: Trunk = { name: null, host: null, port: null, username: null, outboundCallerId: null, passwordSet: false };
const set: Trunk = {
  name: 'acme-pstn',
  host: 'sip.example',
  port: 5060,
  username: 'acct',
  outboundCallerId: '+14155550100',
  passwordSet: true,
};

describe('trunk form', () => {
  it('never fills the password and sends only what changed', () => {
    const v = trunkValues(set);
    expect(v.password).toBe('');
    expect(trunkPatch(set, v)).toEqual({});
    expect(trunkPatch(set, { ...v, host: ' ', outboundCallerId: '' })).toEqual({ host: null, outboundCallerId: null });
    expect(trunkPatch(set, { ...v, password: 'n3w-secret' })).toEqual({ password: 'n3w-secret' });
    expect(trunkPatch(set, { ...v, clearPassword: true })).toEqual({ password: null });
    expect(trunkPatch(none, { ...trunkValues(none), name: 'acme-pstn', host: 'sip.example' })).toEqual({
      name: 'acme-pstn',
      host: 'sip.example',
    });
  });

  it('refuses what would break the PBX configuration before sending', () => {
    const v = { ...trunkValues(set) };
    expect(trunkProblems(v, 'acme')).toEqual({});
    expect(trunkProblems({ ...v, name: 'other-pstn' }, 'acme').name).toMatch(/starts with acme-/);
    expect(trunkProblems({ ...v, password: 'a;b' }, 'acme').password).toMatch(/no spaces/);
    expect(trunkProblems({ ...v, password: 'line\nbreak' }, 'acme').password).toBeDefined();
    expect(trunkProblems({ ...v, username: '', password: 'okpass' }, 'acme').username).toMatch(/needs a username/);
    expect(trunkProblems({ ...v, port: '70000' }, 'acme').port).toBeDefined();
    expect(trunkProblems({ ...v, outboundCallerId: '12a' }, 'acme').outboundCallerId).toBeDefined();
  });

  it('asks extensions of 2 to 8 digits', () => {
    expect(extensionProblem('1001')).toBeUndefined();
    expect(extensionProblem('1')).toBeDefined();
    expect(extensionProblem('12a')).toBeDefined();
  });
});
