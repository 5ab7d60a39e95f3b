package io.tandemcc.sip;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.FakeAsterisk;
import io.tandemcc.support.FakeAsterisk.Peer;
import io.tandemcc.support.SipTraces;
import io.tandemcc.support.SipWsClient;
import io.tandemcc.support.SipWsClient.Closed;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The SIP-over-WebSocket proxy")
class SipProxyTest {
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
    tenant = TestTenants.create(server.database(), "sip");
    asterisk = FakeAsterisk.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    asterisk.close();
  }

  private String endpoint(String extension) {
    return tenant.domain() + "-" + extension;
  }

  /** A trace frame recorded for acme-1001, said by {@code extension} of the test tenant instead. */
  private String as(String extension, String trace, int index) {
    return SipTraces.frame(trace, index).replace("acme-1001", endpoint(extension));
  }

  private String ticket(String token) {
    Response r = api.post("/api/sip/ticket", "", bearer(token));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getString("ticket");
  }

  private void setState(String token, String body) {
    assertThat(api.put("/api/agent/state", body, bearer(token)).status()).isEqualTo(200);
  }

  private static final String READY = "{\"status\":\"READY\"}";
  private static final String NOT_READY = "{\"status\":\"NOT_READY\",\"reasonCode\":\"break\"}";

  /** A connected browser and the upstream WebSocket the proxy opened for it. */
  private record Leg(SipWsClient browser, Peer peer) implements AutoCloseable {
    @Override
    public void close() {
      browser.close();
    }
  }

  private Leg connect(String token) throws Exception {
    SipWsClient browser = SipWsClient.connect(server.port(), ticket(token));
    Peer peer = asterisk.nextPeer(WAIT);
    assertThat(peer).as("upstream connection").isNotNull();
    return new Leg(browser, peer);
  }

  private static String status(String response) {
    return response == null ? null : response.lines().findFirst().orElse("");
  }

  @Nested
  @DisplayName("ticket")
  class Tickets {
    @Test
    @DisplayName(
        "needs a signed-in user with a phone: 401 without a token, 403 for an admin without one")
    void onlyUsersWithAPhone() {
      assertThat(api.post("/api/sip/ticket", "").status()).isEqualTo(401);
      Response admin =
          api.post("/api/sip/ticket", "", bearer(api.tokenOf("admin", tenant.domain())));
      assertThat(admin.status()).isEqualTo(403);
      assertThat(admin.contentType()).startsWith("application/problem+json");
    }

    @Test
    @DisplayName(
        "gives a supervisor the SIP identity of its own phone, for monitoring from the browser")
    void supervisorsOwnPhone() {
      Response sam = api.post("/api/sip/ticket", "", bearer(api.tokenOf("sam", tenant.domain())));
      assertThat(sam.status()).as(sam.body()).isEqualTo(200);
      assertThat(sam.json().getString("authorizationUser"))
          .isEqualTo(tenant.domain() + "-" + TestTenants.SAM_PHONE);
      assertThat(sam.json().getString("sipUri")).startsWith("sip:" + tenant.domain() + "-1901@");
    }

    @Test
    @DisplayName(
        "gives the agent its SIP identity, a 30 s ticket and ICE servers with coturn REST credentials")
    void shape() {
      Instant before = Instant.now();
      Response r = api.post("/api/sip/ticket", "", bearer(api.tokenOf("alice", tenant.domain())));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.raw().headers().firstValue("Cache-Control")).hasValue("no-store");
      JsonObject json = r.json();
      assertThat(json.getString("ticket")).hasSizeGreaterThanOrEqualTo(40);
      assertThat(Instant.parse(json.getString("expiresAt")))
          .isBetween(before.plusSeconds(29), Instant.now().plusSeconds(31));
      assertThat(json.getString("wsPath")).isEqualTo("/api/sip");
      assertThat(json.getString("sipUri")).isEqualTo("sip:" + endpoint("1001") + "@127.0.0.1");
      assertThat(json.getString("authorizationUser")).isEqualTo(endpoint("1001"));
      assertThat(json.getString("displayName")).isEqualTo("Alice Test");
      JsonArray ice = json.getJsonArray("iceServers");
      assertThat(ice.getJsonObject(0).getJsonArray("urls")).containsExactly(TestServer.STUN_URL);
      JsonObject turn = ice.getJsonObject(1);
      assertThat(turn.getJsonArray("urls")).containsExactly(TestServer.TURN_URL);
      String username = turn.getString("username");
      assertThat(username).endsWith(":" + endpoint("1001"));
      long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
      assertThat(expiry).isGreaterThan(Instant.now().plusSeconds(3600).getEpochSecond());
      assertThat(turn.getString("credential"))
          .isEqualTo(IceServers.turnCredential(TestServer.TURN_SECRET, username));
      assertThat(r.body()).doesNotContain(TestServer.TURN_SECRET);
    }

    @Test
    @DisplayName("the WebSocket refuses a missing, unknown, used or expired ticket with 401")
    void refusedTickets() throws Exception {
      String token = api.tokenOf("alice", tenant.domain());
      assertThat(SipWsClient.upgradeStatus(server.port(), null, "sip")).isEqualTo(401);
      assertThat(SipWsClient.upgradeStatus(server.port(), "not-a-ticket", "sip")).isEqualTo(401);

      String used = ticket(token);
      assertThat(SipWsClient.upgradeStatus(server.port(), used, "sip")).isEqualTo(101);
      assertThat(SipWsClient.upgradeStatus(server.port(), used, "sip")).isEqualTo(401);

      SipIdentity alice = server.sipTickets().redeem(ticket(token)).orElseThrow();
      String expired = server.sipTickets().issue(alice, Instant.now().minusSeconds(31)).value();
      assertThat(SipWsClient.upgradeStatus(server.port(), expired, "sip")).isEqualTo(401);
    }

    @Test
    @DisplayName("a ticket dies with its login session")
    void ticketOfEndedSession() throws Exception {
      String token = api.tokenOf("alice", tenant.domain());
      String ticket = ticket(token);
      assertThat(api.post("/api/session/logout", "", bearer(token)).status()).isEqualTo(204);
      assertThat(SipWsClient.upgradeStatus(server.port(), ticket, "sip")).isEqualTo(401);
    }

    @Test
    @DisplayName("the WebSocket must be opened with subprotocol 'sip'")
    void subprotocol() throws Exception {
      String token = api.tokenOf("alice", tenant.domain());
      assertThat(SipWsClient.upgradeStatus(server.port(), ticket(token), null)).isEqualTo(400);
    }
  }

  @Nested
  @DisplayName("identity")
  class Identity {
    @Test
    @DisplayName(
        "registering as another tenant's or a colleague's endpoint gets 403 and Asterisk sees nothing")
    void crossTenant() throws Exception {
      TestTenant other = TestTenants.create(server.database(), "sipother");
      try (Leg leg = connect(api.tokenOf("alice", tenant.domain()))) {
        String[] impostors = {
          SipTraces.frame("01", 0).replace("acme-1001", other.domain() + "-1001"),
          SipTraces.frame("01", 0),
          as("1002", "01", 0)
        };
        for (String register : impostors) {
          leg.browser().send(register);
          assertThat(status(leg.browser().next(WAIT))).startsWith("SIP/2.0 403");
        }
        String own = as("1001", "01", 0);
        leg.browser().send(own);
        assertThat(leg.peer().nextReceived(WAIT))
            .as("the first frame Asterisk gets")
            .isEqualTo(own);
        assertThat(leg.peer().nextReceived(BRIEFLY)).isNull();
      }
    }

    @Test
    @DisplayName("a CRLF CRLF ping from the browser is answered by the proxy and not forwarded")
    void ping() throws Exception {
      try (Leg leg = connect(api.tokenOf("alice", tenant.domain()))) {
        leg.browser().send("\r\n\r\n");
        assertThat(leg.browser().next(WAIT)).isEqualTo("\r\n");
        assertThat(leg.peer().nextReceived(BRIEFLY)).isNull();
      }
    }
  }

  @Nested
  @DisplayName("connection life")
  class Life {
    @Test
    @DisplayName(
        "losing Asterisk closes the browser's socket with 4502, so the webphone reconnects")
    void upstreamDrop() throws Exception {
      try (Leg leg = connect(api.tokenOf("alice", tenant.domain()))) {
        leg.peer().close();
        Closed closed = leg.browser().closed(WAIT);
        assertThat(closed).isNotNull();
        assertThat(closed.code()).isEqualTo(SipCloseCodes.UPSTREAM_LOST);
        assertThat(closed.reason()).contains("SIP server");
      }
    }

    @Test
    @DisplayName("when Asterisk cannot be reached the browser's socket is closed with 4503")
    void upstreamUnavailable() throws Exception {
      String token = api.tokenOf("alice", tenant.domain());
      asterisk.close();
      try (SipWsClient browser = SipWsClient.connect(server.port(), ticket(token))) {
        Closed closed = browser.closed(WAIT);
        assertThat(closed).isNotNull();
        assertThat(closed.code()).isEqualTo(SipCloseCodes.UPSTREAM_UNAVAILABLE);
      } finally {
        asterisk = FakeAsterisk.start();
      }
    }

    @Test
    @DisplayName("the browser closing closes the upstream WebSocket too")
    void browserCloses() throws Exception {
      Leg leg = connect(api.tokenOf("alice", tenant.domain()));
      leg.close();
      assertThat(leg.peer().closed()).succeedsWithin(WAIT);
    }

    @Test
    @DisplayName("logout closes the agent's SIP socket with 4001, and its upstream")
    void logout() throws Exception {
      String token = api.tokenOf("alice", tenant.domain());
      try (Leg leg = connect(token)) {
        assertThat(api.post("/api/session/logout", "", bearer(token)).status()).isEqualTo(204);
        Closed closed = leg.browser().closed(WAIT);
        assertThat(closed).isNotNull();
        assertThat(closed.code()).isEqualTo(SipCloseCodes.SESSION_ENDED);
        assertThat(leg.peer().closed()).succeedsWithin(WAIT);
      }
    }

    @Test
    @DisplayName("another user's logout leaves the socket open")
    void otherLogout() throws Exception {
      String bob = api.tokenOf("bob", tenant.domain());
      try (Leg leg = connect(api.tokenOf("alice", tenant.domain()))) {
        assertThat(api.post("/api/session/logout", "", bearer(bob)).status()).isEqualTo(204);
        assertThat(leg.browser().closed(Duration.ofMillis(500))).isNull();
      }
    }

    @Test
    @DisplayName("a frame over 64 KiB closes the socket; nothing reaches Asterisk")
    void oversized() throws Exception {
      try (Leg leg = connect(api.tokenOf("alice", tenant.domain()))) {
        leg.browser().send(as("1001", "01", 0) + "x".repeat(70 * 1024));
        Closed closed = leg.browser().closed(WAIT);
        assertThat(closed).isNotNull();
        assertThat(closed.code()).isIn(1009, -1);
        assertThat(leg.peer().nextReceived(BRIEFLY)).isNull();
      }
    }

    @Test
    @DisplayName(
        "a flood is throttled: requests over 50/s get 503 with Retry-After and never reach Asterisk")
    void flood() throws Exception {
      try (Leg leg = connect(api.tokenOf("alice", tenant.domain()))) {
        String options =
            as("1001", "01", 0)
                .replace("REGISTER sip:", "OPTIONS sip:")
                .replace("CSeq: 1 REGISTER", "CSeq: 1 OPTIONS");
        long start = System.nanoTime();
        int sent = 400;
        for (int i = 0; i < sent; i++) {
          leg.browser().send(options);
        }
        int refused = 0;
        for (String r = leg.browser().next(WAIT); r != null; r = leg.browser().next(BRIEFLY)) {
          assertThat(r).startsWith("SIP/2.0 503 Too many messages").contains("Retry-After: ");
          refused++;
        }
        int forwarded = 0;
        while (leg.peer().nextReceived(BRIEFLY) != null) {
          forwarded++;
        }
        // the bucket holds at most BURST tokens at any time, and gains RATE_PER_SECOND per second
        double seconds = (System.nanoTime() - start) / 1e9;
        // 503s the browser does not read fast enough are shed, so some frames get no answer at all
        assertThat(refused + forwarded).isLessThanOrEqualTo(sent);
        assertThat(forwarded)
            .isLessThanOrEqualTo(
                (int) (SipConnection.BURST + SipConnection.RATE_PER_SECOND * seconds));
        assertThat(refused).isPositive();
        assertThat(leg.browser().closed(BRIEFLY)).as("a flood is throttled, not cut off").isNull();
      }
    }
  }

  @Nested
  @DisplayName("call policy")
  class CallPolicy {
    @Test
    @DisplayName("an outbound call is refused while Ready and allowed while Not Ready")
    void outbound() throws Exception {
      String alice = api.tokenOf("alice", tenant.domain());
      try (Leg leg = connect(alice)) {
        String invite = as("1001", "03", 0);
        setState(alice, READY);
        leg.browser().send(invite);
        String refusal = leg.browser().next(WAIT);
        assertThat(status(refusal)).isEqualTo("SIP/2.0 403 Outbound calls need Not Ready");
        assertThat(leg.peer().nextReceived(BRIEFLY)).isNull();

        setState(alice, NOT_READY);
        leg.browser().send(invite);
        assertThat(leg.peer().nextReceived(WAIT)).isEqualTo(invite);
        assertThat(leg.browser().next(BRIEFLY)).isNull();
      }
    }

    @Test
    @DisplayName(
        "an INVITE to a premium or international number is refused by the tenant's rules, even Not Ready")
    void outboundRules() throws Exception {
      String alice = api.tokenOf("alice", tenant.domain());
      try (Leg leg = connect(alice)) {
        setState(alice, NOT_READY);
        for (String number : new String[] {"00900123456", "900900123456", "+441234567"}) {
          leg.browser().send(as("1001", "03", 0).replace("sip:600@", "sip:" + number + "@"));
          String refusal = status(leg.browser().next(WAIT));
          assertThat(refusal)
              .startsWith("SIP/2.0 403 ")
              .contains(number.contains("900") ? "Premium" : "International");
        }
        assertThat(leg.peer().nextReceived(BRIEFLY)).as("nothing reaches Asterisk").isNull();
      }
    }

    @Test
    @DisplayName(
        "the agent's cap (1 outside call): a second INVITE to a number while the first holds the line is "
            + "403, audited with the number masked; the first one reached Asterisk")
    void outboundCap() throws Exception {
      String alice = api.tokenOf("alice", tenant.domain());
      try (Leg leg = connect(alice)) {
        setState(alice, NOT_READY);
        String first = as("1001", "03", 0).replace("sip:600@", "sip:90155501234@");
        leg.browser().send(first);
        assertThat(leg.peer().nextReceived(WAIT)).isEqualTo(first);
        String second =
            as("1001", "03", 0)
                .replace("sip:600@", "sip:90155501235@")
                .replace("kq6j3q85i1qmr1njmufu", "second-call-of-alice");
        leg.browser().send(second);
        assertThat(status(leg.browser().next(WAIT)))
            .isEqualTo("SIP/2.0 403 You already have 1 outside call, your " + "maximum.");
        assertThat(leg.peer().nextReceived(BRIEFLY))
            .as("the second INVITE does not reach Asterisk")
            .isNull();
        var audit =
            server
                .database()
                .dsl()
                .fetchOne(
                    "select * from audit_log where tenant_id = ? and action = "
                        + "'outbound-refused' order by id desc limit 1",
                    tenant.id());
        assertThat(audit).isNotNull();
        assertThat(audit.get("actor_user_id", Long.class)).isEqualTo(tenant.aliceUser());
        assertThat(audit.get("target_agent_id", Long.class)).isEqualTo(tenant.aliceAgent());
        assertThat(audit.get("detail", String.class)).isEqualTo("webphone: agent cap +11555xxxxx");
      }
    }

    @Test
    @DisplayName("a refused INVITE is audited: rule and masked number, never the whole number")
    void refusalAudited() throws Exception {
      String alice = api.tokenOf("alice", tenant.domain());
      try (Leg leg = connect(alice)) {
        setState(alice, NOT_READY);
        leg.browser().send(as("1001", "03", 0).replace("sip:600@", "sip:900900123456@"));
        assertThat(status(leg.browser().next(WAIT))).startsWith("SIP/2.0 403 Premium");
        var audit =
            server
                .database()
                .dsl()
                .fetchOne(
                    "select * from audit_log where tenant_id = ? and action = "
                        + "'outbound-refused' order by id desc limit 1",
                    tenant.id());
        assertThat(audit).isNotNull();
        assertThat(audit.get("detail", String.class)).isEqualTo("webphone: premium +90012xxxx");
        assertThat(audit.get("outcome", String.class)).isEqualTo("refused:outbound-refused");
      }
    }

    @Test
    @DisplayName("a call to a colleague's extension goes through only while the colleague is Ready")
    void colleague() throws Exception {
      String alice = api.tokenOf("alice", tenant.domain());
      try (Leg leg = connect(alice)) {
        String invite = as("1001", "03", 0).replace("sip:600@", "sip:1002@");
        leg.browser().send(invite);
        assertThat(status(leg.browser().next(WAIT)))
            .isEqualTo("SIP/2.0 480 Extension 1002 is not Ready");

        String bob = api.tokenOf("bob", tenant.domain());
        leg.browser().send(invite);
        assertThat(status(leg.browser().next(WAIT)))
            .isEqualTo("SIP/2.0 480 Extension 1002 is not Ready");
        assertThat(leg.peer().nextReceived(BRIEFLY)).isNull();

        setState(bob, READY);
        leg.browser().send(invite);
        assertThat(leg.peer().nextReceived(WAIT)).isEqualTo(invite);
      }
    }

    @Test
    @DisplayName(
        "an extension of another tenant is just a number: it never reaches that tenant's agent")
    void extensionOfAnotherTenantIsANumber() throws Exception {
      String alice = api.tokenOf("alice", tenant.domain());
      TestTenant other = TestTenants.create(server.database(), "sipother");
      setState(api.tokenOf("carol", other.domain()), READY);
      try (Leg leg = connect(alice)) {
        setState(alice, READY);
        // 1003 is carol of this tenant, logged out: refused as a colleague, not as the other
        // tenant's Ready carol
        leg.browser().send(as("1001", "03", 0).replace("sip:600@", "sip:1003@"));
        assertThat(status(leg.browser().next(WAIT)))
            .isEqualTo("SIP/2.0 480 Extension 1003 is not Ready");
      }
    }
  }
}
