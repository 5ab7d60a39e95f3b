import { describe, expect, it } from 'vitest';
import { T0, agentState, offer } from '../test/fixtures';
import {
  EMPTY_BOOK,
  UNCONFIRMED_OFFER_TTL_MS,
  addData,
  addOffer,
  currentCall,
  isRinging,
  mergeAttachedData,
  nextExpiry,
  reconcile,
} from './callBook';

describe('mergeAttachedData', () => {
  it('orders by position and lets a later item replace one at the same position', () => {
    const merged = mergeAttachedData(
      [
        { position: 3, key: 'Tier', value: 'gold' },
        { position: 1, key: 'CustomerId', value: 'CRM-4711' },
      ],
      [
        { position: 2, key: 'Ticket', value: 'T-9' },
        { position: 3, key: 'Tier', value: 'platinum' },
      ],
    );
    expect(merged).toEqual([
      { position: 1, key: 'CustomerId', value: 'CRM-4711' },
      { position: 2, key: 'Ticket', value: 'T-9' },
      { position: 3, key: 'Tier', value: 'platinum' },
    ]);
  });

  it('keeps empty values and turns null ones into empty strings', () => {
    const merged = mergeAttachedData([], [{ position: 1, key: 'Note', value: null as unknown as string }]);
    expect(merged).toEqual([{ position: 1, key: 'Note', value: '' }]);
  });
});

describe('call book', () => {
  it('an offer before the RINGING state is the current call, ringing', () => {
    const book = addOffer(EMPTY_BOOK, offer(), T0, agentState('READY'));
    const call = currentCall(book, agentState('READY'));
    expect(call).toMatchObject({ callId: 'c-1', state: 'RINGING', kind: 'QUEUE' });
    expect(call?.offer?.attachedData.map((d) => d.position)).toEqual([1, 2]);
    expect(isRinging(call)).toBe(true);
  });

  it('the agent state then confirms it and gives its state and timer start', () => {
    let book = addOffer(EMPTY_BOOK, offer(), T0, agentState('READY'));
    const talking = agentState('READY', { state: 'TALKING' }, T0 + 4000);
    book = reconcile(book, talking, T0 + 4000);
    expect(book['c-1']?.confirmed).toBe(true);
    const call = currentCall(book, talking);
    expect(call).toMatchObject({ state: 'TALKING', since: talking.call!.since });
    expect(call?.offer?.callerName).toBe('Zoë Müller');
    expect(isRinging(call)).toBe(false);
  });

  it('an offer arriving after the RINGING state is confirmed at once', () => {
    const ringing = agentState('READY', { state: 'RINGING' });
    const book = addOffer(EMPTY_BOOK, offer(), T0, ringing);
    expect(book['c-1']?.confirmed).toBe(true);
  });

  it('a confirmed call disappears when the state has no call any more', () => {
    let book = addOffer(EMPTY_BOOK, offer(), T0, agentState('READY', { state: 'RINGING' }));
    book = reconcile(book, agentState('READY'), T0 + 20_000);
    expect(book).toEqual({});
    expect(currentCall(book, agentState('READY'))).toBeNull();
  });

  it('an unconfirmed offer survives older states but expires after the TTL', () => {
    const book = addOffer(EMPTY_BOOK, offer(), T0, null);
    expect(reconcile(book, agentState('READY'), T0 + 1000)).toBe(book);
    expect(nextExpiry(book)).toBe(T0 + UNCONFIRMED_OFFER_TTL_MS);
    expect(reconcile(book, agentState('READY'), T0 + UNCONFIRMED_OFFER_TTL_MS)).toEqual({});
  });

  it('call.data adds to the offer of that call only', () => {
    let book = addOffer(EMPTY_BOOK, offer(), T0, null);
    book = addData(book, 'c-1', [{ position: 3, key: 'Ticket', value: 'T-42' }]);
    expect(book['c-1']?.offer.attachedData.map((d) => d.value)).toEqual([
      'CRM-4711',
      'Hauptstraße 5, 10115 Berlin',
      'T-42',
    ]);
    expect(addData(book, 'other', [{ position: 1, key: 'x', value: 'y' }])).toBe(book);
  });

  it('a repeated offer keeps data that came with call.data', () => {
    let book = addOffer(EMPTY_BOOK, offer(), T0, null);
    book = addData(book, 'c-1', [{ position: 5, key: 'Ticket', value: 'T-42' }]);
    book = addOffer(book, offer(), T0 + 10, null);
    expect(book['c-1']?.offer.attachedData.map((d) => d.position)).toEqual([1, 2, 5]);
    expect(book['c-1']?.receivedAt).toBe(T0);
  });

  it('the state call without any offer still shows (no caller details)', () => {
    const call = currentCall(EMPTY_BOOK, agentState('READY', { state: 'HELD', callId: 'x' }));
    expect(call).toMatchObject({ callId: 'x', state: 'HELD', offer: null });
  });

  it('an outbound offer is dialing, never ringing', () => {
    const book = addOffer(EMPTY_BOOK, offer({ kind: 'OUTBOUND', queue: null }), T0, null);
    const call = currentCall(book, null);
    expect(call?.state).toBe('DIALING');
    expect(isRinging(call)).toBe(false);
  });
});
