import { describe, expect, it } from 'vitest';
import { clockSkewMs, elapsedSeconds, formatDuration, remainingSeconds, serverNow } from './time';

const T0 = Date.parse('2025-01-01T10:00:00.000Z');

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [5, '0:05'],
    [59, '0:59'],
    [60, '1:00'],
    [61.9, '1:01'],
    [3599, '59:59'],
    [3600, '1:00:00'],
    [3661, '1:01:01'],
    [36000 + 5, '10:00:05'],
    [-3, '0:00'],
  ])('%s s → %s', (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });
});

describe('clock skew', () => {
  it('is server minus local at receipt', () => {
    expect(clockSkewMs('2025-01-01T10:00:05.000Z', T0)).toBe(5000);
    expect(clockSkewMs('2025-01-01T09:59:58.000Z', T0)).toBe(-2000);
  });

  it('is zero for an unparsable server time', () => {
    expect(clockSkewMs('nonsense', T0)).toBe(0);
  });

  it('corrects the local clock', () => {
    expect(serverNow(T0, 1500)).toBe(T0 + 1500);
  });
});

describe('elapsedSeconds (time in state)', () => {
  const since = '2025-01-01T10:00:00.000Z';

  it('counts whole seconds on the server clock', () => {
    expect(elapsedSeconds(since, T0 + 12_999, 0)).toBe(12);
  });

  it('uses the skew when the local clock is behind the server', () => {
    // Local clock 30 s behind: locally only 5 s have "passed", really 35 s.
    expect(elapsedSeconds(since, T0 + 5_000, 30_000)).toBe(35);
  });

  it('uses the skew when the local clock is ahead of the server', () => {
    // Local clock 2 min ahead: without correction this would show 2:10.
    expect(elapsedSeconds(since, T0 + 130_000, -120_000)).toBe(10);
  });

  it('never goes negative', () => {
    expect(elapsedSeconds(since, T0 - 10_000, 0)).toBe(0);
  });

  it('formats as the toolbar shows it', () => {
    expect(formatDuration(elapsedSeconds(since, T0 + 65_000 - 3_000, 3_000))).toBe('1:05');
  });
});

describe('remainingSeconds (wrap-up countdown)', () => {
  const ends = '2025-01-01T10:00:30.000Z';

  it('rounds up so it reaches 0 only at the end', () => {
    expect(remainingSeconds(ends, T0, 0)).toBe(30);
    expect(remainingSeconds(ends, T0 + 29_001, 0)).toBe(1);
    expect(remainingSeconds(ends, T0 + 30_000, 0)).toBe(0);
  });

  it('applies skew', () => {
    expect(remainingSeconds(ends, T0, 10_000)).toBe(20);
    expect(remainingSeconds(ends, T0, -10_000)).toBe(40);
  });

  it('stays at zero after the end', () => {
    expect(remainingSeconds(ends, T0 + 99_000, 0)).toBe(0);
  });
});
