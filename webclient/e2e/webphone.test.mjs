// The browser webphone end to end: alice and bob (demo tenant acme) in two headless Chromium profiles register
// with JsSIP through the server's SIP-over-WebSocket proxy to a real SIP server (Kamailio, started here as an
// in-memory registrar and proxy), call each other, and audio flows both ways (RTCPeerConnection stats).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchBrowser } from './support/browser.mjs';
import { expectHidden, expectText, expectVisible } from './support/expect.mjs';
import { kamailioAvailable, startKamailio } from './support/kamailio.mjs';
import { DEMO_PASSWORD, loginWithKeyboard, toolbar } from './support/pages.mjs';
import { startServer } from './support/server.mjs';

const skip = kamailioAvailable() ? false : 'kamailio is not installed (make deps-test installs it)';

/** Records every RTCPeerConnection the page creates (JsSIP's session.connection), for getStats. */
async function recordPeerConnections(context) {
  await context.addInitScript(() => {
    const w = /** @type {any} */ (window);
    w.__pcs = [];
    const Original = window.RTCPeerConnection;
    window.RTCPeerConnection = class extends Original {
      constructor(...args) {
        super(...args);
        w.__pcs.push(this);
      }
    };
  });
}

/** Audio bytes received and sent so far on the page's newest peer connection. */
function audioBytes(page) {
  return page.evaluate(async () => {
    const pcs = /** @type {any} */ (window).__pcs;
    const pc = pcs[pcs.length - 1];
    if (!pc) return { received: 0, sent: 0 };
    let received = 0;
    let sent = 0;
    (await pc.getStats()).forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') received += s.bytesReceived ?? 0;
      if (s.type === 'outbound-rtp' && s.kind === 'audio') sent += s.bytesSent ?? 0;
    });
    return { received, sent };
  });
}

async function expectAudioFlowing(page, who) {
  const first = await audioBytes(page);
  const deadline = Date.now() + 10_000;
  let now = first;
  while (Date.now() < deadline) {
    await sleep(500);
    now = await audioBytes(page);
    if (now.received > first.received && now.received > 0 && now.sent > first.sent) return now;
  }
  assert.fail(`${who}: audio is not flowing both ways (${JSON.stringify(first)} → ${JSON.stringify(now)})`);
}

function phone(page) {
  const panel = page.getByRole('region', { name: 'Phone' });
  return {
    registration: page.getByTestId('phone-registration'),
    number: page.getByLabel('Number to call'),
    call: panel.getByRole('button', { name: 'Call', exact: true }),
    dialWhy: page.getByTestId('dial-why'),
    answer: panel.getByRole('button', { name: 'Answer' }),
    hangUp: panel.getByRole('button', { name: 'Hang up' }),
    hold: panel.getByRole('button', { name: 'Hold' }),
    resume: panel.getByRole('button', { name: 'Resume' }),
    mute: panel.getByRole('button', { name: 'Mute' }),
    phase: page.getByTestId('phone-call-phase'),
    remote: page.getByTestId('phone-remote'),
    notice: panel.getByRole('alert'),
    colleagues: panel.getByText('Colleagues'),
    callColleague: (name, ext) => panel.getByRole('button', { name: `Call ${name} (${ext})` }),
  };
}

describe('the webphone through the SIP proxy', { timeout: 300_000, skip }, () => {
  let kamailio;
  let server;
  let aliceBrowser;
  let bobBrowser;
  let alice;
  let bob;

  before(async () => {
    kamailio = await startKamailio();
    server = await startServer({ env: { ASTERISK_WS_URL: kamailio.wsUrl } });
    aliceBrowser = await launchBrowser();
    bobBrowser = await launchBrowser();
    await recordPeerConnections(aliceBrowser.context);
    await recordPeerConnections(bobBrowser.context);
  });

  after(async () => {
    if (process.env.E2E_KEEP_LOGS) console.log(kamailio?.tail());
    await aliceBrowser?.close();
    await bobBrowser?.close();
    await server?.stop();
    await kamailio?.stop();
  });

  it('alice and bob sign in and their phones register with no input', async () => {
    alice = await aliceBrowser.context.newPage();
    bob = await bobBrowser.context.newPage();
    for (const [page, username] of [
      [alice, 'alice'],
      [bob, 'bob'],
    ]) {
      await page.goto(server.baseUrl);
      await loginWithKeyboard(page, { username, password: DEMO_PASSWORD, domain: 'acme' });
      await expectText(toolbar(page).state, 'Not Ready: Login');
      await expectText(phone(page).registration, 'Phone ready', { timeout: 15_000, message: `${username}'s phone` });
    }
  });

  it('a colleague who is not Ready is refused by the proxy, with its SIP reason shown', async () => {
    const a = phone(alice);
    await a.number.fill('1002');
    await a.call.click();
    await expectText(a.notice, /Call to 1002 failed: Extension 1002 is not Ready \(480\)/, { timeout: 10_000 });
  });

  it('Ready agents cannot dial numbers: the field says why', async () => {
    await toolbar(bob).ready.click();
    await expectText(toolbar(bob).state, 'Ready');
    const b = phone(bob);
    assert.equal(await b.number.isDisabled(), true);
    await expectText(b.dialWhy, 'Outbound calls need Not Ready.');
  });

  it('alice calls bob from the colleague list; bob rings with her extension and answers', async () => {
    const a = phone(alice);
    await a.colleagues.click();
    const callBob = a.callColleague('Bob Agent', '1002');
    await expectVisible(callBob);
    await callBob.click();
    const b = phone(bob);
    await expectVisible(b.answer, {
      timeout: 10_000,
      message: `bob's incoming call (alice: ${await alice.getByRole('region', { name: 'Phone' }).innerText()})`,
    });
    await expectText(b.remote, '1001');
    await b.answer.click();
    await expectText(b.phase, 'Connected', { timeout: 10_000 });
    await expectText(a.phase, 'Connected', { timeout: 10_000 });
    await expectText(a.remote, '1002');
  });

  it('audio flows both ways', async () => {
    const aliceAudio = await expectAudioFlowing(alice, 'alice');
    const bobAudio = await expectAudioFlowing(bob, 'bob');
    assert.ok(aliceAudio.received > 0 && bobAudio.received > 0);
    // the remote stream plays through the <audio autoplay> element
    for (const page of [alice, bob]) {
      assert.equal(
        await page.getByTestId('remote-audio').evaluate((el) => /** @type {HTMLAudioElement} */ (el).srcObject != null),
        true,
      );
    }
  });

  it('hold and resume pass through to the other side', async () => {
    const a = phone(alice);
    const b = phone(bob);
    await a.hold.click();
    await expectText(a.phase, 'On hold', { timeout: 10_000 });
    await expectText(b.phase, 'Held by the other side', { timeout: 10_000 });
    await a.resume.click();
    await expectText(a.phase, 'Connected', { timeout: 10_000 });
    await expectText(b.phase, 'Connected', { timeout: 10_000 });
    await expectAudioFlowing(bob, 'bob after resume');
  });

  it('mute toggles', async () => {
    const a = phone(alice);
    await a.mute.click();
    await expectVisible(alice.getByRole('button', { name: 'Unmute' }));
    await alice.getByRole('button', { name: 'Unmute' }).click();
    await expectVisible(a.mute);
  });

  it('closing or reloading the page during the call asks first; staying keeps the call', async () => {
    const asked = new Promise((resolve) => {
      bob.once('dialog', async (dialog) => {
        const type = dialog.type();
        await dialog.dismiss(); // "stay on the page"
        resolve(type);
      });
    });
    await bob.close({ runBeforeUnload: true }); // does not wait: the page asks first
    assert.equal(await asked, 'beforeunload');
    assert.equal(bob.isClosed(), false);
    await expectText(phone(bob).phase, 'Connected');
    await expectAudioFlowing(bob, 'bob after staying');
  });

  it('alice hangs up; both calls end', async () => {
    await phone(alice).hangUp.click();
    await expectHidden(phone(alice).phase, { timeout: 10_000 });
    await expectHidden(phone(bob).phase, { timeout: 10_000 });
    await expectText(phone(bob).notice, /^Call with 1001 ended by the other side\./);
    await expectText(phone(alice).registration, 'Phone ready');
    await expectText(phone(bob).registration, 'Phone ready');
  });

  it('after the SIP server restarts, both phones reconnect with fresh tickets and register again', async () => {
    const port = kamailio.port;
    await kamailio.stop();
    for (const page of [alice, bob]) {
      await expectText(phone(page).registration, /reconnecting|not registered/, { timeout: 15_000 });
    }
    kamailio = await startKamailio(port);
    for (const page of [alice, bob]) {
      // JsSIP's recovery waits 2 s to 30 s between attempts; each attempt asks for a new ticket
      await expectText(phone(page).registration, 'Phone ready', { timeout: 45_000 });
    }
  });
});
