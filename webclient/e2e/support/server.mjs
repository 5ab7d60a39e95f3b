// Starts the real server jar for a test file: dev mode, loopback, random port, fresh data dir,
// serving the freshly built client from ../dist through WEBROOT_DIR.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const webclientDir = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * @param {{ env?: Record<string, string>, amiPort?: number }} [options] extra environment, e.g. a short
 *   ACCESS_TOKEN_TTL_SECONDS; `amiPort`: the server logs in to an AMI peer on 127.0.0.1 there (support/ami-peer.mjs)
 */
export async function startServer(options = {}) {
  // E2E_TLS=1: the same tests over HTTPS and WSS with the server's generated development certificate (docs/tls.md);
  // the browsers accept it (support/browser.mjs) and so do this process's fetch and WebSocket clients
  const tls = Boolean(process.env.E2E_TLS);
  if (tls) process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  const ami = options.amiPort ? { AMI_HOST: '127.0.0.1', AMI_PORT: String(options.amiPort), AMI_SECRET: 'x' } : {};
  const jar = resolve(webclientDir, process.env.SERVER_JAR ?? '../server/target/tandemcc-server.jar');
  if (!existsSync(jar)) {
    throw new Error(
      `server jar not found at ${jar}: build it (cd .. && mvn -B -q -Dskip.webclient=true package -DskipTests) or set SERVER_JAR`,
    );
  }
  const webroot = resolve(webclientDir, process.env.WEBROOT_DIR ?? 'dist');
  if (!existsSync(join(webroot, 'index.html'))) throw new Error(`no built client in ${webroot}: run npm run build`);

  const workDir = mkdtempSync(join(tmpdir(), 'tandemcc-e2e-'));
  const dataDir = join(workDir, 'data');
  const portFile = join(workDir, 'port');
  const logFile = join(workDir, 'server.log');
  const log = createWriteStream(logFile);
  const child = spawn('java', ['-jar', jar], {
    env: {
      ...process.env,
      CC_MODE: 'dev',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: '0',
      PORT_FILE: portFile,
      DATA_DIR: dataDir,
      WEBROOT_DIR: webroot,
      ...(tls ? { TLS_MODE: 'self-signed' } : {}),
      DEMO_CALLS: 'off', // the call simulator would ring Ready demo agents; tests that want it say so
      ...ami,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  /** @type {{code: number | null, signal: string | null} | null} */
  let exited = null;
  const exitPromise = new Promise((res) => child.once('exit', (code, signal) => res((exited = { code, signal }))));

  const tail = () => {
    try {
      return readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
    } catch {
      return '';
    }
  };
  const cleanup = () => rmSync(workDir, { recursive: true, force: true, maxRetries: 3 });

  const deadline = Date.now() + Number(process.env.SERVER_START_TIMEOUT_MS ?? 120_000);
  let port = null;
  while (!port) {
    if (exited) {
      const out = tail();
      cleanup();
      throw new Error(`server exited early (${JSON.stringify(exited)}):\n${out}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exitPromise;
      const out = tail();
      cleanup();
      throw new Error(`server did not write ${portFile} in time:\n${out}`);
    }
    try {
      const text = readFileSync(portFile, 'utf8').trim();
      if (/^\d+$/.test(text)) port = Number(text);
    } catch {
      /* not yet */
    }
    if (!port) await sleep(200);
  }

  const baseUrl = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    baseUrl,
    logFile,
    /** The server's DATA_DIR (its embedded PostgreSQL lives in postgres/ below it) and jar (support/sql.mjs). */
    dataDir,
    jar,
    tail,
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const giveUp = new AbortController();
        const timedOut = await Promise.race([
          exitPromise.then(() => false),
          sleep(20_000, true, { signal: giveUp.signal }).catch(() => false),
        ]);
        giveUp.abort(); // do not keep the test process alive with a pending timer
        if (timedOut) {
          child.kill('SIGKILL');
          await exitPromise;
        }
      }
      if (process.env.E2E_KEEP_LOGS) console.log(`server log kept in ${logFile}`);
      else cleanup();
    },
  };
}
