// A TCP server that speaks the Asterisk Manager Interface like an idle Asterisk 22, for browser tests: the real
// server (asterisk-java) logs in to it, its actions get the answers Asterisk would give, and `play(trace)` streams
// the events of a real recorded trace (the repository's testdata/ami-traces) to every logged-in session, as Asterisk
// sent them. The Java tests and the benchmark read the same files with testkit's AmiTrace (same format rules) and
// answer the same idle-Asterisk actions with testkit's AsteriskReplies; keep the three in step.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const BANNER = 'Asterisk Call Manager/11.0.0';
const webclientDir = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * The recorded traces: `ami-traces` in the repository's `testdata` folder, or in the folder `TANDEM_TESTDATA` names
 * (the variable the Java test kit reads too). Nothing outside the repository is looked at.
 */
export function tracesDir() {
  const given = process.env.TANDEM_TESTDATA;
  const root = given ? resolve(given) : join(webclientDir, '..', 'testdata');
  const dir = join(root, 'ami-traces');
  if (!existsSync(dir)) throw new Error(`no ami-traces in ${root} (TANDEM_TESTDATA names the testdata folder)`);
  return dir;
}

/**
 * The frames of a trace, in order: `from` is 'asterisk' (`<<<`) or 'client' (`>>>`), `at` the seconds since the
 * trace started. Recorder notes and header (`#` lines) are dropped. The rules of testdata/ami-traces/README.md, as
 * testkit's AmiTrace applies them: a marker line starts a frame, its lines follow up to a blank line.
 * @returns {{ from: 'asterisk' | 'client', at: number, lines: string[] }[]}
 */
export function readTrace(name) {
  const file = join(tracesDir(), name.endsWith('.ami') ? name : `${name}.ami`);
  /** @type {{ from: 'asterisk' | 'client', at: number, lines: string[] }[]} */
  const frames = [];
  /** @type {{ from: 'asterisk' | 'client', at: number, lines: string[] } | null} */
  let current = null;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('#')) continue;
    const marker = /^(<<<|>>>) \+(\d+\.\d+)\s*$/.exec(line);
    if (marker) {
      /** @type {'asterisk' | 'client'} */
      const from = marker[1] === '<<<' ? 'asterisk' : 'client';
      current = { from, at: Number(marker[2]), lines: [] };
      frames.push(current);
    } else if (line === '') {
      current = null;
    } else if (current) {
      current.lines.push(line);
    }
  }
  return frames;
}

/** The value of a header (names compare case-insensitively), or undefined. */
export function header(lines, name) {
  const prefix = `${name.toLowerCase()}:`;
  const line = lines.find((l) => l.toLowerCase().startsWith(prefix));
  return line === undefined ? undefined : line.slice(prefix.length).trim();
}

/**
 * The unsolicited events of a trace, in order, with their recorded time: every frame from Asterisk except the
 * banner and the answers to the recorded client's actions (responses and list items carry its ActionID).
 * @returns {{ at: number, lines: string[], index: number }[]}
 */
export function traceFrames(name) {
  const frames = readTrace(name);
  const recordedIds = new Set(
    frames
      .filter((f) => f.from === 'client')
      .map((f) => header(f.lines, 'ActionID'))
      .filter((id) => id !== undefined),
  );
  return frames
    .map((f, index) => ({ ...f, index }))
    .filter((f) => f.from === 'asterisk' && header(f.lines, 'Event') !== undefined)
    .filter((f) => !recordedIds.has(header(f.lines, 'ActionID')))
    .map(({ at, lines, index }) => ({ at, lines, index }));
}

/** Where the recorded client sent an action (its first one of that name) among the trace's frames. */
export function actionIndex(name, action) {
  const index = readTrace(name).findIndex(
    (f) => f.from === 'client' && (header(f.lines, 'Action') ?? '').toLowerCase() === action.toLowerCase(),
  );
  if (index < 0) throw new Error(`the client of ${name} never sent ${action}`);
  return index;
}

/**
 * Asterisk's recorded answers to the `index`-th action named `action` of a trace (its Response and the events that
 * carry its ActionID, e.g. an Originate's `OriginateResponse`), as arrays of lines.
 * @returns {string[][]}
 */
export function recordedReplies(name, action, index = 0) {
  const frames = readTrace(name);
  const request = frames.filter(
    (f) => f.from === 'client' && (header(f.lines, 'Action') ?? '').toLowerCase() === action.toLowerCase(),
  )[index];
  if (!request) throw new Error(`no ${action} number ${index} in ${name}`);
  const id = header(request.lines, 'ActionID');
  return frames.filter((f) => f.from === 'asterisk' && header(f.lines, 'ActionID') === id).map((f) => f.lines);
}

/** The unsolicited events of a trace as arrays of lines (for `send`). */
export function traceEvents(name) {
  return traceFrames(name).map((f) => f.lines);
}

const frame = (...lines) => `${lines.join('\r\n')}\r\n\r\n`;

/**
 * Answers to actions as a trace recorded them: for each of `actions` (e.g. 'Redirect', 'Originate') that the recorded
 * client sent, the frames Asterisk answered it with (its Response, and events carrying its ActionID such as
 * OriginateResponse). Pass the result as `startAmiPeer({ answers })`: the server's action of that name then gets those
 * frames, with the server's own ActionID.
 * @returns {Record<string, (lines: string[]) => string[][]>}
 */
export function recordedAnswers(name, actions) {
  const frames = readTrace(name);
  /** @type {Record<string, (lines: string[]) => string[][]>} */
  const answers = {};
  for (const wanted of actions) {
    const request = frames.find(
      (f) => f.from === 'client' && header(f.lines, 'Action')?.toLowerCase() === wanted.toLowerCase(),
    );
    if (!request) throw new Error(`no ${wanted} in ${name}`);
    const recordedId = header(request.lines, 'ActionID');
    const replies = frames.filter((f) => f.from === 'asterisk' && header(f.lines, 'ActionID') === recordedId);
    answers[wanted.toLowerCase()] = (lines) =>
      replies.map((r) =>
        r.lines.map((l) => (/^ActionID:/i.test(l) ? `ActionID: ${header(lines, 'ActionID') ?? ''}` : l)),
      );
  }
  return answers;
}

/** Asterisk 22's answer to an action, with the client's ActionID; events that follow it (lists, boot) included. */
function answer(action, lines, options) {
  const id = `ActionID: ${header(lines, 'ActionID') ?? ''}`;
  const given = options.answers[action];
  if (given)
    return given(lines)
      .map((f) => frame(...f))
      .join('');
  const list = (message, complete) =>
    frame('Response: Success', id, 'EventList: start', `Message: ${message}`) +
    frame(`Event: ${complete}`, id, 'EventList: Complete', 'ListItems: 0');
  if (action === 'originate' && options.originate) {
    // the recorded answers (e.g. trace 15's Response and OriginateResponse), with this ActionID
    const replies = options.originate(lines);
    if (replies) {
      return replies.map((r) => frame(...r.map((l) => (l.toLowerCase().startsWith('actionid:') ? id : l)))).join('');
    }
    return frame('Response: Error', id, 'Message: Originate failed');
  }
  switch (action) {
    case 'challenge':
      return frame('Response: Success', id, `Challenge: ${Math.floor(100_000_000 + Math.random() * 899_999_999)}`);
    case 'login': // any secret, plain or as the MD5 key of the challenge
      return (
        frame('Response: Success', id, 'Message: Authentication accepted') +
        frame('Event: FullyBooted', 'Privilege: system,all', 'Uptime: 1', 'LastReload: 1', 'Status: Fully Booted')
      );
    case 'coresettings':
      return frame(
        'Response: Success',
        id,
        'AMIversion: 11.0.0',
        'AsteriskVersion: 22.10.1',
        'SystemName: ',
        'CoreMaxCalls: 0',
        'CoreMaxLoadAvg: 0.000000',
        'CoreRunUser: ',
        'CoreRunGroup: ',
        'CoreMaxFilehandles: 0',
        'CoreRealTimeEnabled: No',
        'CoreCDRenabled: Yes',
        'CoreHTTPenabled: No',
        'SoundsSearchCustomDir: No',
      );
    case 'ping':
      return frame('Response: Success', id, 'Ping: Pong', `Timestamp: ${(Date.now() / 1000).toFixed(6)}`);
    case 'logoff':
      return frame('Response: Goodbye', id, 'Message: Thanks for all the fish.');
    case 'queueadd':
      return frame('Response: Success', id, 'Message: Added interface to queue');
    case 'queuepause':
      return frame(
        'Response: Success',
        id,
        `Message: Interface ${/^(true|yes|1)$/i.test(header(lines, 'Paused') ?? '') ? 'paused' : 'unpaused'} successfully`,
      );
    case 'queueremove':
      return frame('Response: Success', id, 'Message: Removed interface from queue');
    case 'queuestatus':
      return list('Queue status will follow', 'QueueStatusComplete');
    case 'coreshowchannels':
      return list('Channels will follow', 'CoreShowChannelsComplete');
    // call control: Asterisk 22's answers as recorded in traces 10, 11, 11b and 14 (Hangup: manager.c's ack)
    case 'blindtransfer':
      return frame('Response: Success', id, 'Message: Transfer succeeded');
    case 'atxfer':
      return frame('Response: Success', id, 'Message: Atxfer successfully queued');
    case 'cancelatxfer':
      return frame('Response: Success', id, 'Message: CancelAtxfer successfully queued');
    case 'mixmonitor':
    case 'stopmixmonitor':
      return frame('Response: Success', id);
    case 'hangup':
      return frame('Response: Success', id, 'Message: Channel Hungup');
    case 'command': {
      // Asterisk always sends at least one Output line, empty when the command printed nothing
      const output = options.commandOutput(header(lines, 'Command') ?? '') ?? [''];
      return frame('Response: Success', id, 'Message: Command output follows', ...output.map((l) => `Output: ${l}`));
    }
    default:
      return frame(
        'Response: Error',
        id,
        `Message: Invalid/unknown command: ${header(lines, 'Action')}. Use Action: ListCommands to show available commands.`,
      );
  }
}

/**
 * Starts the peer on a random loopback port.
 * @param {{ commandOutput?: (cli: string) => string[] | undefined,
 *   originate?: (lines: string[]) => string[][] | undefined,
 *   answers?: Record<string, (lines: string[]) => string[][]> }} [options] output lines of CLI commands; the answer
 *   frames to an Originate (see `recordedReplies`), none for Asterisk's 'Originate failed'; answers to other actions
 *   by lower-case action name (frames as arrays of lines, e.g. from `recordedAnswers`)
 */
export async function startAmiPeer(options = {}) {
  const settings = {
    commandOutput: options.commandOutput ?? (() => undefined),
    originate: options.originate,
    answers: options.answers ?? {},
  };
  /** @type {Set<import('node:net').Socket>} logged-in sessions, which get the played events */
  const sessions = new Set();
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  /** Every action received, in order: `{ action, lines }` with the action name in lower case. */
  const requests = [];
  /** The lower-case names of the actions received, in order. */
  const actions = [];

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setEncoding('utf8');
    socket.write(`${BANNER}\r\n`);
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\r\n\r\n')) >= 0) {
        const lines = buffer
          .slice(0, end)
          .split('\r\n')
          .filter((l) => l !== '');
        buffer = buffer.slice(end + 4);
        const action = (header(lines, 'Action') ?? '').toLowerCase();
        requests.push({ action, lines });
        actions.push(action);
        socket.write(answer(action, lines, settings));
        if (action === 'login') sessions.add(socket);
        if (action === 'logoff') socket.end();
      }
    });
    const forget = () => {
      sockets.delete(socket);
      sessions.delete(socket);
    };
    socket.on('close', forget);
    socket.on('error', forget);
  });
  await new Promise((res) => server.listen(0, '127.0.0.1', () => res(undefined)));
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;

  const broadcast = (lines) => {
    for (const s of sessions) s.write(frame(...lines));
  };
  const matcher = (what) => (typeof what === 'function' ? what : (lines) => header(lines, 'Event') === what);

  return {
    port,
    actions,
    requests,
    /** The requests for one action (name in any case). */
    received(action) {
      return requests.filter((r) => r.action === action.toLowerCase());
    },
    /** Resolves with the first request for `action` (any case) once the server has sent it. */
    async awaitAction(action, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = requests.find((r) => r.action === action.toLowerCase());
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`the server never sent ${action}; it sent ${actions.join(', ')}`);
        await sleep(50);
      }
    },
    /** Resolves once a client has logged in. */
    async loggedIn(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (sessions.size === 0) {
        if (Date.now() > deadline) throw new Error('the server never logged in to the AMI peer');
        await sleep(100);
      }
    },
    /**
     * Streams the unsolicited events of a recorded trace to every logged-in session, in order. `from` (inclusive)
     * and `until` (exclusive) cut a slice at the first event of that name (or matching that predicate on its lines);
     * `speed` 0 sends them `gapMs` apart, otherwise at the recorded pace divided by `speed`.
     * @param {string} name e.g. '04-queue-call-answered-agent-hangs-up'
     * `fromAction` / `untilAction` cut where the recorded client sent that action instead: the events Asterisk sent
     * after (before) it, so a test plays the rest of a trace once our server sent the same action.
     * @param {{ from?: string | ((lines: string[]) => boolean), until?: string | ((lines: string[]) => boolean),
     *   fromAction?: string, untilAction?: string, speed?: number, gapMs?: number }} [slice]
     * @returns {Promise<number>} how many events were sent
     */
    async play(name, { from, until, fromAction, untilAction, speed = 0, gapMs = 2 } = {}) {
      let frames = traceFrames(name);
      if (fromAction !== undefined) {
        const at = actionIndex(name, fromAction);
        frames = frames.filter((f) => f.index > at);
      }
      if (untilAction !== undefined) {
        const at = actionIndex(name, untilAction);
        frames = frames.filter((f) => f.index < at);
      }
      if (from !== undefined) {
        const start = frames.findIndex((f) => matcher(from)(f.lines));
        if (start < 0) throw new Error(`no event ${from} in ${name}`);
        frames = frames.slice(start);
      }
      if (until !== undefined) {
        const stop = frames.findIndex((f) => matcher(until)(f.lines));
        if (stop < 0) throw new Error(`no event ${until} in ${name}`);
        frames = frames.slice(0, stop);
      }
      const began = Date.now();
      for (const f of frames) {
        if (speed > 0) {
          const due = began + ((f.at - frames[0].at) * 1000) / speed;
          if (due > Date.now()) await sleep(due - Date.now());
        } else {
          await sleep(gapMs);
        }
        broadcast(f.lines);
      }
      return frames.length;
    },
    /** Sends events (arrays of lines) to every logged-in session, `gapMs` apart. */
    async send(events, gapMs = 2) {
      for (const lines of events) {
        broadcast(lines);
        await sleep(gapMs);
      }
    },
    /** Drops every connection, as an Asterisk that stops; the server reconnects to the same port. */
    dropConnections() {
      for (const s of sockets) s.destroy();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((res) => server.close(res));
    },
  };
}
