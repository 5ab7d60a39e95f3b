import { describe, expect, it } from 'vitest';
import type { AgentStateView, AgentStatus } from '../api/types';
import { absenceNotice, isNewerOrSame, offeredActions, statusText, statusTone } from './presentation';

function view(status: AgentStatus, extra: Partial<AgentStateView> = {}): AgentStateView {
  return {
    agentId: 7,
    status,
    reason: null,
    since: '2025-01-01T10:00:00Z',
    wrapupEndsAt: null,
    call: null,
    serverTime: '2025-01-01T10:00:01Z',
    ...extra,
  };
}

describe('statusText', () => {
  it('names each state, with its reason', () => {
    expect(statusText(view('READY'))).toBe('Ready');
    expect(statusText(view('NOT_READY', { reason: { code: 'login', label: 'Login' } }))).toBe('Not Ready: Login');
    expect(statusText(view('NOT_READY'))).toBe('Not Ready');
    expect(statusText(view('WRAPUP'))).toBe('Wrap-up');
    expect(statusText(view('PENDING_NOT_READY', { reason: { code: 'lunch', label: 'Lunch' } }))).toBe(
      'Not Ready pending: Lunch',
    );
    expect(statusText(view('LOGGED_OUT'))).toBe('Logged out');
  });

  it('gives each state its own tone (colour)', () => {
    const tones = (['READY', 'NOT_READY', 'WRAPUP', 'PENDING_NOT_READY', 'LOGGED_OUT'] as const).map(statusTone);
    expect(new Set(tones).size).toBe(5);
  });
});

describe('offeredActions', () => {
  it('offers nothing without a state or when logged out', () => {
    expect(offeredActions(null, true)).toEqual({ ready: false, notReady: false, endWrapup: false });
    expect(offeredActions(view('LOGGED_OUT'), true)).toEqual({ ready: false, notReady: false, endWrapup: false });
  });

  it('NOT_READY: Ready and another reason', () => {
    expect(offeredActions(view('NOT_READY'), true)).toEqual({ ready: true, notReady: true, endWrapup: false });
  });

  it('READY: only Not Ready', () => {
    expect(offeredActions(view('READY'), true)).toEqual({ ready: false, notReady: true, endWrapup: false });
  });

  it('WRAPUP: End wrap-up only if the tenant allows it', () => {
    const w = view('WRAPUP', { wrapupEndsAt: '2025-01-01T10:00:30Z' });
    expect(offeredActions(w, true)).toEqual({ ready: false, notReady: true, endWrapup: true });
    expect(offeredActions(w, false)).toEqual({ ready: false, notReady: true, endWrapup: false });
  });

  it('PENDING_NOT_READY: Ready cancels; End wrap-up only while a wrap-up runs', () => {
    expect(offeredActions(view('PENDING_NOT_READY'), true)).toEqual({ ready: true, notReady: true, endWrapup: false });
    expect(offeredActions(view('PENDING_NOT_READY', { wrapupEndsAt: '2025-01-01T10:00:30Z' }), true)).toEqual({
      ready: true,
      notReady: true,
      endWrapup: true,
    });
  });
});

describe('isNewerOrSame', () => {
  it('accepts anything over nothing, and newer or equal server times', () => {
    const a = view('READY', { serverTime: '2025-01-01T10:00:05Z' });
    expect(isNewerOrSame(null, a)).toBe(true);
    expect(isNewerOrSame(a, view('NOT_READY', { serverTime: '2025-01-01T10:00:05Z' }))).toBe(true);
    expect(isNewerOrSame(a, view('NOT_READY', { serverTime: '2025-01-01T10:00:06Z' }))).toBe(true);
  });

  it('rejects a view the server produced earlier', () => {
    const a = view('READY', { serverTime: '2025-01-01T10:00:05Z' });
    expect(isNewerOrSame(a, view('NOT_READY', { serverTime: '2025-01-01T10:00:04.999Z' }))).toBe(false);
  });
});

describe('absenceNotice (the agent comes back after the server noticed the page was gone)', () => {
  const disconnected = { code: 'disconnected', label: 'Disconnected' };
  it('says why the agent is Not Ready after its browser was disconnected', () => {
    expect(absenceNotice({ status: 'NOT_READY', reason: disconnected })).toBe(
      'You were set Not Ready: your browser was disconnected.',
    );
  });
  it('says it is pending while a call or wrap-up goes on', () => {
    expect(absenceNotice({ status: 'PENDING_NOT_READY', reason: disconnected })).toMatch(
      /^Your browser was disconnected: you will be Not Ready when this call or wrap-up ends/,
    );
  });
  it('says nothing for other reasons and states', () => {
    expect(absenceNotice({ status: 'NOT_READY', reason: { code: 'break', label: 'Break' } })).toBeNull();
    expect(absenceNotice({ status: 'READY', reason: null })).toBeNull();
    expect(absenceNotice(null)).toBeNull();
  });
});
