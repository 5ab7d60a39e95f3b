// Small polling assertions over Playwright locators (playwright-core has no `expect`).
import assert from 'node:assert/strict';

const POLL_MS = 50;

/** @typedef {{ timeout?: number, message?: string }} WaitOptions */

async function poll(read, ok, timeout) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await read();
    } catch (e) {
      last = `<${e.message.split('\n')[0]}>`;
    }
    if (ok(last)) return last;
    if (Date.now() > deadline) return { failed: true, last };
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/**
 * Waits until the locator's visible text equals `expected` (string) or matches it (RegExp).
 * @param {import('playwright-core').Locator} locator
 * @param {string | RegExp} expected
 * @param {WaitOptions} [options]
 */
export async function expectText(locator, expected, { timeout = 5000, message } = {}) {
  const matches = (t) => (expected instanceof RegExp ? expected.test(t ?? '') : (t ?? '').trim() === expected);
  const r = await poll(
    () => locator.innerText({ timeout: POLL_MS * 4 }),
    (t) => typeof t === 'string' && matches(t),
    timeout,
  );
  if (r && typeof r === 'object' && r.failed) {
    assert.fail(
      `${message ?? String(locator)}: expected text ${expected} within ${timeout} ms, last saw ${JSON.stringify(r.last)}`,
    );
  }
  return r;
}

/**
 * @param {import('playwright-core').Locator} locator
 * @param {WaitOptions} [options]
 */
export async function expectVisible(locator, { timeout = 5000, message } = {}) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    assert.fail(`${message ?? String(locator)}: not visible within ${timeout} ms`);
  }
}

/**
 * @param {import('playwright-core').Locator} locator
 * @param {WaitOptions} [options]
 */
export async function expectHidden(locator, { timeout = 5000, message } = {}) {
  try {
    await locator.first().waitFor({ state: 'hidden', timeout });
  } catch {
    assert.fail(`${message ?? String(locator)}: still visible after ${timeout} ms`);
  }
}

/**
 * Waits until the id of document.activeElement equals `id`.
 * @param {import('playwright-core').Page} page
 * @param {string} id
 * @param {{ timeout?: number }} [options]
 */
export async function expectFocused(page, id, { timeout = 3000 } = {}) {
  const r = await poll(
    () => page.evaluate(() => document.activeElement?.id ?? null),
    (v) => v === id,
    timeout,
  );
  if (r && typeof r === 'object' && r.failed) assert.fail(`expected #${id} focused, focus is on #${r.last}`);
}
