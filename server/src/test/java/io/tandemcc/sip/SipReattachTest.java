package io.tandemcc.sip;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.call.SipSocketClosed;
import io.tandemcc.support.Api;
import io.tandemcc.support.FakeAsterisk;
import io.tandemcc.support.FakeAsterisk.Peer;
import io.tandemcc.support.SipTraces;
import io.tandemcc.support.SipTraces.Direction;
import io.tandemcc.support.SipTraces.Frame;
import io.tandemcc.support.SipWsClient;
import io.tandemcc.support.TestServer;
import io.tandemcc.tenant.DemoData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reload survival at the proxy (docs/webphone.md): the reattach INVITE Asterisk sends for the
 * server's Originate reaches the browser with its headers, and a closed SIP socket is announced as
 * {@code sip.socket.closed}.
 */
@DisplayName("SIP proxy and reload survival: the reattach INVITE and sip.socket.closed")
class SipReattachTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
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

  /**
   * Trace 11's INVITE (Asterisk's answer to an Originate with PJSIP_HEADER) as the reattach
   * Originate makes it: the valid Call-Info and X-Tandem-Reattach added the same way (composed: no
   * real trace of it exists yet).
   */
  static String reattachInvite(String callId) {
    String invite = SipTraces.frame("11", 0);
    assertThat(invite).contains("Call-Info: ;answer-after=0\r\n");
    return invite.replace(
        "Call-Info: ;answer-after=0\r\n",
        "Call-Info: <sip:127.0.0.1>;answer-after=0\r\nX-Tandem-Reattach: " + callId + "\r\n");
  }

  @Test
  @DisplayName(
      "the reattach INVITE from Asterisk reaches the browser byte for byte, X-Tandem-Reattach included; "
          + "closing the page's socket publishes sip.socket.closed with the tenant, user and extension")
  void reattachInviteAndSocketClosed() throws Exception {
    Api.Response login =
        api.post("/api/login", Api.login("alice", DemoData.PASSWORD, DemoData.DOMAIN));
    String token = login.json().getString("accessToken");
    long userId =
        ((Number)
                server
                    .database()
                    .dsl()
                    .fetchValue(
                        "select u.id from app_user u join tenant t"
                            + " on t.id = u.tenant_id where t.domain = 'acme' and u.username = 'alice'"))
            .longValue();
    long tenantId =
        ((Number) server.database().dsl().fetchValue("select id from tenant where domain = 'acme'"))
            .longValue();
    String ticket = api.post("/api/sip/ticket", "", bearer(token)).json().getString("ticket");
    String invite = reattachInvite("1795315478.0");
    asterisk.onConnect(peer -> peer.replay(List.of(new Frame(Direction.TO_BROWSER, invite))));
    CompletableFuture<SipSocketClosed> closed = new CompletableFuture<>();
    var consumer =
        server
            .vertx()
            .eventBus()
            .<SipSocketClosed>consumer(
                SipSocketClosed.ADDRESS,
                m -> {
                  if (m.body().userId() == userId) {
                    closed.complete(m.body());
                  }
                });
    consumer.completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    try {
      try (SipWsClient browser = SipWsClient.connect(server.port(), ticket)) {
        Peer peer = asterisk.nextPeer(WAIT);
        assertThat(peer).isNotNull();
        String received = browser.next(WAIT);
        assertThat(received).isEqualTo(invite);
        assertThat(received).contains("\r\nX-Tandem-Reattach: 1795315478.0\r\n");
      }
      SipSocketClosed event = closed.get(5, TimeUnit.SECONDS);
      assertThat(event.tenantId()).isEqualTo(tenantId);
      assertThat(event.extension()).isEqualTo("1001");
      assertThat(event.reason()).isNotBlank();
    } finally {
      consumer.unregister();
      api.post("/api/session/logout", "", bearer(token));
    }
  }
}
