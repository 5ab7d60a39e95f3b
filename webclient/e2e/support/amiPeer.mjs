// A minimal Asterisk Manager Interface peer for browser tests: it lets the server's AMI link log in and come up,
// accepts queue membership actions, and plays recorded Asterisk events on demand (from shared/ami-traces, found
// by walking up from this checkout, or AMI_TRACES_DIR).
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const BANNER = 'Asterisk Call Manager/11.0.0';

/** The folder of the recorded traces, or null when this checkout has none next to it. */
export function tracesDir() {
  if (process.env.AMI_TRACES_DIR) return process.env.AMI_TRACES_DIR;
  for (let dir = resolve(dirname(fileURLToPath(import.meta.url))); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'ami-traces');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/** The frames Asterisk sent in a trace ("<<<" blocks), as arrays of lines, in order. */
export function traceEvents(name) {
  const dir = tracesDir();
  if (!dir) throw new Error('no shared/ami-traces folder found (set AMI_TRACES_DIR)');
  const lines = readFileSync(join(dir, `${name}.ami`), 'utf8').split('\n');
  const frames = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('<<< ')) continue;
    const frame = [];
    for (i++; i < lines.length && lines[i] !== ''; i++) frame.push(lines[i]);
    if (frame[0]?.startsWith('Event: ')) frames.push(frame);
  }
  return frames;
}

function header(frame, name) {
  const line = frame.find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line === undefined ? undefined : line.slice(line.indexOf(':') + 1).trim();
}

const wire = (lines) => `${lines.join('\r\n')}\r\n\r\n`;

export async function startAmiPeer() {
  const sessions = new Set();
  const received = [];

  const answer = (socket, frame) => {
    received.push(frame);
    const action = (header(frame, 'Action') ?? '').toLowerCase();
    const id = `ActionID: ${header(frame, 'ActionID') ?? ''}`;
    const ok = (...lines) => socket.write(wire(['Response: Success', id, ...lines]));
    switch (action) {
      case 'challenge':
        return ok('Challenge: 184302811');
      case 'login':
        ok('Message: Authentication accepted');
        return socket.write(wire(['Event: FullyBooted', 'Privilege: system,all', 'Uptime: 1', 'LastReload: 1',
          'Status: Fully Booted']));
      case 'coresettings':
        return ok('AMIversion: 11.0.0', 'AsteriskVersion: 22.10.1', 'SystemName: ', 'CoreMaxCalls: 0',
          'CoreMaxLoadAvg: 0.000000', 'CoreRunUser: ', 'CoreRunGroup: ', 'CoreMaxFilehandles: 0',
          'CoreRealTimeEnabled: No', 'CoreCDRenabled: Yes', 'CoreHTTPenabled: No', 'SoundsSearchCustomDir: No');
      case 'ping':
        return ok('Ping: Pong', `Timestamp: ${Date.now() / 1000}`);
      case 'queueadd':
        return ok('Message: Added interface to queue');
      case 'queuepause':
        return ok('Message: Interface paused successfully');
      case 'queueremove':
        return ok('Message: Removed interface from queue');
      case 'queuestatus':
        ok('EventList: start', 'Message: Queue status will follow');
        return socket.write(wire(['Event: QueueStatusComplete', id, 'EventList: Complete', 'ListItems: 0']));
      case 'coreshowchannels':
        ok('EventList: start', 'Message: Channels will follow');
        return socket.write(wire(['Event: CoreShowChannelsComplete', id, 'EventList: Complete', 'ListItems: 0']));
      case 'logoff':
        socket.write(wire(['Response: Goodbye', id, 'Message: Thanks for all the fish.']));
        return socket.end();
      default:
        return socket.write(wire(['Response: Error', id, `Message: Invalid/unknown command: ${action}`]));
    }
  };

  const server = net.createServer((socket) => {
    sessions.add(socket);
    socket.setEncoding('utf8');
    socket.on('error', () => {});
    socket.on('close', () => sessions.delete(socket));
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += String(chunk).replace(/\r\n/g, '\n');
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const frame = buffer.slice(0, end).split('\n').filter(Boolean);
        buffer = buffer.slice(end + 2);
        if (frame.length) answer(socket, frame);
      }
    });
    socket.write(`${BANNER}\r\n`);
  });
  await new Promise((res) => server.listen(0, '127.0.0.1', () => res(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());

  return {
    port: address.port,
    /** Every action the server sent, as arrays of lines. */
    received: () => [...received],
    /** Sends events (arrays of lines) to every AMI session, as Asterisk would. */
    send(frames) {
      for (const socket of sessions) for (const frame of frames) socket.write(wire(frame));
    },
    async close() {
      for (const socket of sessions) socket.destroy();
      await new Promise((res) => server.close(res));
    },
  };
}

/**
 * A customer call of trace 04 (acme-support, Jane Customer) entering the queue and ringing Alice (acme-1001):
 * its QueueCallerJoin and AgentCalled events.
 */
export function queueCallRingingAlice() {
  const events = traceEvents('04-queue-call-answered-agent-hangs-up');
  return ['QueueCallerJoin', 'AgentCalled'].map((name) => {
    const frame = events.find((f) => header(f, 'Event') === name);
    if (!frame) throw new Error(`trace 04 has no ${name}`);
    return frame;
  });
}
