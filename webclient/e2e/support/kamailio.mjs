// Debian's Kamailio 5.6 as the SIP server behind the server's SIP proxy, for the webphone test: an in-memory
// registrar and proxy on its own loopback port, started and stopped by the test (foreground, own config,
// pid file and working directory). Agents dial short extensions ("1002"); the script maps them to the
// registered AOR "<tenant>-1002", the tenant taken from the caller's From user ("acme-1001").
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const KAMAILIO = process.env.KAMAILIO_PATH ?? '/usr/sbin/kamailio';

/** Whether Kamailio is installed (make deps-test installs it). */
export function kamailioAvailable() {
  return spawnSync(KAMAILIO, ['-v'], { stdio: 'ignore' }).status === 0;
}

function config(port) {
  return `#!KAMAILIO
debug=2
log_stderror=yes
log_prefix="{$mt $hdr(CSeq) $ci} "
children=2
auto_aliases=no
dns=no
rev_dns=no
listen=tcp:127.0.0.1:${port}
alias="127.0.0.1:${port}"
tcp_accept_no_cl=yes
tcp_connection_lifetime=3605

loadmodule "xlog.so"
loadmodule "xhttp.so"
loadmodule "websocket.so"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "sanity.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "nathelper.so"

modparam("usrloc", "db_mode", 0)
# no GRUU: JsSIP would put the pub-gruu (no ;transport=ws) in its Contact, which the Tandem proxy refuses;
# Asterisk hands out none either
modparam("registrar", "gruu_enabled", 0)
modparam("rr", "append_fromtag", 1)
modparam("websocket", "keepalive_mechanism", 0)
# a registration remembers the WebSocket it came over ("received"); lookup() routes back over it, so the
# contact's "<random>.invalid" host is never resolved
modparam("nathelper", "received_avp", "$avp(RECEIVED)")
modparam("registrar", "received_avp", "$avp(RECEIVED)")

request_route {
  xlog("L_INFO", "request $rm $ru from $fu via $si:$sp\n");
  if (!mf_process_maxfwd_header("10")) {
    sl_send_reply("483", "Too Many Hops");
    exit;
  }
  if (!sanity_check("17895", "7")) {
    exit;
  }
  # every client arrives over a WebSocket (the Tandem proxy, one connection per browser): a REGISTER
  # records that connection as "received"; other requests carry it in their Contact (;alias=ip~port~proto),
  # which handle_ruri_alias() turns back into the destination of in-dialog requests
  if (nat_uac_test("64")) {
    force_rport();
    if (is_method("REGISTER")) {
      fix_nated_register();
    } else if (!add_contact_alias()) {
      sl_send_reply("400", "Bad Contact");
      exit;
    }
  }
  if (has_totag()) {
    if (loose_route()) {
      if (!handle_ruri_alias()) {
        sl_send_reply("400", "Bad alias");
        exit;
      }
      route(RELAY);
    }
    if (is_method("ACK")) {
      if (t_check_trans()) {
        t_relay();
      }
      exit;
    }
    sl_send_reply("404", "Not here");
    exit;
  }
  if (is_method("CANCEL")) {
    if (t_check_trans()) {
      route(RELAY);
    }
    exit;
  }
  t_check_trans();
  if (is_method("REGISTER")) {
    if (!save("location")) {
      sl_reply_error();
    }
    exit;
  }
  if (is_method("OPTIONS") && $rU == $null) {
    sl_send_reply("200", "OK");
    exit;
  }
  # a short extension dialled by an agent: prefix the caller's tenant ("acme-1001" calls 1002 -> acme-1002)
  if ($rU =~ "^[0-9]+$" && $fU =~ "^[a-z0-9]+-[0-9]+$") {
    $rU = $(fU{s.select,0,-}) + "-" + $rU;
  }
  if (is_method("INVITE|SUBSCRIBE")) {
    record_route();
  }
  if (!lookup("location")) {
    sl_send_reply("404", "Not Found");
    exit;
  }
  route(RELAY);
}

route[RELAY] {
  if (is_method("INVITE|UPDATE")) {
    t_on_reply("REPLY");
  }
  if (!t_relay()) {
    sl_reply_error();
  }
  exit;
}

onreply_route[REPLY] {
  xlog("L_INFO", "reply $rs $rr to $rm\n");
  if (nat_uac_test("64")) {
    add_contact_alias();
  }
}

event_route[xhttp:request] {
  set_reply_close();
  set_reply_no_connect();
  if ($hdr(Upgrade) =~ "[Ww]eb[Ss]ocket" && $hdr(Connection) =~ "[Uu]pgrade" && $rm =~ "GET") {
    if (ws_handle_handshake()) {
      exit;
    }
  }
  xhttp_reply("404", "Not Found", "", "");
}
`;
}

async function freePort() {
  const server = createServer();
  await new Promise((res) => server.listen(0, '127.0.0.1', () => res(undefined)));
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  await new Promise((res) => server.close(() => res(undefined)));
  return port;
}

/**
 * Starts Kamailio (on `port`, or a free one); resolves once it accepts TCP connections. Its registrations
 * live in memory only, so a restart forgets them.
 */
export async function startKamailio(port = 0) {
  const dir = mkdtempSync(join(tmpdir(), 'tandemcc-kamailio-'));
  port ||= await freePort();
  const cfg = join(dir, 'kamailio.cfg');
  writeFileSync(cfg, config(port));
  const logFile = join(dir, 'kamailio.log');
  const log = openSync(logFile, 'a');
  const child = spawn(
    KAMAILIO,
    ['-f', cfg, '-P', join(dir, 'kamailio.pid'), '-Y', dir, '-w', dir, '-DD', '-E', '-m', '64', '-M', '8'],
    {
      stdio: ['ignore', log, log],
    },
  );
  closeSync(log);
  /** @type {{ code: number | null } | null} */
  let exited = null;
  const exit = new Promise((res) => child.once('exit', (code) => res((exited = { code }))));
  const tail = () => {
    try {
      return readFileSync(logFile, 'utf8').split('\n').slice(-60).join('\n');
    } catch {
      return '';
    }
  };

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exited) throw new Error(`kamailio exited (${JSON.stringify(exited)}):\n${tail()}`);
    if (await canConnect(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`kamailio did not listen on ${port}:\n${tail()}`);
    }
    await sleep(100);
  }
  return {
    port,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    tail,
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        await Promise.race([exit, sleep(5000)]);
        if (!exited) {
          child.kill('SIGKILL');
          await exit;
        }
      }
      if (process.env.E2E_KEEP_LOGS) console.log(`kamailio log kept in ${logFile}`);
      else rmSync(dir, { recursive: true, force: true });
    },
  };
}

function canConnect(port) {
  return new Promise((res) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      res(true);
    });
    s.once('error', () => res(false));
  });
}
