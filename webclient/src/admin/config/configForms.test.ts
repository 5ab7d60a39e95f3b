import { describe, expect, it } from 'vitest';
import type { CodedEntry, TenantSettings } from '../adminTypes';
import { codedBody, codedValues, emptyCoded, validateCoded } from './codedForm';
import { settingsPatch } from './SettingsScreen';
import { keysBody, validateKeys } from './attachedKeys';
import { emptyPopup, popupBody, validatePopup } from './popupRuleForm';

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
    expect(codedBody({ ...codedValues(lunch), label: 'Lunch break', active: false }, lunch)).toEqual({
      label: 'Lunch break',
      active: false,
    });
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
      reattachGraceSeconds: 60,
      reattachAfter: 'requeue',
    };
    expect(settingsPatch(s, { ...s })).toEqual({});
    expect(settingsPatch(s, { ...s, reattachGraceSeconds: 30, reattachAfter: 'hangup' })).toEqual({
      reattachGraceSeconds: 30,
      reattachAfter: 'hangup',
    });
    expect(settingsPatch(s, { ...s, ringBeep: false, timeZone: 'UTC' })).toEqual({ timeZone: 'UTC', ringBeep: false });
  });
});

describe('attached-data keys', () => {
  it('checks names (pattern, unique), labels and the count of 10', () => {
    expect(
      validateKeys([
        { position: 1, name: 'order', label: 'Order' },
        { position: 2, name: 'order', label: '' },
        { position: 3, name: '1st', label: 'x' },
      ]),
    ).toEqual({
      'keys[1].name': 'Another key already has this name.',
      'keys[1].label': 'Enter a label.',
      'keys[2].name': 'A name starts with a letter, then letters, digits or _ (at most 64).',
    });
    const eleven = Array.from({ length: 11 }, (_, i) => ({ position: i + 1, name: `k${i}`, label: 'L' }));
    expect(validateKeys(eleven)).toEqual({ keys: 'At most 10 keys.' });
  });

  it('numbers the positions 1..n in the order shown', () => {
    expect(
      keysBody([
        { position: 5, name: 'b', label: ' B ' },
        { position: 1, name: 'a', label: 'A' },
      ]),
    ).toEqual([
      { position: 1, name: 'b', label: 'B' },
      { position: 2, name: 'a', label: 'A' },
    ]);
  });
});

describe('popup rule form', () => {
  it('wants an http(s) template and patches only changes', () => {
    expect(validatePopup({ ...emptyPopup(), urlTemplate: 'javascript:alert(1)' })).toHaveProperty('urlTemplate');
    expect(validatePopup({ ...emptyPopup(), urlTemplate: 'https://crm.example/?n={callerNumber}' })).toEqual({});
    const rule = {
      id: 1,
      queueId: 3,
      callKind: 'any' as const,
      trigger: 'ring' as const,
      urlTemplate: 'https://a/{callerNumber}',
      active: true,
    };
    expect(popupBody({ ...rule, trigger: 'answer' }, rule)).toEqual({ trigger: 'answer' });
  });
});
