import { describe, expect, it } from 'vitest';
import { historyUrl } from './historyApi';
import { addDays, dateTime, dayIn, duration, otherParty, preset, timelineText } from './historyFormat';
import { NO_FILTERS } from './historyTypes';

describe('historyUrl', () => {
  it('sends only the filled filters, trimmed, with the page size and cursor', () => {
    const url = historyUrl(
      { ...NO_FILTERS, from: '2026-01-14', to: '2026-01-14', agent: '7', caller: ' +4930 ' },
      'abc',
    );
    const q = new URL(url, 'http://x').searchParams;
    expect(url.startsWith('/api/history/calls?')).toBe(true);
    expect([...q.keys()].sort()).toEqual(['after', 'agent', 'caller', 'from', 'limit', 'to']);
    expect(q.get('caller')).toBe('+4930');
    expect(q.get('limit')).toBe('50');
    expect(q.get('after')).toBe('abc');
  });

  it('sends attached data only as a key with its value', () => {
    expect(historyUrl({ ...NO_FILTERS, dataKey: 'CustomerId' })).not.toContain('dataKey');
    expect(historyUrl({ ...NO_FILTERS, dataValue: 'CRM-1' })).not.toContain('dataValue');
    const q = new URL(historyUrl({ ...NO_FILTERS, dataKey: 'CustomerId', dataValue: 'CRM 1&2' }), 'http://x')
      .searchParams;
    expect(q.get('dataKey')).toBe('CustomerId');
    expect(q.get('dataValue')).toBe('CRM 1&2');
  });
});

describe('days and times in the tenant zone', () => {
  // 2026-01-14 23:30 UTC is already the 15th in Berlin (UTC+1) and still the 14th in New York
  const lateEvening = new Date('2026-01-14T23:30:00Z');

  it('names the day of an instant in a zone', () => {
    expect(dayIn('UTC', lateEvening)).toBe('2026-01-14');
    expect(dayIn('Europe/Berlin', lateEvening)).toBe('2026-01-15');
    expect(dayIn('America/New_York', lateEvening)).toBe('2026-01-14');
  });

  it('"yesterday" is the tenant\'s yesterday, across month and year ends', () => {
    expect(preset('yesterday', 'Europe/Berlin', lateEvening)).toEqual({ from: '2026-01-14', to: '2026-01-14' });
    expect(preset('yesterday', 'UTC', lateEvening)).toEqual({ from: '2026-01-13', to: '2026-01-13' });
    expect(preset('today', 'Europe/Berlin', lateEvening)).toEqual({ from: '2026-01-15', to: '2026-01-15' });
    expect(preset('week', 'UTC', new Date('2026-03-02T12:00:00Z'))).toEqual({ from: '2026-02-24', to: '2026-03-02' });
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it("shows instants as the tenant's wall-clock time", () => {
    expect(dateTime('2026-01-14T23:30:05Z', 'Europe/Berlin')).toBe('2026-01-15 00:30:05');
    expect(dateTime('2026-07-01T10:00:00Z', 'Europe/Berlin')).toBe('2026-07-01 12:00:00');
  });
});

describe('call presentation', () => {
  it('writes durations as m:ss or h:mm:ss', () => {
    expect(duration(null)).toBe('—');
    expect(duration(5)).toBe('0:05');
    expect(duration(125)).toBe('2:05');
    expect(duration(3725)).toBe('1:02:05');
  });

  it('names the other party: the caller inbound, the dialled number outbound', () => {
    expect(otherParty({ direction: 'inbound', callerNumber: '+4930111', callerName: 'Zoë', dialedNumber: null })).toBe(
      'Zoë (+4930111)',
    );
    expect(otherParty({ direction: 'outbound', callerNumber: '', callerName: '', dialedNumber: '0301234' })).toBe(
      '0301234',
    );
    expect(otherParty({ direction: 'inbound', callerNumber: '', callerName: '', dialedNumber: null })).toBe('—');
  });

  it('tells a timeline entry with its agent and detail', () => {
    const alice = { id: 1, name: 'Alice', extension: '1001' };
    expect(timelineText({ at: '', kind: 'ringing', agent: alice, detail: null })).toBe('Rang Alice (1001)');
    expect(timelineText({ at: '', kind: 'queued', agent: null, detail: 'Support' })).toBe('Queued: Support');
    expect(timelineText({ at: '', kind: 'abandoned', agent: null, detail: 'after 60 s' })).toBe(
      'Caller hung up: after 60 s',
    );
    expect(timelineText({ at: '', kind: 'something_new', agent: null, detail: null })).toBe('something_new');
  });
});
