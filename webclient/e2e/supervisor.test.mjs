// The supervisor page against the real server, with the AMI peer (support/ami-peer.mjs) standing in for Asterisk and
// replaying trace 04: sam (supervisor of Support) watches alice go Ready and ring within a second, and changes her
// state; alice's own toolbar follows.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startAmiPeer } from './support/amiPeer.mjs';
import { launchBrowser } from './support/browser.mjs';
import { expectHidden, expectText, expectVisible } from './support/expect.mjs';
import { DEMO_PASSWORD, loginWithKeyboard, supervisorPage, toolbar } from './support/pages.mjs';
import { startServer } from './support/server.mjs';

describe('supervisor page', { timeout: 180_000 }, () => {
  let ami;
  let server;
  let samsBrowser;
  let alicesBrowser;
  let sam;
  let alice;

  before(async () => {
    ami = await startAmiPeer();
    server = await startServer({
      env: { AMI_HOST: '127.0.0.1', AMI_PORT: String(ami.port), AMI_USERNAME: 'tandem', AMI_SECRET: 'e2e-secret' },
    });
    await ami.loggedIn();
    for (let i = 0; i < 200; i++) {
      const health = await fetch(`${server.baseUrl}/api/health`).catch(() => null);
      if (health?.status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    samsBrowser = await launchBrowser();
    alicesBrowser = await launchBrowser();
  });

  after(async () => {
    await samsBrowser?.close();
    await alicesBrowser?.close();
    await server?.stop();
    await ami?.close();
  });

  it('sam sees the Support queue and his team, not Sales', async () => {
    sam = await samsBrowser.context.newPage();
    await sam.goto(server.baseUrl);
    await loginWithKeyboard(sam, { username: 'sam', password: DEMO_PASSWORD, domain: 'acme' });
    const page = supervisorPage(sam);
    await expectText(page.heading, 'Sam Supervisor');
    await expectVisible(page.queue('Support'));
    await expectVisible(page.row('Alice Agent'));
    await expectVisible(page.row('Bob Agent'));
    assert.equal(await page.row('Carol Agent').count(), 0, 'carol is in Sales');
    assert.equal(await page.queue('Sales').count(), 0);
    await expectText(page.connection, 'Connected');
  });

  it("alice going Ready shows on sam's page within a second", async () => {
    alice = await alicesBrowser.context.newPage();
    await alice.goto(server.baseUrl);
    await loginWithKeyboard(alice, { username: 'alice', password: DEMO_PASSWORD, domain: 'acme' });
    const page = supervisorPage(sam);
    await expectText(page.state('Alice Agent'), 'Not Ready: Login', { message: 'alice logged in' });
    await expectText(page.browser('Alice Agent'), 'Browser connected');

    await toolbar(alice).ready.click();
    await expectText(page.state('Alice Agent'), 'Ready', { timeout: 1000, message: "Ready on sam's page" });
    await expectText(page.queueFact('Support', 'ready'), '1', { timeout: 1000 });
  });

  it('sam makes alice Not Ready (Lunch) and Ready again; her toolbar follows', async () => {
    const page = supervisorPage(sam);
    await page.row('Alice Agent').click();
    await expectText(page.panelHeading, 'Alice Agent');
    await page.panelReason.selectOption({ label: 'Lunch' });
    await page.makeNotReady.click();
    await expectText(toolbar(alice).state, 'Not Ready: Lunch', { timeout: 1000, message: "alice's toolbar" });
    await expectText(page.state('Alice Agent'), 'Not Ready: Lunch', { timeout: 1000 });

    await page.makeReady.click();
    await expectText(toolbar(alice).state, 'Ready', { timeout: 1000 });
    await expectText(page.state('Alice Agent'), 'Ready', { timeout: 1000 });
  });

  it('a queue call ringing alice shows within a second, with the caller, and the caller waiting', async () => {
    const page = supervisorPage(sam);
    // trace 04 while the caller waits: Jane Customer joins acme-support and rings acme-1001 (alice)
    await ami.play('04-queue-call-answered-agent-hangs-up', { from: 'Newchannel', until: 'QueueCallerLeave' });
    await expectText(page.call('Alice Agent'), /Ringing · Jane Customer · Support/, { timeout: 1000 });
    await expectText(page.queueFact('Support', 'waiting'), '1', { timeout: 1000 });
    await expectText(page.queueFact('Support', 'busy'), '1', { timeout: 1000 });
  });

  it('search and filters narrow the list', async () => {
    const page = supervisorPage(sam);
    await page.search.fill('bob');
    await expectVisible(page.row('Bob Agent'));
    await expectHidden(page.row('Alice Agent'));
    await page.search.fill('');
    await page.show.selectOption({ label: 'On a call' });
    await expectVisible(page.row('Alice Agent'));
    await expectHidden(page.row('Bob Agent'));
    await page.show.selectOption({ label: 'Everyone' });
    await expectVisible(page.row('Bob Agent'));
  });
});
