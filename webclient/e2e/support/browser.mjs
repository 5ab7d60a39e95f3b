// Headless Chromium from the system (never downloaded), one fresh profile per browser.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
];

export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'tandemcc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport: { width: 1100, height: 800 },
    // E2E_TLS=1: the server's self-signed development certificate (support/server.mjs)
    ignoreHTTPSErrors: Boolean(process.env.E2E_TLS),
  });
  context.setDefaultTimeout(10_000);
  return {
    context,
    /** The profile directory: every process of this browser has it on its command line (to kill it for real). */
    profile,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
