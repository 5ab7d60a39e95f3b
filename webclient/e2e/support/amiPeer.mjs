// A fake Asterisk Manager Interface for the browser tests: the real server (asterisk-java) logs in to it,
// its actions get Asterisk-like answers, and the test replays the events of a real recorded AMI trace
// (../shared/ami-traces) to make the server offer a call, as a real Asterisk would.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BANNER = 'Asterisk Call Manager/11.0.0\r\n';
const tracesDir = resolve(fileURLToPath(new URL('../../../../shared/ami-traces', import.meta.url)));

/** Frames of a trace file (`<<<` = from Asterisk), each `{ from, lines }`; recorder notes dropped. */
export function readTrace(name) {
  const text = readFileSync(resolve(process.env.AMI_TRACES_DIR ?? tracesDir, name), 'utf8');
  /** @type {{ from: 'asterisk' | 'client', lines: string[] }[]} */
  const frames = [];
  /** @type {{ from: 'asterisk' | 'client', lines: string[] } | null} */
  let current = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const marker = /^(<<<|>>>) \+\d+\.\d+/.exec(line);
    if (marker) {
      current = { from: marker[1] === '<<<' ? 'asterisk' : 'client', lines: [] };
      frames.push(current);
    } else if (line === '') {
      current = null;
    } else if (current) {
      current.lines.push(line);
    }
  }
  return frames;
}

/**
 * The unsolicited events Asterisk sent in a trace (no action replies, no list items, no banner).
 * @returns {string[][]}
 */
export function traceEvents(name) {
  return readTrace(name)
    .filter((f) => f.from === 'asterisk' && f.lines[0]?.startsWith('Event:'))
    .filter((f) => !f.lines.some((l) => l.startsWith('ActionID:')))
    .map((f) => f.lines);
}

const frame = (...lines) => `${lines.join('\r\n')}\r\n\r\n`;

const LISTS = { queuestatus: 'QueueStatusComplete', coreshowchannels: 'CoreShowChannelsComplete' };

function answer(action, id) {
  const aid = `ActionID: ${id}`;
  switch (action) {
    case 'challenge':
      return frame('Response: Success', aid, 'Challenge: 184302811');
    case 'login':
      return (
        frame('Response: Success', aid, 'Message: Authentication accepted') +
        frame('Event: FullyBooted', 'Privilege: system,all', 'Uptime: 1', 'LastReload: 1', 'Status: Fully Booted')
      );
    case 'coresettings':
      return frame('Response: Success', aid, 'AMIversion: 11.0.0', 'AsteriskVersion: 22.10.1', 'SystemName: ');
    case 'ping':
      return frame('Response: Success', aid, 'Ping: Pong', `Timestamp: ${Date.now() / 1000}`);
    case 'logoff':
      return frame('Response: Goodbye', aid, 'Message: Thanks for all the fish.');
    default:
      if (LISTS[action]) {
        return (
          frame('Response: Success', aid, 'EventList: start', 'Message: List will follow') +
          frame(`Event: ${LISTS[action]}`, aid, 'EventList: Complete', 'ListItems: 0')
        );
      }
      // QueueAdd, QueuePause, QueueRemove…: accepted
      return frame('Response: Success', aid, 'Message: OK');
  }
}

export async function startAmiPeer() {
  /** @type {Set<import('node:net').Socket>} */
  const sessions = new Set();
  /** @type {string[]} */
  const actions = [];
  const server = createServer((socket) => {
    sessions.add(socket);
    socket.setEncoding('utf8');
    socket.write(BANNER);
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\r\n\r\n')) >= 0) {
        const lines = buffer.slice(0, end).split('\r\n');
        buffer = buffer.slice(end + 4);
        const field = (name) => lines.find((l) => l.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim();
        const action = (field('action') ?? '').toLowerCase();
        actions.push(action);
        socket.write(answer(action, field('actionid') ?? ''));
        if (action === 'logoff') socket.end();
      }
    });
    socket.on('close', () => sessions.delete(socket));
    socket.on('error', () => sessions.delete(socket));
  });
  await new Promise((res) => server.listen(0, '127.0.0.1', () => res(undefined)));
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  return {
    port,
    actions,
    /** Resolves once a client has logged in. */
    async loggedIn(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (!actions.includes('login')) {
        if (Date.now() > deadline) throw new Error('the server never logged in to the fake AMI');
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    /** Sends events (arrays of lines) to every session, a few ms apart as Asterisk would. */
    async send(events, gapMs = 2) {
      for (const lines of events) {
        for (const s of sessions) s.write(frame(...lines));
        await new Promise((r) => setTimeout(r, gapMs));
      }
    },
    async close() {
      for (const s of sessions) s.destroy();
      await new Promise((res) => server.close(res));
    },
  };
}
