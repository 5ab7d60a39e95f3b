// After-call work end to end: the real server logs in to the AMI peer, alice goes Ready and the peer plays trace 04
// (queue call answered, agent hangs up). In wrap-up the demo tenant requires a disposition: End wrap-up is held until
// alice chooses one. From it she schedules a callback due a few seconds later; once Ready, the reminder appears and
// "Call now" makes the server send Originate to the peer, which answers with trace 15's recorded frames
// (OriginateResponse Success), and the peer then plays trace 15's call so alice talks and hangs up.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { header, recordedReplies, startAmiPeer } from './support/ami-peer.mjs';
import { launchBrowser } from './support/browser.mjs';
import { expectHidden, expectText, expectVisible } from './support/expect.mjs';
import { DEMO_PASSWORD, loginWithKeyboard, toolbar } from './support/pages.mjs';
import { startServer } from './support/server.mjs';

const QUEUE_CALL = '04-queue-call-answered-agent-hangs-up';
const CLICK_TO_DIAL = '15-originate-click-to-dial';

describe('after-call work: disposition, callback, reminder, Call now', { timeout: 240_000 }, () => {
  let peer;
  let server;
  let browser;
  let page;

  before(async () => {
    peer = await startAmiPeer({ originate: () => recordedReplies(CLICK_TO_DIAL, 'Originate', 0) });
    server = await startServer({ amiPort: peer.port });
    await peer.loggedIn();
    browser = await launchBrowser();
    await browser.context.route(/^https:\/\/crm\.example\.com\//, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>CRM</title>' }),
    );
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await peer?.close();
  });

  const disposition = () => page.getByRole('form', { name: 'Disposition' });
  const endWrapup = () => page.getByRole('button', { name: 'End wrap-up' });

  it('alice takes the queue call of trace 04 and wraps up; End wrap-up waits for the required disposition', async () => {
    page = await browser.context.newPage();
    await page.goto(server.baseUrl);
    await loginWithKeyboard(page, { username: 'alice', password: DEMO_PASSWORD, domain: 'acme' });
    await expectText(toolbar(page).state, 'Not Ready: Login');
    await toolbar(page).ready.click();
    await expectText(toolbar(page).state, 'Ready');
    await expectVisible(page.getByRole('region', { name: 'Callbacks' }));
    await sleep(300); // the queue check-in
    await peer.play(QUEUE_CALL, { until: 'HangupRequest' });
    await expectText(page.getByRole('region', { name: 'Current call' }).getByTestId('call-state'), 'Talking');
    await peer.play(QUEUE_CALL, { from: 'HangupRequest' });
    await expectText(toolbar(page).state, 'Wrap-up');

    await expectVisible(disposition());
    await expectText(disposition().locator('label').first(), 'Disposition (required)');
    await expectText(page.locator('#disposition-reason'), 'Choose a disposition for this call to leave wrap-up.');
    assert.equal(await endWrapup().isDisabled(), true, 'End wrap-up held until the disposition is chosen');
  });

  it('the disposition is saved; End wrap-up is possible again', async () => {
    await disposition()
      .getByLabel(/Disposition/)
      .selectOption({ label: 'Call back later' });
    await disposition().getByLabel('Note').fill('Wants a quote');
    await disposition().getByRole('button', { name: 'Save disposition' }).click();
    await expectText(
      page.getByRole('status').filter({ hasText: 'Disposition saved' }),
      'Disposition saved: Call back later',
    );
    await expectHidden(page.locator('#disposition-reason'));
    const deadline = Date.now() + 5000;
    while ((await endWrapup().isDisabled()) && Date.now() < deadline) await sleep(50);
    assert.equal(await endWrapup().isDisabled(), false, 'End wrap-up enabled');
  });

  it('a callback scheduled from the disposition, a few seconds ahead, is in the agenda', async () => {
    await disposition().getByRole('button', { name: 'Schedule a callback' }).click();
    const form = page.getByRole('form', { name: 'Callback' });
    await expectVisible(form);
    assert.equal(await form.getByLabel('Number').inputValue(), '+14155550123', 'prefilled with the caller');
    const soon = await page.evaluate(() => {
      const d = new Date(Date.now() + 6000);
      const pad = (n) => String(n).padStart(2, '0');
      return {
        date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
        time: `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`,
      };
    });
    await form.getByLabel('Date').fill(soon.date);
    await form.getByLabel('Time').fill(soon.time);
    await form.getByLabel('Note').fill('Send the quote');
    await form.getByRole('button', { name: 'Schedule callback' }).click();
    await expectHidden(form);
    const item = page.getByTestId('callback');
    await expectText(item.locator('strong'), 'Jane Customer (+14155550123)');

    await endWrapup().click();
    await expectText(toolbar(page).state, 'Ready');
  });

  it('when due, the reminder appears; "Call now" has the server originate to alice\'s phone', async () => {
    const reminder = page.getByTestId('callback-reminder');
    await expectVisible(reminder, { timeout: 15_000, message: 'callback reminder' });
    await expectText(reminder.locator('p'), /Callback due: Jane Customer \(\+14155550123\)/);
    await reminder.getByRole('button', { name: 'Call now' }).click();
    await expectHidden(reminder, { message: 'reminder gone once dialled' });

    const originate = peer.received('Originate');
    assert.equal(originate.length, 1, `one Originate; the peer got ${peer.actions.join(', ')}`);
    assert.equal(header(originate[0].lines, 'Channel'), 'PJSIP/acme-1001');
    assert.equal(header(originate[0].lines, 'Exten'), '+14155550123');
    assert.ok(
      originate[0].lines.some(
        (l) => /^variable: /i.test(l) && l.includes('PJSIP_HEADER(add,Call-Info)=<sip:127.0.0.1>;answer-after=0'),
      ),
      `auto-answer asked for: ${originate[0].lines.join(' | ')}`,
    );
    await expectText(toolbar(page).state, 'Not Ready: Outbound call');
    await expectHidden(page.getByTestId('callback'), { message: 'the agenda is empty' });

    // Asterisk's side of the call (trace 15): the customer answers, alice talks, then hangs up
    await peer.play(CLICK_TO_DIAL, { from: 'Newchannel', until: 'HangupRequest' });
    await expectText(page.getByRole('region', { name: 'Current call' }).getByTestId('call-state'), 'Talking');
    await peer.play(CLICK_TO_DIAL, { from: 'HangupRequest', until: 'ChallengeSent' });
    await expectHidden(page.getByRole('region', { name: 'Current call' }), { message: 'call over' });
    await expectText(toolbar(page).state, 'Not Ready: Outbound call');
  });
});
