package io.tandemcc.sip;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.FakeAsterisk;
import io.tandemcc.support.FakeAsterisk.Peer;
import io.tandemcc.support.SipTraces;
import io.tandemcc.support.SipWsClient;
import io.tandemcc.support.SipWsClient.Closed;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.tenant.DemoData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The issue 13 attacks end to end: through the real proxy of the test server to a recording fake
 * Asterisk. The frames are those of {@link SipAttacks}, said by alice of the demo tenant ({@code
 * acme-1001}, as in the traces).
 */
@DisplayName("The SIP proxy keeps the issue 13 attacks away from Asterisk")
class SipProxyAttackTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Duration BRIEFLY = Duration.ofMillis(300);
  private Server server;
  private Api api;
  private FakeAsterisk asterisk;

  @BeforeEach
  void setUp() throws Exception {
    server = TestServer.get();
    api = new Api(server.port());
    asterisk = FakeAsterisk.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    asterisk.close();
  }

  private String ticket(String token) {
    Api.Response r = api.post("/api/sip/ticket", "", bearer(token));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getString("ticket");
  }

  private record Leg(SipWsClient browser, Peer peer) implements AutoCloseable {
    @Override
    public void close() {
      browser.close();
    }
  }

  private Leg alice() throws Exception {
    Api.Response login =
        api.post("/api/login", Api.login("alice", DemoData.PASSWORD, DemoData.DOMAIN));
    assertThat(login.status()).isEqualTo(200);
    SipWsClient browser =
        SipWsClient.connect(server.port(), ticket(login.json().getString("accessToken")));
    Peer peer = asterisk.nextPeer(WAIT);
    assertThat(peer).as("upstream connection").isNotNull();
    return new Leg(browser, peer);
  }

  /** Sends the attack; the browser gets {@code status}, Asterisk nothing at all. */
  private static void refusedBeforeAsterisk(Leg leg, String attack, int status) throws Exception {
    leg.browser().send(attack);
    String answer = leg.browser().next(WAIT);
    assertThat(answer).as("the browser's answer").startsWith("SIP/2.0 " + status + " ");
    assertThat(leg.peer().nextReceived(BRIEFLY)).as("what reached Asterisk").isNull();
  }

  @Test
  @DisplayName(
      "to-tag bypass: a REGISTER as a colleague with a Call-ID first used by an OPTIONS never reaches Asterisk")
  void toTagBypassRegister() throws Exception {
    long before = server.sipStats().get("to-tag");
    try (Leg leg = alice()) {
      leg.browser().send(SipAttacks.ownOptions());
      assertThat(leg.peer().nextReceived(WAIT)).isEqualTo(SipAttacks.ownOptions());
      refusedBeforeAsterisk(leg, SipAttacks.registerAsWithMadeUpToTag(SipAttacks.COLLEAGUE), 403);
      refusedBeforeAsterisk(
          leg, SipAttacks.registerAsWithMadeUpToTag(SipAttacks.OTHER_TENANT), 403);
    }
    assertThat(server.sipStats().get("to-tag")).isEqualTo(before + 2);
  }

  @Test
  @DisplayName(
      "to-tag bypass: an INVITE to a premium number with a made-up To tag never reaches Asterisk")
  void toTagBypassInvite() throws Exception {
    try (Leg leg = alice()) {
      leg.browser().send(SipAttacks.ownOptions());
      assertThat(leg.peer().nextReceived(WAIT)).isNotNull();
      refusedBeforeAsterisk(leg, SipAttacks.inviteWithMadeUpToTag("00900123456"), 403);
    }
  }

  @Test
  @DisplayName(
      "smuggling: two Content-Length headers hiding a REGISTER in the body never reach Asterisk")
  void hiddenRegister() throws Exception {
    long before = server.sipStats().get("repeated-header");
    try (Leg leg = alice()) {
      refusedBeforeAsterisk(
          leg, SipAttacks.registerHiddenBehindTwoContentLengths(SipAttacks.COLLEAGUE), 400);
    }
    assertThat(server.sipStats().get("repeated-header")).isEqualTo(before + 1);
  }

  @Test
  @DisplayName(
      "trace 11: Asterisk's Originate INVITE with 'Call-Info: ;answer-after=0' reaches the browser unchanged")
  void originateWithUnparsableCallInfo() throws Exception {
    long before = server.sipStats().get("upstream-unparsed-header");
    String invite = SipTraces.frame("11", 0);
    try (Leg leg = alice()) {
      leg.peer().send(invite);
      assertThat(leg.browser().next(WAIT)).isEqualTo(invite);
    }
    assertThat(server.sipStats().get("upstream-unparsed-header")).isEqualTo(before + 1);
  }

  @Test
  @DisplayName(
      "one active phone per agent: each new SIP socket of a user takes over, the older is closed with 4409")
  void socketCap() throws Exception {
    TestTenants.TestTenant tenant = TestTenants.create(server.database(), "sipcap");
    String token = api.tokenOf("alice", tenant.domain());
    List<SipWsClient> browsers = new ArrayList<>();
    List<Peer> peers = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        browsers.add(SipWsClient.connect(server.port(), ticket(token)));
        peers.add(asterisk.nextPeer(WAIT));
        if (i > 0) {
          Closed closed = browsers.get(i - 1).closed(WAIT);
          assertThat(closed).as("socket %d, taken over by %d", i - 1, i).isNotNull();
          assertThat(closed.code()).isEqualTo(SipCloseCodes.REPLACED);
          assertThat(peers.get(i - 1).closed()).as("its Asterisk socket").succeedsWithin(WAIT);
        }
      }
      assertThat(browsers.get(2).closed(Duration.ofMillis(300))).as("the newest stays").isNull();
      assertThat(server.sipStats().get("socket-cap")).isPositive();
    } finally {
      browsers.forEach(SipWsClient::close);
    }
  }
}
