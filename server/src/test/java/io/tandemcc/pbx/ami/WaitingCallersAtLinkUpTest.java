package io.tandemcc.pbx.ami;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.pbx.ami.AmiScript.Banner;
import io.tandemcc.pbx.ami.AmiScript.End;
import io.tandemcc.pbx.ami.AmiScript.Expect;
import io.tandemcc.pbx.ami.AmiScript.Send;
import io.tandemcc.pbx.ami.AmiScript.Step;
import io.tandemcc.support.Api;
import io.tandemcc.support.Await;
import io.tandemcc.support.TestServer;
import io.tandemcc.tenant.DemoData;
import io.tandemcc.testkit.AmiTrace;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Callers already waiting when the server's link comes up sent no QueueCallerJoin the server saw;
 * QueueStatus lists them as QueueEntry items (trace 17: two callers in acme-support, waiting 1 s
 * and 0 s). The supervisor's queue tile must count them.
 */
@DisplayName("Callers waiting before the link came up")
class WaitingCallersAtLinkUpTest {
  private ScriptedAmiPeer peer;
  private Server server;
  private Api api;

  @AfterEach
  void tearDown() throws Exception {
    TraceCalls.tearDown(server, peer, api);
  }

  /**
   * Trace 17's QueueStatus answer as recorded, without its QueueMember items (the server's queue
   * resynchronisation would check the traced members out again: not what this test is about).
   */
  private static List<AmiFrame> queueStatusReply() {
    List<AmiFrame> reply = new ArrayList<>();
    boolean inReply = false;
    for (AmiTrace.Frame f : AmiTrace.read("17-queue-call-two-agents-rrmemory").frames()) {
      if (!f.fromAsterisk()) {
        inReply = "QueueStatus".equals(f.action());
        continue;
      }
      if (inReply && !"QueueMember".equals(f.event())) {
        reply.add(new AmiFrame(f.lines()));
      }
      if (inReply && "QueueStatusComplete".equals(f.event())) {
        break;
      }
    }
    assertThat(reply).extracting(AmiFrame::event).containsSequence("QueueEntry", "QueueEntry");
    return reply;
  }

  @Test
  @DisplayName(
      "17: QueueStatus's QueueEntry items at link-up show as waiting callers on sam's acme-support tile")
  void listedCallersCountAsWaiting() throws Exception {
    List<AmiFrame> reply = queueStatusReply();
    List<Step> steps = new ArrayList<>();
    steps.add(new Banner(AmiFrame.of("Asterisk Call Manager/11.0.0")));
    steps.add(
        new Expect(
            AmiFrame.of("Action: Login"),
            List.of(
                AmiFrame.of(
                    "Response: Success", "ActionID: 1", "Message: Authentication accepted")),
            true));
    steps.add(
        new Send(
            AmiFrame.of(
                "Event: FullyBooted",
                "Privilege: system,all",
                "Uptime: 4",
                "LastReload: 4",
                "Status: Fully Booted")));
    // asked twice at link-up: by the queue membership's resync and by the team view
    steps.add(new Expect(AmiFrame.of("Action: QueueStatus"), reply, false));
    steps.add(new Expect(AmiFrame.of("Action: QueueStatus"), reply, false));
    steps.add(new End());
    Server shared = TestServer.get();
    TraceCalls.logOutDemoAgents(shared);
    peer = ScriptedAmiPeer.start(new AmiScript(steps));
    Instant start = Instant.now();
    server = TraceCalls.serverOn(shared, peer);
    api = new Api(server.port());
    Await.until(
        () -> api.get("/api/health").status() == 200, "PBX link up", Duration.ofSeconds(40));

    Api.Response login =
        api.post("/api/login", Api.login("sam", DemoData.PASSWORD, DemoData.DOMAIN));
    String sam = login.json().getString("accessToken");
    JsonObject[] tile = new JsonObject[1];
    Await.until(
        () -> {
          tile[0] =
              api.get("/api/supervisor/team", bearer(sam)).json().getJsonArray("queues").stream()
                  .map(JsonObject.class::cast)
                  .filter(q -> "acme-support".equals(q.getString("queue")))
                  .findFirst()
                  .orElseThrow();
          return tile[0].getInteger("waiting") == 2;
        },
        "two callers waiting on the tile",
        Duration.ofSeconds(10));
    // the longest wait began when the first caller joined (it had waited 1 s when listed), not when
    // it was listed
    Instant since = Instant.parse(tile[0].getString("longestWaitSince"));
    assertThat(since).isBefore(Instant.now().minusMillis(900)).isAfter(start.minusSeconds(5));
  }
}
