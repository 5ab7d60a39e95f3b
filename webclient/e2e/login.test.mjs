// Login page behaviour against the real server: remembered domain, non-agent roles.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser } from './support/browser.mjs';
import { expectFocused, expectText, expectVisible } from './support/expect.mjs';
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

  it('a supervisor gets the placeholder page with name, role and Logout', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.baseUrl);
    await loginWithKeyboard(page, { username: 'sam', password: DEMO_PASSWORD, domain: 'acme' });
    await expectText(page.getByRole('main'), /Supervisor[\s\S]*team view comes/);
    await expectText(page.getByRole('heading', { level: 1 }), /sam/i);
    await page.getByRole('button', { name: 'Logout' }).click();
    await expectVisible(loginPage(page).heading);
    await page.close();
  });
});
