import { describe, expect, it } from 'vitest';
import type { CodedEntry, TenantSettings } from '../adminTypes';
import { codedBody, codedValues, emptyCoded, validateCoded } from './codedForm';
import { settingsPatch } from './SettingsScreen';

const lunch: CodedEntry = { id: 2, code: 'lunch', label: 'Lunch', sortOrder: 1, active: true };

describe('reason and disposition form', () => {
  it('checks the code pattern, the label length and the order', () => {
    expect(validateCoded({ ...emptyCoded(), code: 'Lunch Break', sortOrder: 'x' })).toEqual({
      code: 'A code is 1 to 32 lower-case letters, digits or dashes.',
      label: 'A label has 1 to 100 characters.',
      sortOrder: 'The order must be a whole number from 0 to 10000.',
    });
    expect(validateCoded({ ...emptyCoded(), code: 'a'.repeat(33), label: 'x' })).toHaveProperty('code');
    expect(validateCoded(codedValues(lunch))).toEqual({});
  });

  it('creates with every field and patches only the changed ones', () => {
    expect(codedBody({ code: ' break ', label: ' Break ', sortOrder: '3', active: true }, null)).toEqual({
      code: 'break',
      label: 'Break',
      sortOrder: 3,
      active: true,
    });
    expect(codedBody(codedValues(lunch), lunch)).toEqual({});
    expect(codedBody({ ...codedValues(lunch), label: 'Lunch break', active: false }, lunch)).toEqual({ label: 'Lunch break', active: false });
  });
});

describe('settingsPatch', () => {
  it('holds only the changed settings', () => {
    const s: TenantSettings = {
      name: 'Acme',
      timeZone: 'Europe/Berlin',
      ringBeep: true,
      ringNotification: true,
      clickToDialAutoAnswer: false,
      allowEndWrapupEarly: true,
      dispositionRequired: false,
    };
    expect(settingsPatch(s, { ...s })).toEqual({});
    expect(settingsPatch(s, { ...s, ringBeep: false, timeZone: 'UTC' })).toEqual({ timeZone: 'UTC', ringBeep: false });
  });
});
