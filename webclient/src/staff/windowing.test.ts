import { describe, expect, it } from 'vitest';
import { rowWindow } from './windowing';

describe('rowWindow', () => {
  it('renders the visible rows plus the overscan, and pads the rest', () => {
    expect(rowWindow(500, 44, 440, 0, 8)).toEqual({ start: 0, end: 19, padTop: 0, padBottom: (500 - 19) * 44 });
    const mid = rowWindow(500, 44, 440, 4400, 8);
    expect(mid.start).toBe(92);
    expect(mid.end).toBe(119);
    expect(mid.padTop + (mid.end - mid.start) * 44 + mid.padBottom).toBe(500 * 44);
  });

  it('stays within the list at the end and for small lists', () => {
    const end = rowWindow(500, 44, 440, 500 * 44, 8);
    expect(end.end).toBe(500);
    expect(end.padBottom).toBe(0);
    expect(rowWindow(3, 44, 440, 0)).toEqual({ start: 0, end: 3, padTop: 0, padBottom: 0 });
    expect(rowWindow(0, 44, 440, 0)).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });
});
