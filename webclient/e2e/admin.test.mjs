// The administration of the web client against the real server: Ada (admin of the demo tenant acme) switches
// from Team to Administration, creates an agent with a group, meets a duplicate extension as a sentence on its
// field, edits and deletes it.
import { after, before, describe, it } from 'node:test';
import { launchBrowser } from './support/browser.mjs';
import { expectHidden, expectText, expectVisible } from './support/expect.mjs';
import { DEMO_PASSWORD, loginPage, loginWithKeyboard, supervisorPage, toolbar } from './support/pages.mjs';
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
    const alicesExtension = (
      await page.getByRole('row', { name: /alice/ }).getByRole('cell').nth(2).textContent()
    )?.trim();
    await form()
      .getByLabel('Extension')
      .fill(alicesExtension ?? '201');
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

  const sections = () => page.getByRole('navigation', { name: 'Administration sections' });

  it('creates an extension and deletes it', async () => {
    await sections().getByRole('button', { name: 'Extensions' }).click();
    await page.getByLabel('Number').fill('1987');
    await page.getByRole('button', { name: 'Create extension' }).click();
    await expectVisible(page.getByRole('row', { name: /1987/ }));
    await page.getByRole('button', { name: 'Delete extension 1987' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await expectHidden(page.getByRole('row', { name: /1987/ }));
  });

  it('saves the trunk; the password is never shown again', async () => {
    await sections().getByRole('button', { name: 'Trunk' }).click();
    const trunk = page.getByRole('form', { name: 'Trunk' });
    await trunk.getByLabel('Provider host').fill('sip.provider.example');
    await trunk.getByLabel('Username').fill('acct-7');
    await trunk.getByLabel('Password', { exact: true }).fill('a;b');
    await trunk.getByRole('button', { name: 'Save trunk' }).click();
    await expectVisible(trunk.getByText(/no spaces, ; \[ \] =/));
    await trunk.getByLabel('Password', { exact: true }).fill('Pr0v1der!pass');
    await trunk.getByRole('button', { name: 'Save trunk' }).click();
    await expectVisible(trunk.getByRole('status').filter({ hasText: 'The trunk is saved' }));
    await expectVisible(trunk.getByText('A password is set; leave empty to keep it'));
    if ((await trunk.getByLabel('Password', { exact: true }).inputValue()) !== '') throw new Error('password shown');
  });

  it('reads the audit log of these changes, filtered by kind', async () => {
    await sections().getByRole('button', { name: 'Audit log' }).click();
    const log = page.getByRole('region', { name: 'Audit log' });
    await expectVisible(log.getByRole('row', { name: /update trunk/ }));
    await expectVisible(log.getByRole('row', { name: /delete user/ }).first());
    if ((await log.textContent())?.includes('Pr0v1der!pass')) throw new Error('the trunk password is in the audit log');
    await log.getByLabel('Kind').selectOption('intervention');
    await expectHidden(log.getByRole('row', { name: /update trunk/ }));
    await log.getByLabel('Kind').selectOption('admin-change');
    await expectVisible(log.getByRole('row', { name: /update trunk/ }));
  });
});

// Issue 14's flow end to end: the admin creates a queue and an agent in it; the agent signs in in another browser,
// goes Ready and shows on the admin's team view; the admin disables the agent and the agent's page is signed out.
describe('administration takes effect at once', { timeout: 180_000 }, () => {
  let server;
  let adasBrowser;
  let danasBrowser;
  let ada;
  let dana;

  before(async () => {
    server = await startServer();
    adasBrowser = await launchBrowser();
    danasBrowser = await launchBrowser();
    ada = await adasBrowser.context.newPage();
    await ada.goto(server.baseUrl);
    await loginWithKeyboard(ada, { username: 'admin', password: DEMO_PASSWORD, domain: 'acme' });
  });

  after(async () => {
    await adasBrowser?.close();
    await danasBrowser?.close();
    await server?.stop();
  });

  const main = () => ada.getByRole('navigation', { name: 'Main' });
  const sections = () => ada.getByRole('navigation', { name: 'Administration sections' });

  it('the admin creates the queue Escalations and the agent Dana in it', async () => {
    await main().getByRole('button', { name: 'Administration' }).click();
    await sections().getByRole('button', { name: 'Groups and queues' }).click();
    await ada.getByRole('button', { name: 'New group' }).click();
    const groupForm = ada.getByRole('form', { name: 'New group' });
    await groupForm.getByLabel('Name').fill('Escalations');
    await groupForm.getByRole('button', { name: 'Create group' }).click();
    await expectVisible(ada.getByRole('row', { name: /Escalations/ }));

    await sections().getByRole('button', { name: 'Users and agents' }).click();
    await ada.getByRole('button', { name: 'New user' }).click();
    const userForm = ada.getByRole('form', { name: 'New user' });
    await userForm.getByLabel('Username').fill('dana');
    await userForm.getByLabel('Display name').fill('Dana Newcomer');
    await userForm.getByLabel('Password', { exact: true }).fill('dana-first-password');
    await userForm.getByLabel('Agent number').fill('9902');
    await userForm.getByLabel('Extension').fill('9902');
    await userForm.getByLabel('Add group').selectOption({ label: 'Escalations' });
    await userForm.getByRole('button', { name: 'Add', exact: true }).click();
    await userForm.getByRole('button', { name: 'Create user' }).click();
    await expectVisible(ada.getByRole('row', { name: /dana/ }));
  });

  it("Dana signs in, goes Ready, and the admin's team view shows it", async () => {
    dana = await danasBrowser.context.newPage();
    await dana.goto(server.baseUrl);
    await loginWithKeyboard(dana, { username: 'dana', password: 'dana-first-password', domain: 'acme' });
    await expectText(toolbar(dana).name, 'Dana Newcomer');
    await toolbar(dana).ready.click();
    await expectText(toolbar(dana).state, 'Ready');

    await main().getByRole('button', { name: 'Team' }).click();
    const team = supervisorPage(ada);
    await expectText(team.state('Dana Newcomer'), 'Ready', { timeout: 2000, message: 'Dana on the team view' });
    await expectVisible(team.queue('Escalations'));
  });

  it('the admin disables Dana and her page is signed out', async () => {
    await main().getByRole('button', { name: 'Administration' }).click();
    await ada.getByRole('button', { name: 'Disable dana' }).click();
    await expectVisible(ada.getByRole('row', { name: /dana.*Disabled/ }));
    await expectVisible(loginPage(dana).heading, { timeout: 5000, message: 'Dana is back on the sign-in page' });
  });

  it('the admin deletes Dana and the queue, and the team view drops both', async () => {
    await ada.getByRole('button', { name: 'Delete dana' }).click();
    await ada.getByRole('button', { name: 'Yes, delete' }).click();
    await expectHidden(ada.getByRole('row', { name: /dana/ }));
    await sections().getByRole('button', { name: 'Groups and queues' }).click();
    await ada.getByRole('button', { name: 'Delete Escalations' }).click();
    await ada.getByRole('button', { name: 'Yes, delete' }).click();
    await expectHidden(ada.getByRole('row', { name: /Escalations/ }));

    await main().getByRole('button', { name: 'Team' }).click();
    const team = supervisorPage(ada);
    await expectHidden(team.row('Dana Newcomer'), { timeout: 2000, message: 'Dana left the team view' });
    await expectHidden(team.queue('Escalations'), { timeout: 2000, message: 'the queue tile is gone' });
    await expectVisible(team.row('Alice Agent'));
  });
});
