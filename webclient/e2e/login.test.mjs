// Login page behaviour against the real server: remembered domain, non-agent roles.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser } from './support/browser.mjs';
import { expectFocused, expectText, expectVisible } from './support/expect.mjs';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_PASSWORD, loginPage, loginWithKeyboard, toolbar } from './support/pages.mjs';
import { startServer } from './support/server.mjs';

describe('login page', { timeout: 180_000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('remembers the last domain, never the password', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.baseUrl);
    let login = loginPage(page);
    assert.equal(await login.domain.inputValue(), '', 'no domain remembered yet');

    await loginWithKeyboard(page, { username: 'bob', password: DEMO_PASSWORD, domain: 'acme' });
    await expectText(toolbar(page).extension, '1002');
    await toolbar(page).logout.click();

    login = loginPage(page);
    await expectVisible(login.heading);
    assert.equal(await login.domain.inputValue(), 'acme', 'domain remembered after logout');
    assert.equal(await login.password.inputValue(), '');

    await page.reload();
    await expectVisible(login.heading);
    assert.equal(await login.domain.inputValue(), 'acme', 'domain remembered after reload');
    await expectFocused(page, 'login-username');

    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    assert.ok(!stored.includes(DEMO_PASSWORD), `password must not be stored: ${stored}`);
    await page.close();
  });

  it('empty fields are reported without a request, with the field marked', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.baseUrl);
    const login = loginPage(page);
    await expectVisible(login.heading);
    await page.keyboard.press('Enter');
    await expectText(login.error, /Please enter your username, password/);
    assert.equal(await login.username.getAttribute('aria-invalid'), 'true');
    await page.close();
  });

  it('a supervisor gets the supervisor page with name, role, the team and Logout', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.baseUrl);
    await loginWithKeyboard(page, { username: 'sam', password: DEMO_PASSWORD, domain: 'acme' });
    await expectText(page.getByRole('main'), /Supervisor[\s\S]*Support[\s\S]*Alice Agent/);
    await expectText(page.getByRole('heading', { level: 1 }), 'Sam Supervisor');
    await page.getByRole('button', { name: 'Logout' }).click();
    await expectVisible(loginPage(page).heading);
    await page.close();
  });

  it('says so when the server cannot be reached', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.baseUrl);
    const login = loginPage(page);
    await expectVisible(login.heading);
    await browser.context.setOffline(true);
    try {
      await loginWithKeyboard(page, { username: 'bob', password: DEMO_PASSWORD, domain: 'acme' });
      await expectText(login.error, /Cannot reach the server/);
      assert.equal(await login.submit.isEnabled(), true, 'button enabled again');
    } finally {
      await browser.context.setOffline(false);
    }
    await page.close();
  });

  it('too many failed attempts: tells how long to wait (Retry-After)', async () => {
    // Fail carol's login 7 times through the API, waiting out each delay the server asks for,
    // so the next attempt must wait a few seconds.
    let failures = 0;
    while (failures < 7) {
      const res = await fetch(`${server.baseUrl}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'carol', password: 'wrong', domain: 'acme' }),
      });
      if (res.status === 401) failures += 1;
      else if (res.status === 429) await sleep(Number(res.headers.get('retry-after')) * 1000);
      else assert.fail(`unexpected status ${res.status}`);
    }

    const page = await browser.context.newPage();
    await page.goto(server.baseUrl);
    const login = loginPage(page);
    await expectVisible(login.heading);
    await loginWithKeyboard(page, { username: 'carol', password: DEMO_PASSWORD, domain: 'acme' });
    await expectText(login.error, /^Too many attempts, try again in [1-9]\d* s\.$/);
    await page.close();
  });
});
