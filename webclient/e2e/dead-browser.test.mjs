// Issue 15, item 3, the fault test: alice's browser is killed with SIGKILL while she is Ready (no unload, no close
// frame from the page). The server notices the page gone, and after DISCONNECTED_AFTER_SECONDS (default 20) sets her
// Not Ready "Disconnected": the QueuePause reaches the AMI peer (so Asterisk offers her no call), sam's team view
// shows it, nothing unpauses her afterwards, and her page says why when she comes back. The detection time (kill →
// QueuePause at the peer) is measured and printed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { header, startAmiPeer } from './support/ami-peer.mjs';
import { launchBrowser } from './support/browser.mjs';
import { expectText } from './support/expect.mjs';
import { DEMO_PASSWORD, loginWithKeyboard, supervisorPage, toolbar } from './support/pages.mjs';
import { startServer } from './support/server.mjs';

const ALICE = 'PJSIP/acme-1001';
const GRACE_MS = 20_000;

/** The PIDs of every process of the browser started with this profile (the browser, its renderers, its GPU). */
function browserPids(profile) {
  try {
    return execFileSync('pgrep', ['-f', profile], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

describe('a browser killed while Ready', { timeout: 240_000 }, () => {
  let peer;
  let server;
  let alicesBrowser;
  let samsBrowser;
  let againBrowser;
  let sam;

  before(async () => {
    peer = await startAmiPeer();
    server = await startServer({ amiPort: peer.port });
    await peer.loggedIn();
    alicesBrowser = await launchBrowser();
    samsBrowser = await launchBrowser();
  });

  after(async () => {
    await againBrowser?.close();
    await samsBrowser?.close();
    await alicesBrowser?.close();
    await server?.stop();
    await peer?.close();
  });

  const pauses = (paused) =>
    peer
      .received('QueuePause')
      .filter((r) => header(r.lines, 'Interface') === ALICE && header(r.lines, 'Paused') === paused);

  it('alice goes Ready; sam sees her Ready with a browser connected', async () => {
    sam = await samsBrowser.context.newPage();
    await sam.goto(server.baseUrl);
    await loginWithKeyboard(sam, { username: 'sam', password: DEMO_PASSWORD, domain: 'acme' });
    const alice = await alicesBrowser.context.newPage();
    await alice.goto(server.baseUrl);
    await loginWithKeyboard(alice, { username: 'alice', password: DEMO_PASSWORD, domain: 'acme' });
    await expectText(toolbar(alice).state, 'Not Ready: Login');
    await toolbar(alice).ready.click();
    await expectText(toolbar(alice).state, 'Ready');
    await expectText(supervisorPage(sam).state('Alice Agent'), 'Ready');
    await expectText(supervisorPage(sam).browser('Alice Agent'), 'Browser connected');
  });

  it('SIGKILL: paused in the queue and Not Ready "Disconnected" after the grace, never unpaused after', async () => {
    const pids = browserPids(alicesBrowser.profile);
    assert.ok(pids.length > 0, 'the Chromium processes of alice');
    const pausedBefore = pauses('true').length;
    const unpausedBefore = pauses('false').length + peer.received('QueueAdd').length;
    const killedAt = Date.now();
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone with its parent */
      }
    }
    await expectText(supervisorPage(sam).browser('Alice Agent'), 'No browser', { timeout: 5000 });
    const noBrowserMs = Date.now() - killedAt;
    assert.equal(pauses('true').length, pausedBefore, 'still Ready while within the grace');

    while (pauses('true').length === pausedBefore && Date.now() - killedAt < GRACE_MS + 10_000) await sleep(50);
    const detectedMs = Date.now() - killedAt;
    assert.ok(pauses('true').length > pausedBefore, `a QueuePause for alice; the peer got ${peer.actions.join(', ')}`);
    const pause = pauses('true').at(-1);
    assert.equal(header(pause.lines, 'Queue'), 'acme-support');
    assert.match(header(pause.lines, 'Reason') ?? '', /disconnected/i);
    console.log(
      `dead-browser detection: page gone on the team view after ${noBrowserMs} ms, QueuePause at the AMI peer ${detectedMs} ms after SIGKILL (grace ${GRACE_MS} ms)`,
    );
    assert.ok(detectedMs >= GRACE_MS - 500, `not before the grace (${detectedMs} ms)`);
    assert.ok(detectedMs <= GRACE_MS + 2000, `within the grace and 2 s (${detectedMs} ms)`);
    await expectText(supervisorPage(sam).state('Alice Agent'), 'Not Ready: Disconnected', { timeout: 2000 });

    // nothing puts her back into service: Asterisk is never asked to offer her a call
    await sleep(3000);
    assert.equal(pauses('false').length + peer.received('QueueAdd').length, unpausedBefore, 'no unpause, no re-add');
    await expectText(supervisorPage(sam).state('Alice Agent'), 'Not Ready: Disconnected');
  });

  it('her page says so when she returns', async () => {
    againBrowser = await launchBrowser();
    const alice = await againBrowser.context.newPage();
    await alice.goto(server.baseUrl);
    await loginWithKeyboard(alice, { username: 'alice', password: DEMO_PASSWORD, domain: 'acme' });
    await expectText(toolbar(alice).state, 'Not Ready: Disconnected');
    await expectText(alice.getByTestId('absence-notice'), 'You were set Not Ready: your browser was disconnected.');
    await expectText(supervisorPage(sam).browser('Alice Agent'), 'Browser connected');
  });
});

// The same with a frozen browser (SIGSTOP: a sleeping laptop, a lost network): its TCP connections stay open, so only
// the server's pings find it gone. Short settings: pings every 2 s, closed after two misses, 3 s of grace.
describe('a frozen browser (SIGSTOP) is found by the pings', { timeout: 240_000 }, () => {
  let peer;
  let server;
  let browser;
  let pids = [];

  before(async () => {
    peer = await startAmiPeer();
    server = await startServer({
      amiPort: peer.port,
      env: { SOCKET_PING_SECONDS: '2', DISCONNECTED_AFTER_SECONDS: '3' },
    });
    await peer.loggedIn();
    browser = await launchBrowser();
  });

  after(async () => {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    await browser?.close();
    await server?.stop();
    await peer?.close();
  });

  it('frozen while Ready: its sockets are closed after two unanswered pings, then it is paused', async () => {
    const alice = await browser.context.newPage();
    await alice.goto(server.baseUrl);
    await loginWithKeyboard(alice, { username: 'alice', password: DEMO_PASSWORD, domain: 'acme' });
    await toolbar(alice).ready.click();
    await expectText(toolbar(alice).state, 'Ready');
    const pausedBefore = peer
      .received('QueuePause')
      .filter((r) => header(r.lines, 'Interface') === ALICE && header(r.lines, 'Paused') === 'true').length;
    pids = browserPids(browser.profile);
    const frozenAt = Date.now();
    for (const pid of pids) process.kill(pid, 'SIGSTOP');
    const paused = () =>
      peer
        .received('QueuePause')
        .filter((r) => header(r.lines, 'Interface') === ALICE && header(r.lines, 'Paused') === 'true').length >
      pausedBefore;
    while (!paused() && Date.now() - frozenAt < 30_000) await sleep(50);
    const detectedMs = Date.now() - frozenAt;
    assert.ok(paused(), `a QueuePause for alice; the peer got ${peer.actions.join(', ')}`);
    console.log(
      `frozen-browser detection: QueuePause ${detectedMs} ms after SIGSTOP (ping 2 s, two misses, grace 3 s)`,
    );
    // two unanswered pings take 4 to 6 s, then the grace: never before 7 s, and at most 9 s plus scheduling
    assert.ok(detectedMs >= 6_500 && detectedMs <= 11_000, `${detectedMs} ms`);
  });
});
