import { describe, expect, it } from 'vitest';
import {
  chartsOf,
  columnLabel,
  formatCell,
  formatDuration,
  perInterval,
  serviceLevel,
  stateTimePerAgent,
  visibleColumns,
} from './reportModel';
import { reportQuery } from './reportsApi';
import { yesterdayIn } from './ReportsScreen';

describe('report model', () => {
  it('formats seconds as h:mm:ss and local interval starts as the server wrote them', () => {
    expect(formatDuration(0)).toBe('0:00:00');
    expect(formatDuration(3661)).toBe('1:01:01');
    expect(formatDuration(93600)).toBe('26:00:00');
    expect(formatCell('talk', 570, 'day')).toBe('0:09:30');
    expect(formatCell('notReady_break', 3600, 'day')).toBe('1:00:00');
    expect(formatCell('intervalStart', '2026-03-29T03:00:00+02:00', 'hour')).toBe('2026-03-29 03:00 (UTC+02:00)');
    expect(formatCell('intervalStart', '2026-03-29T00:00:00+01:00', 'day')).toBe('2026-03-29');
    expect(formatCell('serviceLevelPercent', 33.3, 'day')).toBe('33.3 %');
    expect(formatCell('averageHandling', null, 'day')).toBe('–');
    expect(formatCell('offered', 3, 'day')).toBe('3');
  });

  it('labels reason columns and hides ids', () => {
    expect(columnLabel('notReady_lunch')).toBe('Not Ready: lunch');
    expect(columnLabel('averageHandling')).toBe('AHT');
    expect(visibleColumns(['intervalStart', 'agentId', 'agentName'])).toEqual(['intervalStart', 'agentName']);
  });

  it('adds rows of several agents per interval, in time order (DST hours keep their own instants)', () => {
    const rows = [
      { intervalStart: '2026-03-29T03:00:00+02:00', agentId: 1, answered: 2 },
      { intervalStart: '2026-03-29T01:00:00+01:00', agentId: 1, answered: 1 },
      { intervalStart: '2026-03-29T03:00:00+02:00', agentId: 2, answered: 3 },
    ];
    const s = perInterval(rows, [{ column: 'answered', label: 'Answered' }]);
    // 01:00+01:00 = 00:00Z, 03:00+02:00 = 01:00Z: one hour apart
    expect(s.x).toEqual([Date.parse('2026-03-29T00:00:00Z') / 1000, Date.parse('2026-03-29T01:00:00Z') / 1000]);
    expect(s.series[0]!.values).toEqual([1, 5]);
  });

  it('computes the service level over queues from their counted calls, null where nothing counts', () => {
    const rows = [
      { intervalStart: '2026-03-29T00:00:00+01:00', answeredInThreshold: 1, serviceLevelCalls: 3 },
      { intervalStart: '2026-03-29T00:00:00+01:00', answeredInThreshold: 3, serviceLevelCalls: 3 },
      { intervalStart: '2026-03-30T00:00:00+02:00', answeredInThreshold: 0, serviceLevelCalls: 0 },
    ];
    // (1 + 3) / (3 + 3) = 66.7 %
    expect(serviceLevel(rows).series[0]!.values).toEqual([66.7, null]);
  });

  it('adds up state time per agent over the intervals', () => {
    const rows = [
      { agentId: 1, agentName: 'Alice', agentNumber: '1001', ready: 6600, talk: 570, ringing: 30, hold: 0 },
      { agentId: 1, agentName: 'Alice', agentNumber: '1001', ready: 100, talk: 720, ringing: 0, hold: 60 },
    ];
    const [alice] = stateTimePerAgent(rows);
    expect(alice!.name).toBe('Alice (1001)');
    expect(alice!.total).toBe(6600 + 570 + 30 + 100 + 720 + 60);
    expect(alice!.parts.find((p) => p.column === 'talk')!.seconds).toBe(1290);
  });

  it('shows charts only where they help', () => {
    const page = (report: 'agents' | 'queues' | 'pauses', interval: 'hour' | 'day' | 'period') => ({
      report,
      interval,
      from: '',
      to: '',
      timeZone: 'UTC',
      columns: [],
      items: [{}],
      next: null,
    });
    expect(chartsOf('queues', page('queues', 'hour'))).toEqual(['calls', 'serviceLevel']);
    expect(chartsOf('agents', page('agents', 'period'))).toEqual(['states']);
    expect(chartsOf('pauses', page('pauses', 'period'))).toEqual([]);
    expect(chartsOf('agents', null)).toEqual([]);
  });

  it('builds the query from what is set, and yesterday in the tenant zone', () => {
    expect(
      String(reportQuery({ kind: 'pauses', from: '2026-03-28', to: '2026-03-29', interval: 'period', by: 'group' })),
    ).toBe('from=2026-03-28&to=2026-03-29&interval=period&by=group');
    expect(
      String(reportQuery({ kind: 'agents', from: 'a', to: 'b', interval: 'day', agentId: '7', by: 'group' })),
    ).toBe('from=a&to=b&interval=day&agentId=7');
    // 2026-03-29 00:30 in Berlin is 28th 23:30Z: yesterday there is the 28th, in UTC the 27th
    const now = new Date('2026-03-28T23:30:00Z');
    expect(yesterdayIn('Europe/Berlin', now)).toBe('2026-03-28');
    expect(yesterdayIn('UTC', now)).toBe('2026-03-27');
  });
});
