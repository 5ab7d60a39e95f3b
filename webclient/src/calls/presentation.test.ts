import { describe, expect, it } from 'vitest';
import { KEY_DISPLAY_MAX, attachedDataRows, callerText, safePopupUrl, truncateKey } from './presentation';

describe('truncateKey', () => {
  it('keeps keys of up to 15 characters', () => {
    expect(KEY_DISPLAY_MAX).toBe(15);
    expect(truncateKey('CustomerId')).toBe('CustomerId');
    expect(truncateKey('ExactlyFifteen!')).toBe('ExactlyFifteen!');
  });

  it('cuts longer keys to 15 characters and an ellipsis', () => {
    expect(truncateKey('CustomerAccountNumber')).toBe('CustomerAccount…');
  });

  it('counts characters, not UTF-16 units (no emoji split)', () => {
    const key = '📞'.repeat(16);
    expect(truncateKey(key)).toBe(`${'📞'.repeat(15)}…`);
    expect(truncateKey('Größenänderungen')).toBe('Größenänderunge…');
  });
});

describe('attachedDataRows', () => {
  it('orders by position and marks cut keys', () => {
    const rows = attachedDataRows([
      { position: 2, key: 'PreferredContactChannel', value: 'email' },
      { position: 1, key: 'CustomerId', value: 'CRM-4711' },
    ]);
    expect(rows).toEqual([
      { position: 1, key: 'CustomerId', shownKey: 'CustomerId', truncated: false, value: 'CRM-4711' },
      {
        position: 2,
        key: 'PreferredContactChannel',
        shownKey: 'PreferredContac…',
        truncated: true,
        value: 'email',
      },
    ]);
  });

  it('names a key-less item after the tenant configuration, else by position', () => {
    const rows = attachedDataRows(
      [
        { position: 1, key: '', value: 'a' },
        { position: 4, key: ' ', value: 'b' },
      ],
      [{ position: 1, name: 'CustomerId' }],
    );
    expect(rows.map((r) => r.key)).toEqual(['CustomerId', 'Variable 4']);
  });

  it('shows the label the tenant gave a key instead of its raw name', () => {
    const keys = [
      { position: 1, name: 'CustomerId', label: 'Customer number' },
      { position: 2, name: 'Tier', label: '' },
      { position: 3, name: 'Email', label: 'E-mail address' },
    ];
    const rows = attachedDataRows(
      [
        { position: 1, key: 'customerid', value: 'C-1' },
        { position: 2, key: 'Tier', value: 'gold' },
        { position: 3, key: '', value: 'a@b.example' },
        { position: 4, key: 'Unlisted', value: 'x' },
      ],
      keys,
    );
    expect(rows.map((r) => r.key)).toEqual(['Customer number', 'Tier', 'E-mail address', 'Unlisted']);
  });
});

describe('callerText', () => {
  it('combines name and number', () => {
    expect(callerText({ callerName: 'Zoë Müller', callerNumber: '+4930123' })).toBe('Zoë Müller (+4930123)');
    expect(callerText({ callerName: '', callerNumber: '+4930123' })).toBe('+4930123');
    expect(callerText({ callerName: '+4930123', callerNumber: '+4930123' })).toBe('+4930123');
    expect(callerText(null)).toBe('Unknown caller');
  });
});

describe('safePopupUrl', () => {
  it('accepts absolute http and https URLs', () => {
    expect(safePopupUrl('https://crm.example.com/c?id=CRM-4711&n=Zo%C3%AB')).toBe(
      'https://crm.example.com/c?id=CRM-4711&n=Zo%C3%AB',
    );
    expect(safePopupUrl('http://crm.example.com/x')).toBe('http://crm.example.com/x');
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<b>x</b>',
    'file:///etc/passwd',
    '/relative',
    '',
    null,
  ])('refuses %s', (url) => {
    expect(safePopupUrl(url)).toBeNull();
  });
});
