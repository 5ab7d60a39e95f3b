import { describe, expect, it, vi } from 'vitest';
import { FakeLocks, MemoryStorage } from '../test/memoryStorage';
import { offer } from '../test/fixtures';
import type { CurrentCall } from './callBook';
import { CLAIM_MAX_AGE_MS, POPUP_WINDOW_NAME, PopupOpener, duePopupUrl } from './popup';

const URL_ = 'https://crm.example.com/contact?id=CRM-4711';

function call(state: CurrentCall['state'], openOn: 'ring' | 'answer', url = URL_): CurrentCall {
  return { callId: 'c-1', kind: 'QUEUE', state, since: '', offer: offer({ popup: { url, openOn } }) };
}

describe('duePopupUrl', () => {
  it('openOn ring: due as soon as the call rings', () => {
    expect(duePopupUrl(call('RINGING', 'ring'))).toBe(URL_);
    expect(duePopupUrl(call('TALKING', 'ring'))).toBe(URL_);
  });

  it('openOn answer: due only once the call is talking (or held)', () => {
    expect(duePopupUrl(call('RINGING', 'answer'))).toBeNull();
    expect(duePopupUrl(call('TALKING', 'answer'))).toBe(URL_);
    expect(duePopupUrl(call('HELD', 'answer'))).toBe(URL_);
  });

  it('never for a non-http(s) URL or without a popup', () => {
    expect(duePopupUrl(call('RINGING', 'ring', 'javascript:alert(document.cookie)'))).toBeNull();
    expect(duePopupUrl({ ...call('RINGING', 'ring'), offer: offer() })).toBeNull();
    expect(duePopupUrl(null)).toBeNull();
  });
});

function tab(
  storage: MemoryStorage,
  locks: FakeLocks | undefined,
  result: 'window' | 'blocked' = 'window',
  now = 1_000_000,
) {
  const open = vi.fn((_url: string, _target: string) => (result === 'window' ? { opener: {} as unknown } : null));
  return { open, opener: new PopupOpener({ storage, locks, open, now: () => now }) };
}

describe('PopupOpener', () => {
  it('opens the URL in the named CRM window and cuts the opener link', async () => {
    const storage = new MemoryStorage();
    const t = tab(storage, new FakeLocks());
    expect(await t.opener.openOnce('c-1', URL_)).toBe('opened');
    expect(t.open).toHaveBeenCalledWith(URL_, POPUP_WINDOW_NAME);
    expect(t.open.mock.results[0]!.value.opener).toBeNull();
  });

  it('opens once per call across tabs sharing storage, even when they ask at the same moment', async () => {
    const storage = new MemoryStorage();
    const locks = new FakeLocks();
    const tabs = [tab(storage, locks), tab(storage, locks), tab(storage, locks)];
    const outcomes = await Promise.all(tabs.map((t) => t.opener.openOnce('c-1', URL_)));
    expect(outcomes.sort()).toEqual(['elsewhere', 'elsewhere', 'opened']);
    expect(tabs.reduce((n, t) => n + t.open.mock.calls.length, 0)).toBe(1);
    expect(locks.requested.length).toBe(3);
  });

  it('opens once per call in one tab however often asked, and again for the next call', async () => {
    const t = tab(new MemoryStorage(), undefined);
    await t.opener.openOnce('c-1', URL_);
    await t.opener.openOnce('c-1', URL_);
    expect(t.open).toHaveBeenCalledTimes(1);
    expect(await t.opener.openOnce('c-2', URL_)).toBe('opened');
    expect(t.open).toHaveBeenCalledTimes(2);
  });

  it('reports a blocked popup (window.open returned null)', async () => {
    const t = tab(new MemoryStorage(), new FakeLocks(), 'blocked');
    expect(await t.opener.openOnce('c-1', URL_)).toBe('blocked');
  });

  it('removes claims older than a day when writing a new one', async () => {
    const storage = new MemoryStorage();
    storage.setItem('tandem.popup.old', String(1_000_000 - CLAIM_MAX_AGE_MS - 1));
    storage.setItem('tandem.popup.recent', String(1_000_000 - 1000));
    storage.setItem('unrelated', 'x');
    await tab(storage, undefined).opener.openOnce('c-1', URL_);
    expect(storage.keys().sort()).toEqual(['tandem.popup.c-1', 'tandem.popup.recent', 'unrelated']);
  });
});
