// The Reports screen against the real server: yesterday's state history of alice is written straight into the
// server's embedded PostgreSQL (with psql: the server records history only as it happens), then sam (supervisor
// of Support) opens Reports, shows alice's agent report for yesterday (the screen's default period) and downloads
// its CSV; the downloaded file has the report's header and alice's row.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchBrowser } from './support/browser.mjs';
import { expectVisible } from './support/expect.mjs';
import { DEMO_PASSWORD, loginWithKeyboard } from './support/pages.mjs';
import { startServer } from './support/server.mjs';

/** The port of the embedded PostgreSQL under the server's data directory (line 4 of postmaster.pid). */
function postgresPort(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'postmaster.pid') return Number(readFileSync(path, 'utf8').split('\n')[3]);
    if (statSync(path).isDirectory()) {
      const port = postgresPort(path);
      if (port) return port;
    }
  }
  return null;
}

function sql(port, statement) {
  return execFileSync(
    'psql',
    [
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-U',
      'postgres',
      '-d',
      'postgres',
      '-tA',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      statement,
    ],
    { encoding: 'utf8' },
  );
}

describe('reports', { timeout: 120_000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    const port = postgresPort(join(dirname(server.logFile), 'data'));
    assert.ok(port, 'embedded PostgreSQL port');
    // alice: Ready yesterday 09:00 to 10:00 local time of the tenant, then signed out (one hour: 3600 s)
    const at = (time) => `((now() at time zone t.time_zone)::date - 1 + time '${time}') at time zone t.time_zone`;
    sql(
      port,
      `insert into agent_state_history (tenant_id, agent_id, status, call_state, cause, occurred_at)
      select t.id, a.id, s.status, 'IDLE', 'e2e', s.at from tenant t join app_user u on u.tenant_id = t.id
      join agent a on a.user_id = u.id
      cross join lateral (values ('READY', ${at('09:00')}), ('LOGGED_OUT', ${at('10:00')})) s(status, at)
      where t.domain = 'acme' and u.username = 'alice'`,
    );
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("sam opens alice's agent report for yesterday and downloads its CSV", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.baseUrl);
    await loginWithKeyboard(page, { username: 'sam', password: DEMO_PASSWORD, domain: 'acme' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Reports' }).click();
    const reports = page.getByRole('region', { name: 'Reports' });
    const agent = reports.getByLabel('Agent', { exact: true });
    await agent.selectOption({ label: (await agent.locator('option', { hasText: 'Alice' }).textContent()) ?? '' });
    await reports.getByRole('button', { name: 'Show' }).click();
    const table = reports.getByRole('table');
    await expectVisible(table.getByRole('cell', { name: 'Alice Agent' }));
    // signed in and Ready: one hour
    await expectVisible(table.getByRole('cell', { name: '1:00:00' }).first());

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      reports.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^agents-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync(await download.path(), 'utf8').split('\r\n');
    assert.match(lines[0], /^intervalStart,agentId,agentNumber,agentName,signedIn,ready,notReady,/);
    const alice = lines.find((l) => l.includes(',Alice Agent,'));
    assert.ok(alice, `alice's row in ${lines.join('\n')}`);
    assert.match(alice, /,Alice Agent,3600,3600,0,/);
    await page.close();
  });
});
