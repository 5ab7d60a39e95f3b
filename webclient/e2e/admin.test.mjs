// The administration of the web client against the real server: Ada (admin of the demo tenant acme) switches
// from Team to Administration, creates an agent with a group, meets a duplicate extension as a sentence on its
// field, edits and deletes it.
import { after, before, describe, it } from 'node:test';
import { launchBrowser } from './support/browser.mjs';
import { expectHidden, expectText, expectVisible } from './support/expect.mjs';
import { DEMO_PASSWORD, loginWithKeyboard } from './support/pages.mjs';
import { startServer } from './support/server.mjs';

describe('administration', { timeout: 120_000 }, () => {
  let server;
  let browser;
  let page;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(server.baseUrl);
    await loginWithKeyboard(page, { username: 'admin', password: DEMO_PASSWORD, domain: 'acme' });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const main = () => page.getByRole('navigation', { name: 'Main' });
  const form = () => page.getByRole('form', { name: /New user|Edit e2e-agent/ });

  it('keeps the team page and adds the administration', async () => {
    await expectVisible(main().getByRole('button', { name: 'Team' }));
    await main().getByRole('button', { name: 'Administration' }).click();
    await expectText(page.getByRole('heading', { level: 1 }).filter({ hasText: 'Administration' }), 'Administration');
    await expectVisible(page.getByRole('row', { name: /alice/ }));
  });

  it('creates an agent; a taken extension is said on its field', async () => {
    await page.getByRole('button', { name: 'New user' }).click();
    await form().getByLabel('Username').fill('e2e-agent');
    await form().getByLabel('Display name').fill('E2E Agent');
    await form().getByLabel('Password', { exact: true }).fill('a long e2e password');
    await form().getByLabel('Agent number').fill('9901');
    const alicesExtension = (await page.getByRole('row', { name: /alice/ }).getByRole('cell').nth(2).textContent())?.trim();
    await form().getByLabel('Extension').fill(alicesExtension ?? '201');
    await form().getByRole('button', { name: 'Create user' }).click();
    await expectVisible(form().getByText('Another agent already has this extension.'));
    await form().getByLabel('Extension').fill('9901');
    await form().getByLabel('Add group').selectOption({ label: 'Support' });
    await form().getByRole('button', { name: 'Add', exact: true }).click();
    await form().getByRole('button', { name: 'Create user' }).click();
    await expectVisible(page.getByRole('row', { name: /e2e-agent/ }));
  });

  it('edits and deletes it after a confirmation', async () => {
    await page.getByRole('button', { name: 'Edit e2e-agent' }).click();
    await form().getByLabel('Display name').fill('E2E Agent Renamed');
    await form().getByRole('button', { name: 'Save' }).click();
    await expectVisible(page.getByRole('row', { name: /E2E Agent Renamed/ }));
    await page.getByRole('button', { name: 'Delete e2e-agent' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await expectHidden(page.getByRole('row', { name: /e2e-agent/ }));
  });
});
