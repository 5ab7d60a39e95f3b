// Trace 12 (a queue call answered by alice, made a conference with bob) drives alice's desktop end to end: the real
// server logs in to the AMI peer, which answers the server's Redirect and Originate with the frames Asterisk answered
// them with in the trace, and plays the trace's events in acts around alice's clicks. Alice sees the party list grow
// and shrink and hears (aria-live) who joins and leaves; dropping bob sends the hang-up of his leg to the peer.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { header, recordedAnswers, startAmiPeer } from './support/ami-peer.mjs';
import { launchBrowser } from './support/browser.mjs';
import { expectHidden, expectText } from './support/expect.mjs';
import { DEMO_PASSWORD, loginWithKeyboard, toolbar } from './support/pages.mjs';
import { startServer } from './support/server.mjs';

const TRACE = '12-conference';
const event = (name, channel) => (lines) =>
  header(lines, 'Event') === name && (channel === undefined || header(lines, 'Channel') === channel);
const BOB_LEG = 'PJSIP/acme-1002-00000002';

async function until(what, check, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('a conference played over AMI (trace 12)', { timeout: 240_000 }, () => {
  let peer;
  let server;
  let browser;
  let page;

  before(async () => {
    peer = await startAmiPeer({
      answers: {
        ...recordedAnswers(TRACE, ['Redirect', 'Originate']),
        // not in the trace (bob hangs up by himself there): Asterisk 22 acknowledges a Hangup with "Channel Hungup"
        hangup: (lines) => [
          ['Response: Success', `ActionID: ${header(lines, 'ActionID') ?? ''}`, 'Message: Channel Hungup'],
        ],
      },
    });
    server = await startServer({ amiPort: peer.port });
    await peer.loggedIn();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await peer?.close();
  });

  const conference = () => page.getByRole('region', { name: 'Conference' });
  const parties = () => conference().getByTestId('conference-party');
  const notice = () => conference().getByTestId('conference-notice');

  it('alice and bob are Ready; the queue call rings alice and she answers', async () => {
    // bob only has to be Ready: he goes Ready through the API
    const login = await fetch(`${server.baseUrl}/api/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'bob', password: DEMO_PASSWORD, domain: 'acme' }),
    });
    assert.equal(login.status, 200);
    const { accessToken } = await login.json();
    const ready = await fetch(`${server.baseUrl}/api/agent/state`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ status: 'READY' }),
    });
    assert.equal(ready.status, 200);

    page = await browser.context.newPage();
    await page.goto(server.baseUrl);
    await loginWithKeyboard(page, { username: 'alice', password: DEMO_PASSWORD, domain: 'acme' });
    await toolbar(page).ready.click();
    await expectText(toolbar(page).state, 'Ready');
    await until('QueueAdd for alice', () =>
      peer.received('QueueAdd').some((r) => header(r.lines, 'Interface') === 'PJSIP/acme-1001'),
    );

    await peer.play(TRACE, { until: 'BridgeLeave' }); // up to the server's Redirect
    await expectText(page.getByTestId('call-state'), 'Talking');
  });

  it('alice adds bob: customer and alice move into the room, bob rings, then joins', async () => {
    await conference().getByTestId('conference-colleague').selectOption({ label: 'Bob Agent (1002)' });
    await conference().getByRole('button', { name: 'Add to call' }).click();
    await until('the Redirect', () => peer.received('Redirect').length === 1);
    const redirect = peer.received('Redirect')[0].lines;
    assert.equal(header(redirect, 'Channel'), 'PJSIP/pstn-00000000');
    assert.equal(header(redirect, 'ExtraChannel'), 'PJSIP/acme-1001-00000001');
    assert.equal(header(redirect, 'Context'), 'acme-conf');
    await until('the Originate', () => peer.received('Originate').length === 1);
    assert.equal(header(peer.received('Originate')[0].lines, 'Channel'), 'PJSIP/acme-1002');

    await peer.play(TRACE, { from: 'BridgeLeave', until: event('Newchannel', BOB_LEG) });
    await expectText(parties().filter({ hasText: 'Alice Agent' }), /\(you\)/);
    await expectText(parties().filter({ hasText: 'Jane Customer' }), /Customer/);
    await expectText(parties().filter({ hasText: 'Bob Agent' }), /ringing/);

    await peer.play(TRACE, { from: event('Newchannel', BOB_LEG), until: event('HangupRequest', BOB_LEG) });
    await expectText(notice(), 'Bob Agent joined the conference.');
    await expectText(conference().getByRole('heading'), 'Conference · 3 connected');
    assert.equal(await notice().getAttribute('aria-live'), 'polite');
  });

  it('alice drops bob: the peer gets the hang-up of his leg; his leave is announced', async () => {
    await conference().getByRole('button', { name: 'Drop Bob Agent' }).click();
    await until('the Hangup', () => peer.received('Hangup').length === 1);
    assert.equal(header(peer.received('Hangup')[0].lines, 'Channel'), BOB_LEG);

    await peer.play(TRACE, {
      from: event('HangupRequest', BOB_LEG),
      until: event('HangupRequest', 'PJSIP/pstn-00000000'),
    });
    await expectText(notice(), 'Bob Agent left the conference.');
    assert.equal(await parties().count(), 2);
  });

  it('the customer hangs up, then alice: the list shrinks and alice wraps up', async () => {
    await peer.play(TRACE, {
      from: event('HangupRequest', 'PJSIP/pstn-00000000'),
      until: event('HangupRequest', 'PJSIP/acme-1001-00000001'),
    });
    await expectText(notice(), 'Jane Customer left the conference.');
    assert.equal(await parties().count(), 1);

    await peer.play(TRACE, { from: event('HangupRequest', 'PJSIP/acme-1001-00000001') });
    await expectText(toolbar(page).state, 'Wrap-up');
    await expectHidden(page.getByRole('region', { name: 'Current call' }));
  });
});
