import { describe, expect, it } from 'vitest';
import type { AgentStateView, CallOffer } from '../api/types';
import type { CallBook } from '../calls/callBook';
import { dispositionBlocks, trackLastCall } from './lastCall';

const state = (extra: Partial<AgentStateView>): AgentStateView => ({
  agentId: 1,
  status: 'READY',
  reason: null,
  since: '2026-11-22T09:00:00Z',
  wrapupEndsAt: null,
  call: null,
  serverTime: '2026-11-22T09:00:00Z',
  ...extra,
});
const offer = { callId: 'c1', callerNumber: '+14155550123', callerName: 'Jane' } as CallOffer;
const book: CallBook = { c1: { offer, receivedAt: 0, confirmed: true } };

describe('the call after-call work is about', () => {
  it('is the current call with its caller, and stays once the call is over', () => {
    const talking = trackLastCall(
      null,
      state({ call: { callId: 'c1', kind: 'QUEUE', state: 'TALKING', since: '', answered: true } }),
      book,
    );
    expect(talking).toEqual({ callId: 'c1', callerNumber: '+14155550123', callerName: 'Jane' });
    const wrapup = trackLastCall(talking, state({ status: 'WRAPUP', wrapupEndsAt: '2026-11-22T09:00:30Z' }), {});
    expect(wrapup).toBe(talking);
  });

  it('after a reload during wrap-up, is the call the wrap-up owes a disposition', () => {
    const owed = trackLastCall(null, state({ status: 'WRAPUP', wrapupEndsAt: 'x', dispositionOwed: 'c7' }), {});
    expect(owed).toEqual({ callId: 'c7', callerNumber: '', callerName: '' });
    expect(dispositionBlocks(state({ dispositionOwed: 'c7' }))).toBe(true);
    expect(dispositionBlocks(state({ dispositionOwed: null }))).toBe(false);
    expect(dispositionBlocks(state({}))).toBe(false);
  });
});
