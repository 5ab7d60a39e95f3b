package io.tandemcc.pbx.ami;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.pbx.ami.AmiScript.Expect;
import io.tandemcc.pbx.ami.AmiScript.Step;
import io.tandemcc.support.Api;
import io.tandemcc.support.PushClient;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Recording on demand and per queue, pushed from MixMonitor events, with the note (trace 14). */
@DisplayName(
    "Call control over AMI: recording on demand, always-record and notes, over real trace 14")
class RecordingOverAmiTest extends CallControlOverAmi {

  @Test
  @DisplayName(
      "14: recording start/stop are pushed from MixMonitor events, refused when meaningless, and tagged")
  void recordingAndNote() throws Exception {
    // the trace's client sent StopMixMonitor twice (the second refused); the server refuses a
    // second stop itself
    startWith(
        "14-mixmonitor",
        RecordingOverAmiTest::onlyFirstStopAwaited,
        "MixMonitor",
        "StopMixMonitor");
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);
      assertThat(api.send(delete("/api/calls/current/recording"), null, bearer(alice)).code())
          .isEqualTo("not-recording");
      Api.Response start = api.post("/api/calls/current/recording", "", bearer(alice));
      assertThat(start.status()).as(start.body()).isEqualTo(200);
      assertThat(peer.received("MixMonitor").get(0).get("Channel"))
          .isEqualTo("PJSIP/acme-1001-00000001");
      JsonObject on = browser.nextOfType("call.recording", SOON);
      assertThat(on.getBoolean("recording")).isTrue();
      assertThat(on.getString("callId")).isEqualTo("1795315616.0");
      assertThat(api.get("/api/calls/current", bearer(alice)).json().getBoolean("recording"))
          .isTrue();
      assertThat(api.post("/api/calls/current/recording", "", bearer(alice)).code())
          .isEqualTo("already-recording");

      Api.Response stop = api.send(delete("/api/calls/current/recording"), null, bearer(alice));
      assertThat(stop.status()).as(stop.body()).isEqualTo(200);
      assertThat(browser.nextOfType("call.recording", SOON).getBoolean("recording")).isFalse();

      Api.Response tagged =
          api.put(
              "/api/calls/1795315616.0/recording-note",
              "{\"note\":\"angry customer\"}",
              bearer(alice));
      assertThat(tagged.status()).as(tagged.body()).isEqualTo(200);
      assertThat(
              api.put("/api/calls/1795315616.0/recording-note", "{\"note\":\"mine\"}", bearer(bob))
                  .status())
          .as("bob was not on the call")
          .isEqualTo(404);
      assertThat(
              api.put(
                      "/api/calls/1795315616.0/recording-note",
                      "{\"note\":\"" + "x".repeat(1025) + "\"}",
                      bearer(alice))
                  .code())
          .isEqualTo("invalid-request");
      var other = TestTenants.create(server.database(), "note");
      String otherAlice = api.tokenOf("alice", other.domain());
      assertThat(
              api.put(
                      "/api/calls/1795315616.0/recording-note",
                      "{\"note\":\"x\"}",
                      bearer(otherAlice))
                  .status())
          .as("another tenant's alice")
          .isEqualTo(404);
      api.post("/api/session/logout", "", bearer(otherAlice));
    }
    assertThat(
            count(
                "select count(*) from call_recording g join call_record r"
                    + " on r.id = g.call_record_id where r.call_id = '1795315616.0' and g.note = 'angry customer'"
                    + " and g.stopped_at is not null and g.file_name = '"
                    + peer.received("MixMonitor").get(0).get("File")
                    + "'"))
        .as("the recording, under the file it was asked into, stopped and tagged")
        .isEqualTo(1L);
    await(() -> "WRAPUP".equals(status(alice)), "alice wraps up");
    assertThat(
            api.put(
                    "/api/calls/1795315616.0/recording-note",
                    "{\"note\":\"after the call\"}",
                    bearer(alice))
                .status())
        .as("tagging during wrap-up")
        .isEqualTo(200);
  }

  @Test
  @DisplayName(
      "14: a queue set to always-record gets MixMonitor on the answering agent's leg, linked to the call")
  void alwaysRecord() throws Exception {
    TestServer.get()
        .database()
        .dsl()
        .execute("update agent_group set always_record = true where queue_name = 'acme-support'");
    startWith("14-mixmonitor", s -> s, "MixMonitor");
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      long before =
          count(
              "select count(*) from call_recording g join call_record r"
                  + " on r.id = g.call_record_id where r.call_id = '1795315616.0'");
      // no REST action holds the trace here: the call may be over by the time we look, so only the
      // pushes count
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice)).status())
          .isEqualTo(200);
      JsonObject on = browser.nextOfType("call.recording", SOON);
      assertThat(on).as("recording pushed").isNotNull();
      assertThat(on.getBoolean("recording")).isTrue();
      AmiFrame sent = peer.received("MixMonitor").get(0);
      assertThat(sent.get("Channel")).isEqualTo("PJSIP/acme-1001-00000001");
      assertThat(sent.get("File")).matches("\\d+/1795315616\\.0-\\d+\\.wav");
      await(
          () ->
              count(
                      "select count(*) from call_recording g join call_record r"
                          + " on r.id = g.call_record_id where r.call_id = '1795315616.0' and g.file_name = '"
                          + sent.get("File")
                          + "'")
                  > before,
          "the recording is linked to the call record");
    }
  }

  static AmiScript onlyFirstStopAwaited(AmiScript script) {
    List<Step> out = new ArrayList<>();
    boolean seen = false;
    for (Step step : script.steps()) {
      if (step instanceof Expect e && "StopMixMonitor".equalsIgnoreCase(e.action())) {
        out.add(seen ? new Expect(e.request(), e.replies(), false) : step);
        seen = true;
      } else {
        out.add(step);
      }
    }
    return new AmiScript(out);
  }
}
