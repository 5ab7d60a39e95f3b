// Call control in the browser, driven by real Asterisk traces: the real server logs in to the AMI peer, alice works in
// her desktop, and each recorded call is played up to where the recorded client sent its action; alice then uses the
// controls, the server sends the same action to the peer, and the peer plays the rest of the trace. Bob (1002) is a
// colleague signed in through the API. Traces: 09 (hold), 10 (blind transfer), 11b (consult, cancel), 11 (consult,
// complete), 14 (recording with a note).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { header, startAmiPeer } from './support/ami-peer.mjs';
import { launchBrowser } from './support/browser.mjs';
import { expectHidden, expectText, expectVisible } from './support/expect.mjs';
import { DEMO_PASSWORD, loginWithKeyboard, toolbar } from './support/pages.mjs';
import { startServer } from './support/server.mjs';

describe('call control over replayed traces', { timeout: 300_000 }, () => {
  let peer;
  let server;
  let browser;
  let page;
  let bobToken;

  before(async () => {
    peer = await startAmiPeer();
    server = await startServer({ amiPort: peer.port });
    await peer.loggedIn();
    browser = await launchBrowser();
    // the CRM popup of the demo tenant is served locally: no request leaves the machine
    await browser.context.route(/^https:\/\/crm\.example\.com\//, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>CRM</title>' }),
    );
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await peer?.close();
  });

  const panel = () => page.getByRole('region', { name: 'Current call' });
  const button = (name) => page.getByRole('button', { name, exact: true });

  async function api(method, path, token, body) {
    const res = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: await res.text() };
  }

  /** Bob is Ready (again): wrap-up of an earlier call ended first. */
  async function bobReady() {
    await api('POST', '/api/agent/wrapup/end', bobToken);
    const r = await api('PUT', '/api/agent/state', bobToken, { status: 'READY' });
    assert.equal(r.status, 200, r.body);
  }

  /** Alice is Ready (after a wrap-up, ended early) and talks to the customer of `trace` up to `untilAction`. */
  async function aliceTalks(trace, slice) {
    if (await button('End wrap-up').isVisible()) {
      // the demo tenant requires a disposition before wrap-up can end
      const disposition = page.getByRole('form', { name: 'Disposition' });
      if (await disposition.isVisible()) {
        await disposition.getByLabel(/Disposition/).selectOption({ index: 1 });
        await disposition.getByRole('button', { name: 'Save disposition' }).click();
        await expectText(page.getByRole('status').filter({ hasText: 'Disposition saved' }), /Disposition saved/);
      }
      await button('End wrap-up').click();
      await expectText(toolbar(page).state, /^(Ready|Not Ready)/, { message: 'wrap-up ended' });
    }
    if (!(await toolbar(page).state.textContent())?.startsWith('Ready')) await toolbar(page).ready.click();
    await expectText(toolbar(page).state, 'Ready');
    await peer.play(trace, slice);
    await expectText(panel().getByTestId('call-state'), /Talking|On hold/, { message: `${trace}: alice talking` });
  }

  async function chooseBob(how) {
    await button('Transfer…').click();
    const dialog = page.getByRole('dialog', { name: 'Transfer the call' });
    await expectVisible(dialog);
    await dialog.getByRole('radio', { name: /Bob Agent/ }).check();
    if (how === 'consult') await dialog.getByRole('radio', { name: 'Consult first' }).check();
    await dialog.getByRole('button', { name: how === 'consult' ? 'Consult' : 'Transfer', exact: true }).click();
    await expectHidden(dialog);
  }

  it('alice signs in and goes Ready; bob signs in through the API', async () => {
    page = await browser.context.newPage();
    await page.goto(server.baseUrl);
    await loginWithKeyboard(page, { username: 'alice', password: DEMO_PASSWORD, domain: 'acme' });
    await expectText(toolbar(page).state, 'Not Ready: Login');
    const login = await fetch(`${server.baseUrl}/api/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'bob', password: DEMO_PASSWORD, domain: 'acme' }),
    });
    assert.equal(login.status, 200);
    bobToken = (await login.json()).accessToken;
  });

  it('09: the customer held by the webphone shows as On hold with its timer, then talking again', async () => {
    const trace = '09-hold-unhold';
    await aliceTalks(trace, { until: 'Hold' });
    await peer.play(trace, { from: 'Hold', until: 'Unhold' });
    await expectText(panel().getByTestId('call-state'), 'On hold');
    await expectVisible(panel().getByRole('timer', { name: /On hold for/ }));
    await peer.play(trace, { from: 'Unhold', until: 'HangupRequest' });
    await expectText(panel().getByTestId('call-state'), 'Talking');
    await expectHidden(panel().getByTestId('held-bar'));
    await peer.play(trace, { from: 'HangupRequest' });
    await expectText(toolbar(page).state, 'Wrap-up');
  });

  it('10: a Not Ready colleague cannot be picked; alice transfers to Ready bob and is released to wrap-up', async () => {
    const trace = '10-blind-transfer';
    await aliceTalks(trace, { untilAction: 'BlindTransfer' });
    // bob is still Not Ready (Login): the dialog does not offer him, and the server refuses him by name
    await button('Transfer…').click();
    const dialog = page.getByRole('dialog', { name: 'Transfer the call' });
    await expectVisible(dialog.getByRole('radio', { name: /Bob Agent/ }));
    assert.equal(await dialog.getByRole('radio', { name: /Bob Agent/ }).isDisabled(), true);
    await page.keyboard.press('Escape');
    await expectHidden(dialog);

    await bobReady();
    await chooseBob('blind');
    const sent = await peer.awaitAction('BlindTransfer');
    assert.equal(header(sent.lines, 'Channel'), 'PJSIP/acme-1001-00000001');
    assert.equal(header(sent.lines, 'Exten'), '1002');
    await peer.play(trace, { fromAction: 'BlindTransfer' });
    await expectHidden(panel(), { message: 'the call panel ends' });
    await expectText(toolbar(page).state, 'Wrap-up');
  });

  it('11b: alice consults bob (ringing, talking) and cancels; she is back with the customer', async () => {
    const trace = '11b-attended-transfer-cancelled';
    await bobReady();
    await aliceTalks(trace, { untilAction: 'Atxfer' });
    await chooseBob('consult');
    assert.equal(header((await peer.awaitAction('Atxfer')).lines, 'Exten'), '1002');
    const bobAnswers = (l) =>
      header(l, 'Event') === 'DialEnd' && (header(l, 'DestChannel') ?? '').startsWith('PJSIP/acme-1002');
    await peer.play(trace, { fromAction: 'Atxfer', until: bobAnswers });
    const bar = panel().getByRole('group', { name: 'Consultation' });
    await expectText(bar.getByTestId('consult-target'), 'Bob Agent');
    await expectText(bar.getByTestId('consult-state'), 'ringing…');
    assert.equal(await bar.getByRole('button', { name: 'Conference' }).isDisabled(), true);
    await peer.play(trace, { from: bobAnswers, untilAction: 'CancelAtxfer' });
    await expectText(bar.getByTestId('consult-state'), 'talking');
    await bar.getByRole('button', { name: 'Cancel consultation' }).click();
    assert.equal(header((await peer.awaitAction('CancelAtxfer')).lines, 'Channel'), 'PJSIP/acme-1001-00000001');
    await peer.play(trace, {
      fromAction: 'CancelAtxfer',
      until: (l) =>
        header(l, 'Event') === 'HangupRequest' && (header(l, 'Channel') ?? '').startsWith('PJSIP/acme-1001'),
    });
    await expectHidden(bar, { message: 'the consultation bar ends' });
    await expectText(panel().getByTestId('call-state'), 'Talking');
    await expectVisible(button('Transfer…'));
    await peer.play(trace, {
      from: (l) => header(l, 'Event') === 'HangupRequest' && (header(l, 'Channel') ?? '').startsWith('PJSIP/acme-1001'),
    });
    await expectText(toolbar(page).state, 'Wrap-up');
  });

  it('11: alice consults bob and completes the transfer: her leg ends, the panel ends', async () => {
    const trace = '11-attended-transfer';
    await bobReady();
    await aliceTalks(trace, { untilAction: 'Atxfer' });
    await chooseBob('consult');
    await peer.awaitAction('Atxfer');
    await peer.play(trace, { fromAction: 'Atxfer', until: 'HangupRequest' });
    const bar = panel().getByRole('group', { name: 'Consultation' });
    await expectText(bar.getByTestId('consult-state'), 'talking');
    await expectVisible(bar.getByRole('button', { name: 'Conference' }));
    await bar.getByRole('button', { name: 'Complete transfer' }).click();
    // completing = hanging up alice's leg; the trace's own hang-up (a BYE from her phone) follows
    assert.equal(header((await peer.awaitAction('Hangup')).lines, 'Channel'), 'PJSIP/acme-1001-00000001');
    await peer.play(trace, { from: 'HangupRequest' });
    await expectHidden(panel(), { message: 'the call panel ends' });
    await expectText(toolbar(page).state, 'Wrap-up');
  });

  it('14: alice records, tags the recording, stops it; the note stays editable in wrap-up', async () => {
    const trace = '14-mixmonitor';
    await aliceTalks(trace, { untilAction: 'MixMonitor' });
    await panel().getByRole('button', { name: 'Start recording' }).click();
    assert.equal(header((await peer.awaitAction('MixMonitor')).lines, 'Channel'), 'PJSIP/acme-1001-00000001');
    await peer.play(trace, { fromAction: 'MixMonitor', untilAction: 'StopMixMonitor' });
    await expectVisible(panel().getByTestId('recording-indicator'));
    await panel().getByLabel('Recording note').fill('customer asked for a refund');
    await panel().getByRole('button', { name: 'Save note' }).click();
    await expectVisible(panel().getByTestId('note-saved'));
    await panel().getByRole('button', { name: 'Stop recording' }).click();
    await peer.awaitAction('StopMixMonitor');
    await peer.play(trace, { fromAction: 'StopMixMonitor' });
    await expectText(toolbar(page).state, 'Wrap-up');
    await expectHidden(panel());
    const note = page.getByLabel('Recording note');
    await expectVisible(note, { message: 'the note after the call' });
    await note.fill('refund granted');
    await page.getByRole('button', { name: 'Save note' }).click();
    await expectVisible(page.getByTestId('note-saved'));
  });
});
