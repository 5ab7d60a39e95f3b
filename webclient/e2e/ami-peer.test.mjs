// The AMI peer of the browser tests on its own (no server, no browser): a raw TCP client logs in as asterisk-java
// does and checks the answers and the events a played trace produces.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { header, readTrace, startAmiPeer, traceFrames } from './support/ami-peer.mjs';

const TRACE = '04-queue-call-answered-agent-hangs-up';

/** A client that sends actions and reads frames (the banner line first). */
async function client(port) {
  const socket = connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  let buffer = '';
  /** @type {string[][]} */
  const frames = [];
  let banner = null;
  socket.on('data', (chunk) => {
    buffer += chunk;
    if (banner === null && buffer.includes('\r\n')) {
      banner = buffer.slice(0, buffer.indexOf('\r\n'));
      buffer = buffer.slice(buffer.indexOf('\r\n') + 2);
    }
    let end;
    while ((end = buffer.indexOf('\r\n\r\n')) >= 0) {
      frames.push(buffer.slice(0, end).split('\r\n'));
      buffer = buffer.slice(end + 4);
    }
  });
  await new Promise((res) => socket.once('connect', () => res(undefined)));
  const waitFor = async (predicate, what) => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const found = frames.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${what}; got ${JSON.stringify(frames)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return {
    frames,
    banner: () => banner,
    send: (...lines) => socket.write(`${lines.join('\r\n')}\r\n\r\n`),
    /**
     * The frames answering this ActionID, once the one matching `last` has come.
     * @param {string} id
     * @param {(frame: string[]) => boolean} [last]
     */
    async answer(id, last = () => true) {
      await waitFor((f) => header(f, 'ActionID') === id && last(f), `answer to ${id}`);
      return frames.filter((f) => header(f, 'ActionID') === id);
    },
    waitFor,
    close: () => socket.destroy(),
  };
}

describe('the AMI peer of the browser tests', () => {
  let peer;
  let c;

  before(async () => {
    peer = await startAmiPeer({
      commandOutput: (cli) => (cli === 'dialplan reload' ? ['Dialplan reloaded.'] : undefined),
    });
    c = await client(peer.port);
  });

  after(async () => {
    c?.close();
    await peer?.close();
  });

  it('greets like Asterisk and accepts an MD5 login whatever the key, then reports FullyBooted', async () => {
    c.send('Action: Challenge', 'ActionID: 17', 'AuthType: MD5');
    const [challenge] = await c.answer('17');
    assert.equal(c.banner(), 'Asterisk Call Manager/11.0.0');
    assert.equal(header(challenge, 'Response'), 'Success');
    assert.match(header(challenge, 'Challenge') ?? '', /^\d{9}$/);

    c.send('Action: Login', 'ActionID: 18', 'AuthType: MD5', 'Username: tandem', 'Key: 0123456789abcdef', 'Events: on');
    const [login] = await c.answer('18');
    assert.equal(header(login, 'Message'), 'Authentication accepted');
    await c.waitFor((f) => header(f, 'Event') === 'FullyBooted', 'FullyBooted');
    await peer.loggedIn(1000);
  });

  it('answers queue actions, Command and Ping with Success and the client ActionID; unknown actions with Error', async () => {
    c.send('Action: QueueAdd', 'ActionID: a1', 'Queue: acme-support', 'Interface: PJSIP/acme-1001', 'Paused: true');
    c.send('Action: QueuePause', 'ActionID: a2', 'Interface: PJSIP/acme-1001', 'Paused: false');
    c.send('Action: QueueRemove', 'ActionID: a3', 'Queue: acme-support', 'Interface: PJSIP/acme-1001');
    c.send('Action: Command', 'ActionID: a4', 'Command: dialplan reload');
    c.send('Action: Command', 'ActionID: a5', 'Command: queue reload all');
    c.send('Action: Ping', 'ActionID: a6');
    c.send('Action: Originate', 'ActionID: a7');
    assert.equal(header((await c.answer('a1'))[0], 'Message'), 'Added interface to queue');
    assert.equal(header((await c.answer('a2'))[0], 'Message'), 'Interface unpaused successfully');
    assert.equal(header((await c.answer('a3'))[0], 'Message'), 'Removed interface from queue');
    const [reload] = await c.answer('a4');
    assert.deepEqual(reload, [
      'Response: Success',
      'ActionID: a4',
      'Message: Command output follows',
      'Output: Dialplan reloaded.',
    ]);
    assert.deepEqual((await c.answer('a5'))[0].slice(-1), ['Output: '], 'an empty Output line, as Asterisk sends');
    assert.equal(header((await c.answer('a6'))[0], 'Ping'), 'Pong');
    const [unknown] = await c.answer('a7');
    assert.equal(header(unknown, 'Response'), 'Error');
    assert.match(header(unknown, 'Message') ?? '', /^Invalid\/unknown command: Originate/);
    assert.deepEqual(
      peer.received('command').map((r) => header(r.lines, 'Command')),
      ['dialplan reload', 'queue reload all'],
    );
  });

  it('completes the lists QueueStatus and CoreShowChannels with their ...Complete event', async () => {
    c.send('Action: QueueStatus', 'ActionID: l1');
    c.send('Action: CoreShowChannels', 'ActionID: l2');
    const status = await c.answer('l1', (f) => header(f, 'Event') === 'QueueStatusComplete');
    assert.equal(header(status[0], 'EventList'), 'start');
    assert.equal(header(status[1], 'ListItems'), '0');
    const channels = await c.answer('l2', (f) => header(f, 'Event') === 'CoreShowChannelsComplete');
    assert.equal(header(channels[1], 'EventList'), 'Complete');
  });

  it('plays the unsolicited events of a trace in order, without the answers to the recorded actions', async () => {
    const recorded = readTrace(TRACE);
    const expected = traceFrames(TRACE);
    assert.ok(expected.length > 100);
    assert.ok(expected.every((f) => header(f.lines, 'Event') !== undefined));
    // the recorded QueueAdd (ActionID 2) was answered; that answer is not an event of the call
    assert.ok(recorded.some((f) => f.from === 'asterisk' && header(f.lines, 'ActionID') === '2'));
    assert.ok(!expected.some((f) => header(f.lines, 'ActionID') === '2'));

    const before = c.frames.length;
    const sent = await peer.play(TRACE, { until: 'AgentConnect' });
    const ringing = expected.findIndex((f) => header(f.lines, 'Event') === 'AgentConnect');
    assert.equal(sent, ringing);
    await c.waitFor((f) => header(f, 'Event') === 'AgentCalled', 'AgentCalled');
    await new Promise((r) => setTimeout(r, 100));
    const got = c.frames.slice(before);
    assert.deepEqual(
      got,
      expected.slice(0, ringing).map((f) => f.lines),
    );
  });
});

describe('the AMI peer and call control', () => {
  it('answers the call-control actions as Asterisk 22 did in the traces, and cuts a trace where its client acted', async () => {
    const peer = await startAmiPeer();
    const c = await client(peer.port);
    try {
      c.send('Action: Login', 'ActionID: 1', 'Username: cc', 'Secret: x');
      await c.answer('1');
      c.send('Action: BlindTransfer', 'ActionID: b1', 'Channel: PJSIP/acme-1001-00000001', 'Exten: 1002');
      assert.equal(header((await c.answer('b1'))[0], 'Message'), 'Transfer succeeded');
      c.send('Action: Atxfer', 'ActionID: b2', 'Channel: PJSIP/acme-1001-00000001', 'Exten: 1002');
      assert.equal(header((await c.answer('b2'))[0], 'Message'), 'Atxfer successfully queued');
      assert.equal((await peer.awaitAction('ATXFER')).action, 'atxfer');

      const all = traceFrames('10-blind-transfer');
      const before = await peer.play('10-blind-transfer', { untilAction: 'BlindTransfer' });
      const after = await peer.play('10-blind-transfer', { fromAction: 'BlindTransfer' });
      assert.equal(before + after, all.length);
      assert.ok(all.slice(0, before).some((f) => header(f.lines, 'Event') === 'AgentConnect'));
      assert.ok(all.slice(before).some((f) => header(f.lines, 'Event') === 'BlindTransfer'));
      assert.ok(!all.slice(0, before).some((f) => header(f.lines, 'Event') === 'BlindTransfer'));
    } finally {
      c.close();
      await peer.close();
    }
  });
});
