// Access-token renewal against the real server with the shortest token life it allows (30 s):
// the page renews through the session cookie, re-authenticates its open push socket, and
// keeps working past the first token's expiry without reconnecting.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launchBrowser } from './support/browser.mjs';
import { expectText } from './support/expect.mjs';
import { DEMO_PASSWORD, loginWithKeyboard, toolbar } from './support/pages.mjs';
import { startServer } from './support/server.mjs';

const TTL_SECONDS = 30;

describe('token renewal', { timeout: 180_000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer({ env: { ACCESS_TOKEN_TTL_SECONDS: String(TTL_SECONDS) } });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('renews before expiry, re-sends auth on the same socket, and keeps working', async () => {
    const page = await browser.context.newPage();
    /** @type {string[]} */
    const authTokens = [];
    let sockets = 0;
    let refreshes = 0;
    page.on('websocket', (ws) => {
      if (!ws.url().endsWith('/api/push')) return; // the webphone's SIP socket is not the push channel
      sockets += 1;
      ws.on('framesent', (f) => {
        const msg = JSON.parse(String(f.payload));
        if (msg.type === 'auth') authTokens.push(msg.token);
      });
    });
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/session/refresh')) refreshes += 1;
    });

    await page.goto(server.baseUrl);
    await loginWithKeyboard(page, { username: 'alice', password: DEMO_PASSWORD, domain: 'acme' });
    const bar = toolbar(page);
    await expectText(bar.state, 'Not Ready: Login');
    await expectText(bar.connection, 'Connected');
    const loggedInAt = Date.now();
    const refreshesBefore = refreshes; // the restore attempt on page load

    // Past the first token's life (plus the server's 5 s expiry sweep): still the same socket.
    await page.waitForTimeout(TTL_SECONDS * 1000 + 6000 - (Date.now() - loggedInAt));
    assert.ok(refreshes > refreshesBefore, 'the token was renewed through /api/session/refresh');
    assert.ok(authTokens.length >= 2, `auth re-sent after renewal (sent ${authTokens.length})`);
    assert.notEqual(authTokens.at(-1), authTokens[0], 'with a new token');
    assert.equal(sockets, 1, 'the push socket was never closed and reopened');
    await expectText(bar.connection, 'Connected');

    // HTTP calls use the renewed token, and the push channel still delivers.
    await bar.ready.click();
    await expectText(bar.state, 'Ready', { timeout: 2000 });
    await page.close();
  });
});
