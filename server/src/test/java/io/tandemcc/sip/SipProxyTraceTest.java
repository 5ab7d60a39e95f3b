package io.tandemcc.sip;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.FakeAsterisk;
import io.tandemcc.support.FakeAsterisk.Peer;
import io.tandemcc.support.SipTraces;
import io.tandemcc.support.SipTraces.Frame;
import io.tandemcc.support.SipWsClient;
import io.tandemcc.support.TestServer;
import io.tandemcc.tenant.DemoData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The traces were recorded for agent {@code acme-1001}, so these tests sign in as alice (extension
 * 1001) of the demo tenant {@code acme}: then not a byte needs to change, and none may. The fake
 * Asterisk sends the trace's {@code <<<} frames and requires exactly its {@code >>>} frames; the
 * browser side does the opposite.
 */
@DisplayName("The SIP proxy carries the recorded JsSIP ↔ Asterisk exchanges byte for byte")
class SipProxyTraceTest {
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

  /** Alice of acme, Not Ready (the outgoing call of trace 03 needs it), with a fresh ticket. */
  private String aliceTicket() {
    Api.Response login =
        api.post("/api/login", Api.login("alice", DemoData.PASSWORD, DemoData.DOMAIN));
    assertThat(login.status()).isEqualTo(200);
    String token = login.json().getString("accessToken");
    assertThat(
            api.put(
                    "/api/agent/state",
                    "{\"status\":\"NOT_READY\",\"reasonCode\":\"break\"}",
                    bearer(token))
                .status())
        .isEqualTo(200);
    Api.Response ticket = api.post("/api/sip/ticket", "", bearer(token));
    assertThat(ticket.status()).isEqualTo(200);
    assertThat(ticket.json().getString("sipUri")).isEqualTo("sip:acme-1001@127.0.0.1");
    return ticket.json().getString("ticket");
  }

  @ParameterizedTest(name = "trace {0}")
  @ValueSource(strings = {"01", "02", "03", "04", "04+05", "04+06", "07", "08", "09", "10"})
  @DisplayName("every frame reaches the other side unchanged, in order, and nothing else does")
  void replays(String traces) throws Exception {
    List<Frame> frames = new ArrayList<>();
    Arrays.stream(traces.split("\\+")).forEach(t -> frames.addAll(SipTraces.load(t)));
    asterisk.onConnect(peer -> peer.replay(frames));

    try (SipWsClient browser = SipWsClient.connect(server.port(), aliceTicket())) {
      assertThat(browser.subprotocol()).isEqualTo("sip");
      Peer peer = asterisk.nextPeer(WAIT);
      assertThat(peer).as("the proxy opened a WebSocket to Asterisk").isNotNull();
      assertThat(peer.subProtocol()).isEqualTo("sip");
      int index = 0;
      for (Frame frame : frames) {
        if (frame.toAsterisk()) {
          browser.send(frame.text());
        } else {
          assertThat(browser.next(WAIT))
              .as("frame %d of %s to the browser", index, traces)
              .isEqualTo(frame.text());
        }
        index++;
      }
      peer.replayed().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(browser.next(Duration.ofMillis(300)))
          .as("nothing more reaches the browser")
          .isNull();
      assertThat(peer.receivedCount()).isEqualTo(frames.stream().filter(Frame::toAsterisk).count());
    }
  }
}
