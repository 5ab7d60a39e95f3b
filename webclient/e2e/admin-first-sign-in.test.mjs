// Issue 14's remaining browser flows against the real server jar:
// 1. the forced password change at the first sign-in: Ada (admin of acme) creates the agent Erin with a password
//    Erin must change; Erin signs in, gets only the change page, chooses hers and reaches the agent page;
// 2. the system page: a system user (made with the jar's `admin create-system-user`, as on a fresh install) creates
//    the tenant globex with its first admin Gina; Gina signs in; the system user suspends globex, Gina's page is
//    signed out and she cannot sign in again.
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { launchBrowser } from './support/browser.mjs';
import { expectHidden, expectText, expectVisible } from './support/expect.mjs';
import { DEMO_PASSWORD, loginPage, loginWithKeyboard, toolbar } from './support/pages.mjs';
import { startServer } from './support/server.mjs';
import { embeddedJdbcUrl } from './support/sql.mjs';

describe('forced password change at the first sign-in', { timeout: 120_000 }, () => {
  let server;
  let adasBrowser;
  let erinsBrowser;
  let ada;
  let erin;

  before(async () => {
    server = await startServer();
    adasBrowser = await launchBrowser();
    erinsBrowser = await launchBrowser();
    ada = await adasBrowser.context.newPage();
    await ada.goto(server.baseUrl);
    await loginWithKeyboard(ada, { username: 'admin', password: DEMO_PASSWORD, domain: 'acme' });
  });

  after(async () => {
    await adasBrowser?.close();
    await erinsBrowser?.close();
    await server?.stop();
  });

  it('the admin creates Erin with a password to be changed at the first sign-in', async () => {
    await ada.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Administration' }).click();
    await ada.getByRole('button', { name: 'New user' }).click();
    const form = ada.getByRole('form', { name: 'New user' });
    await form.getByLabel('Username').fill('erin');
    await form.getByLabel('Display name').fill('Erin First');
    await form.getByLabel('Password', { exact: true }).fill('given-by-the-admin');
    await form.getByLabel('Ask for a new password at the next sign-in').check();
    await form.getByLabel('Agent number').fill('9903');
    await form.getByLabel('Extension').fill('9903');
    await form.getByRole('button', { name: 'Create user' }).click();
    await expectVisible(ada.getByRole('row', { name: /erin/ }));
  });

  it('Erin signs in, gets only the change page, then the agent page', async () => {
    erin = await erinsBrowser.context.newPage();
    await erin.goto(server.baseUrl);
    await loginWithKeyboard(erin, { username: 'erin', password: 'given-by-the-admin', domain: 'acme' });
    await expectVisible(erin.getByRole('heading', { name: 'Choose your password' }));
    await expectHidden(toolbar(erin).ready);
    await erin.getByLabel('Current password').fill('given-by-the-admin');
    await erin.getByLabel('New password', { exact: true }).fill('given-by-the-admin');
    await erin.getByLabel('Repeat the new password').fill('given-by-the-admin');
    await erin.getByRole('button', { name: 'Save and continue' }).click();
    await expectVisible(erin.locator('#pwchange-next-error'), {
      message: 'the unchanged password is said on its field',
    });
    await expectHidden(toolbar(erin).ready);

    await erin.getByLabel('New password', { exact: true }).fill('chosen-by-erin-1');
    await erin.getByLabel('Repeat the new password').fill('chosen-by-erin-1');
    await erin.getByRole('button', { name: 'Save and continue' }).click();
    await expectText(toolbar(erin).name, 'Erin First', { message: 'the agent page after the change' });
    await expectVisible(toolbar(erin).ready);
  });

  it('the given password no longer signs in; the chosen one asks for no change', async () => {
    const res = await fetch(`${server.baseUrl}/api/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'erin', password: 'given-by-the-admin', domain: 'acme' }),
    });
    if (res.status !== 401) throw new Error(`the given password still signs in: ${res.status}`);
    const again = await fetch(`${server.baseUrl}/api/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'erin', password: 'chosen-by-erin-1', domain: 'acme' }),
    });
    const body = await again.json();
    if (again.status !== 200 || body.passwordChangeRequired !== false) {
      throw new Error(`the chosen password: ${again.status} ${JSON.stringify(body)}`);
    }
  });
});

/** `java -jar tandemcc-server.jar admin ARGS` on the server's embedded database, the password on stdin. */
function adminCommand(server, password, ...args) {
  const url = embeddedJdbcUrl(server).replace(/\?user=postgres$/, '');
  return new Promise((resolve, reject) => {
    const child = execFile(
      'java',
      ['-jar', server.jar, 'admin', ...args],
      {
        env: { ...process.env, CC_MODE: 'dev', DATABASE_URL: url, DATABASE_USER: 'postgres', DATA_DIR: server.dataDir },
      },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stdout}\n${stderr}`)) : resolve(stdout),
    );
    child.stdin?.end(`${password}\n`);
  });
}

describe('the system page: tenants with their first admin, suspended', { timeout: 150_000 }, () => {
  let server;
  let rootsBrowser;
  let ginasBrowser;
  let root;
  let gina;

  before(async () => {
    server = await startServer();
    await adminCommand(server, 'system-root-password', 'create-system-user', '--user', 'root', '--name', 'Root');
    rootsBrowser = await launchBrowser();
    ginasBrowser = await launchBrowser();
    root = await rootsBrowser.context.newPage();
    await root.goto(server.baseUrl);
    await loginWithKeyboard(root, { username: 'root', password: 'system-root-password', domain: 'system' });
  });

  after(async () => {
    await rootsBrowser?.close();
    await ginasBrowser?.close();
    await server?.stop();
  });

  const tenants = () => root.getByRole('region', { name: 'Tenants' });

  it('the system user gets the system page and creates globex with its admin Gina', async () => {
    await expectVisible(root.getByRole('main', { name: 'System administration' }));
    const form = root.getByRole('form', { name: 'New tenant' });
    await form.getByLabel('Domain').fill('globex');
    await form.getByLabel('Name', { exact: true }).fill('Globex');
    await form.getByLabel("First admin's username").fill('gina');
    await form.getByLabel("First admin's display name").fill('Gina Globex');
    await form.getByLabel("First admin's password").fill('gina-first-password');
    await form.getByRole('button', { name: 'Create tenant' }).click();
    await expectVisible(tenants().getByRole('row', { name: /globex.*Active/ }));
  });

  it('Gina signs in to globex and gets its administration', async () => {
    gina = await ginasBrowser.context.newPage();
    await gina.goto(server.baseUrl);
    await loginWithKeyboard(gina, { username: 'gina', password: 'gina-first-password', domain: 'globex' });
    await expectVisible(gina.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Administration' }));
  });

  it('the system user suspends globex: Gina is signed out and cannot sign in again', async () => {
    await tenants().getByRole('button', { name: 'Suspend globex' }).click();
    await root.getByRole('button', { name: 'Yes, suspend' }).click();
    await expectVisible(tenants().getByRole('row', { name: /globex.*Suspended/ }));
    await expectVisible(loginPage(gina).heading, { timeout: 5000, message: "Gina's page is signed out" });

    await gina.reload();
    await loginWithKeyboard(gina, { username: 'gina', password: 'gina-first-password', domain: 'globex' });
    await expectText(loginPage(gina).error, /suspended/i, { message: 'the sign-in is refused as suspended' });
    await expectVisible(loginPage(gina).heading);
  });
});
