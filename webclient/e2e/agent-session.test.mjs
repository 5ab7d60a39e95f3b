// Two tabs of agent alice against the real server: login, restore without password,
// state changes pushed across tabs, reload, wrong password, logout ending every tab.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser } from './support/browser.mjs';
import { expectHidden, expectText, expectVisible } from './support/expect.mjs';
import { DEMO_PASSWORD, loginPage, loginWithKeyboard, toolbar } from './support/pages.mjs';
import { startServer } from './support/server.mjs';

describe('agent session across two tabs', { timeout: 180_000 }, () => {
  let server;
  let browser;
  let tab1;
  let tab2;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('tab 1: logs in as alice with the keyboard only', async () => {
    tab1 = await browser.context.newPage();
    await tab1.goto(server.baseUrl);
    const login = loginPage(tab1);
    await expectVisible(login.heading);
    await loginWithKeyboard(tab1, { username: 'alice', password: DEMO_PASSWORD, domain: 'acme' });

    const bar = toolbar(tab1);
    await expectText(bar.name, 'Alice Agent', { message: 'display name' });
    await expectText(bar.extension, '1001', { message: 'extension' });
    await expectText(bar.state, 'Not Ready: Login', { message: 'state after login' });
    await expectText(bar.connection, 'Connected', { message: 'push channel' });
  });

  it('tab 2: is restored from the refresh cookie, with no password, in the same state', async () => {
    tab2 = await browser.context.newPage();
    await tab2.goto(server.baseUrl);
    const bar = toolbar(tab2);
    await expectText(bar.state, 'Not Ready: Login', { message: 'tab 2 state' });
    await expectText(bar.extension, '1001');
    assert.equal(await loginPage(tab2).password.count(), 0, 'tab 2 must not show the login form');
    await expectText(bar.connection, 'Connected', { message: 'tab 2 push channel' });
  });

  it('Ready in tab 1 shows in tab 2 within 1 s', async () => {
    await toolbar(tab1).ready.click();
    await expectText(toolbar(tab2).state, 'Ready', { timeout: 1000, message: 'tab 2 after Ready' });
    await expectText(toolbar(tab1).state, 'Ready', { timeout: 1000, message: 'tab 1 after Ready' });
  });

  it('Not Ready with reason Lunch in tab 1 shows in tab 2', async () => {
    const bar = toolbar(tab1);
    await bar.reason.selectOption({ label: 'Lunch' });
    await bar.notReady.click();
    await expectText(toolbar(tab2).state, 'Not Ready: Lunch', { timeout: 1000, message: 'tab 2 after Not Ready' });
    await expectText(bar.state, 'Not Ready: Lunch', { timeout: 1000 });
  });

  it('tab 2 reloads and is still logged in with the same state', async () => {
    await tab2.reload();
    const bar = toolbar(tab2);
    await expectText(bar.state, 'Not Ready: Lunch', { message: 'tab 2 after reload' });
    await expectText(bar.name, 'Alice Agent');
    await expectText(bar.connection, 'Connected', { message: 'tab 2 push channel after reload' });
  });

  it('a wrong password shows the server generic error', async () => {
    // The server's own wording for a failed login, asked directly.
    const res = await fetch(`${server.baseUrl}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'carol', password: 'wrong-password', domain: 'acme' }),
    });
    assert.equal(res.status, 401);
    const problem = await res.json();
    assert.equal(problem.code, 'invalid-credentials');

    // A separate browser (no cookie), so the login page shows.
    const other = await launchBrowser();
    try {
      const page = await other.context.newPage();
      await page.goto(server.baseUrl);
      const login = loginPage(page);
      await loginWithKeyboard(page, { username: 'carol', password: 'not-the-password', domain: 'acme' });
      await expectText(login.error, problem.detail, { message: 'login error' });
      assert.equal(await login.password.inputValue(), '', 'password is cleared after a failure');
      assert.equal(await login.submit.isEnabled(), true, 'button enabled again');
      await expectVisible(login.heading);
    } finally {
      await other.close();
    }
  });

  it('logout in tab 1 sends tab 2 to the login page', async () => {
    await toolbar(tab1).logout.click();
    await expectVisible(loginPage(tab1).heading, { message: 'tab 1 login page after logout' });
    const login2 = loginPage(tab2);
    await expectVisible(login2.heading, { message: 'tab 2 login page after logout in tab 1' });
    await expectText(login2.notice, 'You were logged out.');
    await expectHidden(toolbar(tab2).state);

    // The cookie is gone too: a reload stays on the login page.
    await tab2.reload();
    await expectVisible(loginPage(tab2).heading, { message: 'tab 2 after reload' });
  });
});
