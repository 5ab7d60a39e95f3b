package io.tandemcc.sip;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.FakeAsterisk;
import io.tandemcc.support.FakeAsterisk.Peer;
import io.tandemcc.support.SipTraces;
import io.tandemcc.support.SipWsClient;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * End to end through the real proxy: a scripted Asterisk challenges like the recorded one, but in
 * the realm of the generated auth objects, and checks the digest against the password derived from
 * the server's {@code SIP_UPSTREAM_SECRET} (computed here); the browser sees only the 200, with its
 * own CSeq and branch.
 */
@DisplayName("The SIP proxy authenticates the agent towards Asterisk with the upstream password")
class SipUpstreamAuthTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Duration BRIEFLY = Duration.ofMillis(300);
  private Server server;
  private Api api;
  private TestTenant tenant;
  private FakeAsterisk asterisk;

  @BeforeEach
  void setUp() throws Exception {
    server = TestServer.get();
    api = new Api(server.port());
    tenant = TestTenants.create(server.database(), "upauth");
    asterisk = FakeAsterisk.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    asterisk.close();
  }

  private String endpoint() {
    return tenant.domain() + "-1001";
  }

  private String frame(String trace, int index) {
    return SipTraces.frame(trace, index)
        .replace("acme-1001", endpoint())
        .replace("realm=\"asterisk\"", "realm=\"tandem\"");
  }

  private static String header(String message, String name) {
    return message
        .lines()
        .filter(l -> l.startsWith(name + ":"))
        .map(l -> l.substring(name.length() + 1).trim())
        .findFirst()
        .orElse(null);
  }

  private static String branch(String message) {
    Matcher m = Pattern.compile(";branch=([^;\\s]+)").matcher(header(message, "Via"));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  /**
   * Asserts {@code request}'s Authorization answers {@code challenge} with the derived password, as
   * Asterisk would.
   */
  private void assertAuthenticates(String request, String challenge, String method, String uri)
      throws Exception {
    Map<String, String> c =
        SipChallengesTest.digestParameters(header(challenge, "WWW-Authenticate"));
    Map<String, String> a = SipChallengesTest.digestParameters(header(request, "Authorization"));
    String password = SipChallengesTest.derivedPassword(TestServer.SIP_UPSTREAM_SECRET, endpoint());
    String ha1 = SipChallengesTest.hex("MD5", endpoint() + ":tandem:" + password);
    String ha2 = SipChallengesTest.hex("MD5", method + ":" + uri);
    assertThat(a)
        .containsEntry("username", endpoint())
        .containsEntry("realm", "tandem")
        .containsEntry("nonce", c.get("nonce"))
        .containsEntry("uri", uri)
        .containsEntry("qop", "auth");
    assertThat(a.get("response"))
        .isEqualTo(
            SipChallengesTest.hex(
                "MD5",
                ha1
                    + ":"
                    + c.get("nonce")
                    + ":"
                    + a.get("nc")
                    + ":"
                    + a.get("cnonce")
                    + ":auth:"
                    + ha2));
  }

  @Test
  @DisplayName(
      "a challenged REGISTER and INVITE: Asterisk gets the digest, the browser only the 200 with its CSeq")
  void registerAndInvite() throws Exception {
    String alice = api.tokenOf("alice", tenant.domain());
    assertThat(
            api.put(
                    "/api/agent/state",
                    "{\"status\":\"NOT_READY\",\"reasonCode\":\"break\"}",
                    bearer(alice))
                .status())
        .isEqualTo(200);
    String ticket = api.post("/api/sip/ticket", "", bearer(alice)).json().getString("ticket");
    try (SipWsClient browser = SipWsClient.connect(server.port(), ticket)) {
      Peer peer = asterisk.nextPeer(WAIT);
      assertThat(peer).isNotNull();

      String register = frame("01", 0);
      browser.send(register);
      assertThat(peer.nextReceived(WAIT)).isEqualTo(register);
      String challenge = frame("01", 1);
      peer.send(challenge);
      String resent = peer.nextReceived(WAIT);
      assertThat(resent).startsWith("REGISTER ");
      assertThat(header(resent, "CSeq")).isEqualTo("2 REGISTER");
      assertAuthenticates(resent, challenge, "REGISTER", "sip:127.0.0.1");
      peer.send(frame("01", 3).replace("z9hG4bK1883428", branch(resent)));
      String ok = browser.next(WAIT);
      assertThat(ok).startsWith("SIP/2.0 200 OK");
      assertThat(header(ok, "CSeq")).isEqualTo("1 REGISTER");
      assertThat(branch(ok)).isEqualTo(branch(register));

      String invite = frame("03", 0);
      browser.send(invite);
      assertThat(peer.nextReceived(WAIT)).isEqualTo(invite);
      String inviteChallenge = frame("03", 1);
      peer.send(inviteChallenge);
      String ack = peer.nextReceived(WAIT);
      assertThat(ack).startsWith("ACK sip:600@127.0.0.1 ");
      assertThat(header(ack, "CSeq")).isEqualTo("6161 ACK");
      assertThat(branch(ack)).isEqualTo(branch(invite));
      String invite2 = peer.nextReceived(WAIT);
      assertThat(header(invite2, "CSeq")).isEqualTo("6162 INVITE");
      assertAuthenticates(invite2, inviteChallenge, "INVITE", "sip:600@127.0.0.1");
      peer.send(frame("03", 5).replace("z9hG4bK3887762", branch(invite2)));
      String answered = browser.next(WAIT);
      assertThat(answered).startsWith("SIP/2.0 200 OK");
      assertThat(header(answered, "CSeq")).isEqualTo("6161 INVITE");
      assertThat(branch(answered)).isEqualTo(branch(invite));

      assertThat(browser.next(BRIEFLY)).as("no challenge reached the browser").isNull();
      assertThat(peer.nextReceived(BRIEFLY)).isNull();
    }
  }

  @Test
  @DisplayName(
      "a browser's own credentials for the proxy's realm are refused and never reach Asterisk")
  void browserCredentialsRefused() throws Exception {
    String alice = api.tokenOf("alice", tenant.domain());
    String ticket = api.post("/api/sip/ticket", "", bearer(alice)).json().getString("ticket");
    try (SipWsClient browser = SipWsClient.connect(server.port(), ticket)) {
      Peer peer = asterisk.nextPeer(WAIT);
      browser.send(frame("01", 2));
      assertThat(browser.next(WAIT)).startsWith("SIP/2.0 403 Authorization is the proxy's");
      assertThat(peer.nextReceived(BRIEFLY)).isNull();
    }
  }
}
