// A recorded Asterisk call drives alice's desktop end to end: the real server logs in to the AMI peer
// (support/ami-peer.mjs), alice signs in and goes Ready, and the peer plays trace 04 (queue call answered, agent hangs
// up) in three acts. The page shows the call ringing with its attached data and the CRM popup, then talking, then
// alice in wrap-up.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { header, startAmiPeer } from './support/ami-peer.mjs';
import { launchBrowser } from './support/browser.mjs';
import { expectHidden, expectText, expectVisible } from './support/expect.mjs';
import { DEMO_PASSWORD, loginWithKeyboard, toolbar } from './support/pages.mjs';
import { startServer } from './support/server.mjs';

const TRACE = '04-queue-call-answered-agent-hangs-up';
const CRM = /^https:\/\/crm\.example\.com\//;

describe('a recorded queue call played over AMI', { timeout: 240_000 }, () => {
  let peer;
  let server;
  let browser;
  let page;
  const opened = [];

  before(async () => {
    peer = await startAmiPeer();
    server = await startServer({ amiPort: peer.port });
    await peer.loggedIn();
    browser = await launchBrowser();
    // the CRM is served locally: no request leaves the machine
    await browser.context.route(CRM, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>CRM</title><p>CRM record</p>' }),
    );
    browser.context.on('page', (p) => opened.push(p));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await peer?.close();
  });

  const panel = () => page.getByRole('region', { name: 'Current call' });
  const value = (position) => panel().locator(`.attached-row[data-position="${position}"] dd`);

  it('alice signs in and goes Ready; the server checks her into her queue', async () => {
    page = await browser.context.newPage();
    await page.goto(server.baseUrl);
    await loginWithKeyboard(page, { username: 'alice', password: DEMO_PASSWORD, domain: 'acme' });
    await expectText(toolbar(page).state, 'Not Ready: Login');
    await toolbar(page).ready.click();
    await expectText(toolbar(page).state, 'Ready');
    const checkedIn = () =>
      peer
        .received('QueueAdd')
        .some((r) => header(r.lines, 'Queue') === 'acme-support' && header(r.lines, 'Interface') === 'PJSIP/acme-1001');
    const deadline = Date.now() + 5000;
    while (!checkedIn() && Date.now() < deadline) await sleep(100);
    assert.ok(checkedIn(), `QueueAdd for alice; the peer got ${peer.actions.join(', ')}`);
  });

  it('ringing: the call with its attached data, and the CRM popup', async () => {
    await peer.play(TRACE, { until: 'AgentConnect' });
    await expectText(panel().getByTestId('call-state'), 'Ringing', { message: 'call state' });
    await expectText(panel().getByTestId('caller-number'), '+14155550123');
    await expectText(panel().getByTestId('caller-name'), 'Jane Customer');
    await expectText(value(1), 'CRM-4711');
    await expectText(value(3), 'Zoë Müller');
    await expectText(value(8), 'IVR said "option 2"');
    await expectText(value(9), 'https://crm.example.com/tickets?id=4711&src=ivr');
    await expectText(toolbar(page).state, 'Ready');

    // the popup opens on ring; where a browser blocks it, the panel offers the link instead
    const deadline = Date.now() + 5000;
    let popup = opened.find((p) => CRM.test(p.url()));
    const link = panel().getByRole('link', { name: 'Open CRM record' });
    while (!popup && !(await link.isVisible()) && Date.now() < deadline) {
      await sleep(100);
      popup = opened.find((p) => CRM.test(p.url()));
    }
    const url = popup ? popup.url() : await link.getAttribute('href');
    assert.ok(url, 'a CRM window or the "Open CRM record" link');
    assert.match(url, /customer=CRM-4711/);
    assert.match(url, /phone=%2B14155550123/);
  });

  it('answered: talking', async () => {
    await peer.play(TRACE, { from: 'AgentConnect', until: 'HangupRequest' });
    await expectText(panel().getByTestId('call-state'), 'Talking');
    await expectText(value(1), 'CRM-4711');
  });

  it('the agent hangs up: the call is gone and alice wraps up', async () => {
    await peer.play(TRACE, { from: 'HangupRequest' });
    await expectText(toolbar(page).state, 'Wrap-up');
    await expectVisible(page.getByRole('timer', { name: /Wrap-up ends in/ }));
    await expectHidden(panel(), { message: 'call panel after hang-up' });
    assert.equal(opened.filter((p) => CRM.test(p.url())).length <= 1, true, 'at most one CRM window');
  });
});
