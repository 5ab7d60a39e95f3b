// The call history in the browser against the real server: calls of the demo tenant (in Europe/Berlin) written into
// its database as the call verticle writes them — yesterday's of alice and bob, and alice's of today and of two days
// ago — and a small real WAV (a generated 3-second 440 Hz tone, PCM) in the recordings directory for yesterday's
// call of alice. sam (supervisor of Support) finds yesterday's calls of alice, opens the one, plays its recording
// (the <audio> element plays: currentTime advances) and downloads it (the same bytes).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchBrowser } from './support/browser.mjs';
import { expectText, expectVisible } from './support/expect.mjs';
import { DEMO_PASSWORD, loginWithKeyboard } from './support/pages.mjs';
import { startServer } from './support/server.mjs';
import { sql } from './support/sql.mjs';

const ZONE = 'Europe/Berlin';

/** A mono 16-bit PCM WAV of a sine tone. */
function wav(seconds, rate = 8000, hz = 440) {
  const samples = seconds * rate;
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // mono
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++)
    b.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / rate)), 44 + i * 2);
  return b;
}

/** The day (YYYY-MM-DD) `offset` days from today in the zone. */
function day(offset) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + offset)).toISOString().slice(0, 10);
}

/** A call record (and its agent's leg) of the demo tenant, started at a Berlin wall-clock time. */
function call(callId, user, localStart, caller) {
  const start = `(timestamp '${localStart}' at time zone '${ZONE}')`;
  return [
    `insert into call_record (tenant_id, call_id, kind, queue_name, agent_id, caller_number, started_at, offered_at,
       answered_at, ended_at, outcome, wait_seconds, talk_seconds)
     select t.id, '${callId}', 'queue', 'acme-support', a.id, '${caller}', ${start}, ${start},
       ${start} + interval '8 seconds', ${start} + interval '3 minutes', 'answered', 8, 172
     from tenant t join agent a on a.tenant_id = t.id join app_user u on u.id = a.user_id
     where t.domain = 'acme' and u.username = '${user}'`,
    `insert into call_party (tenant_id, call_record_id, agent_id, channel_id, role, joined_at, answered_at, left_at,
       end_reason)
     select r.tenant_id, r.id, r.agent_id, '${callId}-leg', 'primary', r.started_at + interval '2 seconds',
       r.answered_at, r.ended_at, 'hangup'
     from call_record r join tenant t on t.id = r.tenant_id where t.domain = 'acme' and r.call_id = '${callId}'`,
  ];
}

describe('call history', { timeout: 180_000 }, () => {
  let server;
  let browser;
  let recordings;
  const tone = wav(3);

  before(async () => {
    recordings = mkdtempSync(join(tmpdir(), 'tandemcc-recordings-'));
    server = await startServer({ env: { RECORDINGS_DIR: recordings } });
    const tenantId = await sql(
      server,
      `update tenant set time_zone = '${ZONE}' where domain = 'acme'`,
      ...call('e2e-alice-yesterday', 'alice', `${day(-1)} 10:15:00`, '+4930123456'),
      ...call('e2e-bob-yesterday', 'bob', `${day(-1)} 11:00:00`, '+4930999999'),
      ...call('e2e-alice-today', 'alice', `${day(0)} 00:05:00`, '+4930555555'),
      ...call('e2e-alice-earlier', 'alice', `${day(-2)} 23:55:00`, '+4930777777'),
      `insert into call_recording (tenant_id, call_record_id, channel_id, file_name, started_at, stopped_at)
       select r.tenant_id, r.id, 'e2e-alice-yesterday-leg', r.tenant_id || '/e2e-alice-yesterday.wav',
         r.answered_at, r.ended_at
       from call_record r join tenant t on t.id = r.tenant_id where t.domain = 'acme'
         and r.call_id = 'e2e-alice-yesterday'`,
      `select id from tenant where domain = 'acme'`,
    );
    mkdirSync(join(recordings, tenantId));
    writeFileSync(join(recordings, tenantId, 'e2e-alice-yesterday.wav'), tone);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (recordings) rmSync(recordings, { recursive: true, force: true });
  });

  it("sam finds yesterday's calls of alice, opens one, plays and downloads its recording", async () => {
    const sam = await browser.context.newPage();
    await sam.goto(server.baseUrl);
    await loginWithKeyboard(sam, { username: 'sam', password: DEMO_PASSWORD, domain: 'acme' });
    await sam.getByRole('button', { name: 'Calls', exact: true }).click();
    const calls = sam.getByRole('main', { name: 'Calls' });
    await expectVisible(calls.getByText(`Times in ${ZONE}.`), { message: 'the first page came with the zone' });

    await calls.getByRole('button', { name: 'Yesterday' }).click();
    await calls.getByLabel('Agent', { exact: true }).selectOption({ label: 'Alice Agent (1001)' });
    await calls.getByRole('button', { name: 'Search' }).click();
    const rows = calls.getByRole('region', { name: 'Calls' }).locator('tbody tr');
    await expectText(rows.first(), /\+4930123456/);
    await sam.waitForFunction(
      () => document.querySelectorAll('[aria-label="Calls"] tbody tr').length === 1,
      undefined,
      { timeout: 5000 },
    );
    assert.match(await rows.first().innerText(), new RegExp(`${day(-1)} 10:15:00`));

    await rows.first().getByRole('button').click();
    const detail = calls.getByRole('region', { name: 'Call detail' });
    await expectVisible(detail.getByText('Answered Alice Agent (1001)'));
    await expectVisible(detail.getByText('Queued: Support'));

    const audio = detail.locator('audio');
    await audio.evaluate((a) => a.play());
    await sam.waitForFunction(
      () => {
        /** @type {HTMLAudioElement | null} */
        const a = document.querySelector('[aria-label="Call detail"] audio');
        return a != null && !a.paused && a.currentTime > 0.5;
      },
      undefined,
      { timeout: 10_000 },
    );
    assert.ok((await audio.evaluate((a) => a.duration)) > 2.9, 'the whole tone is there');

    const [download] = await Promise.all([
      sam.waitForEvent('download'),
      detail.getByRole('link', { name: 'Download' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^recording-\d+\.wav$/);
    const saved = await download.path();
    assert.deepEqual(readFileSync(saved), tone, 'the downloaded file is the recording');
  });
});
