package io.tandemcc.pbx.ami;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.config.AppConfig;
import io.tandemcc.pbx.demo.DemoAmiPeer;
import io.tandemcc.pbx.demo.DemoPace;
import io.tandemcc.support.Api;
import io.tandemcc.support.Await;
import io.tandemcc.support.PushClient;
import io.tandemcc.support.TestServer;
import io.tandemcc.tenant.DemoData;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The demo call simulator (DEMO_CALLS, io.tandemcc.pbx.demo) drives a real server: the server's
 * real AMI link logs in to the simulator's AMI peer, the simulator plays the recorded queue call of
 * trace 04 to the Ready demo agent, and the agent's page and the supervisor's tiles show it as they
 * would a real call.
 */
@DisplayName("The demo call simulator drives a real server")
class DemoCallSimulatorTest {
  private static final Duration SOON = Duration.ofSeconds(15);
  private Vertx simulatorVertx;
  private Server server;
  private Api api;
  private String alice;

  @AfterEach
  void tearDown() throws Exception {
    TraceCalls.tearDown(server, null, api, alice);
    if (simulatorVertx != null) {
      simulatorVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private Server serverWith(Map<String, String> extra) throws Exception {
    Server shared = TestServer.get();
    TraceCalls.logOutDemoAgents(shared);
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "CC_MODE",
                "dev",
                "HTTP_PORT",
                "0",
                "DATA_DIR",
                Files.createTempDirectory("tandemcc-demo").toString(),
                "DATABASE_URL",
                shared.embeddedJdbcUrl().orElseThrow(),
                "DATABASE_USER",
                "postgres",
                "DEMO_DATA",
                "false"));
    env.putAll(extra);
    server = Server.start(AppConfig.fromEnvironment(env));
    api = new Api(server.port());
    Await.until(
        () -> api.get("/api/health").status() == 200, "PBX link up", Duration.ofSeconds(40));
    return server;
  }

  @Test
  @DisplayName(
      "a Ready demo agent is offered a simulated queue call with its attached data, talks, wraps up; sam's"
          + " queue tile shows the caller waiting and then answered")
  void simulatedCallReachesReadyAgentAndTiles() throws Exception {
    simulatorVertx = Vertx.vertx();
    DemoAmiPeer peer =
        DemoAmiPeer.deploy(
                simulatorVertx,
                DemoData.DOMAIN,
                new DemoPace(
                    Duration.ofMillis(300),
                    Duration.ofMillis(1500),
                    Duration.ofMillis(1000),
                    Duration.ofMillis(1000)))
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    serverWith(
        Map.of(
            "AMI_HOST",
            "127.0.0.1",
            "AMI_PORT",
            Integer.toString(peer.port()),
            "AMI_SECRET",
            "demo"));
    String sam = token("sam");
    try (PushClient tiles = PushClient.authenticated(server.port(), sam)) {
      assertThat(api.get("/api/supervisor/team", bearer(sam)).status())
          .isEqualTo(200); // the tiles' first read
      alice = token("alice");
      try (PushClient page = PushClient.authenticated(server.port(), alice)) {
        assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice)).status())
            .isEqualTo(200);

        JsonObject call = next(page, "call.offer", m -> true).getJsonObject("call");
        assertThat(call.getString("kind")).isEqualTo("QUEUE");
        assertThat(call.getJsonObject("queue").getString("name")).isEqualTo("acme-support");
        assertThat(call.getString("callerNumber")).isEqualTo("+14155550123");
        JsonArray data = call.getJsonArray("attachedData");
        JsonObject customer =
            data.stream()
                .map(JsonObject.class::cast)
                .filter(d -> "CustomerId".equals(d.getString("key")))
                .findFirst()
                .orElseThrow();
        assertThat(customer.getString("value")).startsWith("CRM-");
        assertThat(call.getJsonObject("popup").getString("url")).contains("customer=CRM-");

        next(
            page,
            "agent.state",
            m -> "WRAPUP".equals(m.getJsonObject("state").getString("status")));
      }
      JsonObject waiting =
          next(
              tiles,
              "team.queue",
              m ->
                  "acme-support".equals(queue(m).getString("queue"))
                      && queue(m).getInteger("waiting") == 1);
      JsonObject answered =
          next(
              tiles,
              "team.queue",
              m ->
                  "acme-support".equals(queue(m).getString("queue"))
                      && queue(m).getInteger("waiting") == 0
                      && m.getLong("version") > waiting.getLong("version"));
      assertThat(queue(answered).getInteger("waiting")).isZero();
    }
  }

  @Test
  @DisplayName(
      "dev without AMI_HOST or ASTERISK_WS_URL: the simulator stands in for the PBX, and the SIP ticket"
          + " says that no phone system is configured")
  void devWithoutPhoneSystem() throws Exception {
    serverWith(Map.of());
    alice = token("alice");
    Api.Response ticket = api.post("/api/sip/ticket", "", bearer(alice));
    assertThat(ticket.status()).isEqualTo(409);
    assertThat(ticket.json().getString("code")).isEqualTo("no-phone-system");
  }

  private String token(String user) {
    Api.Response login =
        api.post("/api/login", Api.login(user, DemoData.PASSWORD, DemoData.DOMAIN));
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    return login.json().getString("accessToken");
  }

  private static JsonObject queue(JsonObject m) {
    return m.getJsonObject("queue");
  }

  /** The first message of this type that matches: one already received, or the next one to come. */
  private static JsonObject next(PushClient page, String type, Predicate<JsonObject> match)
      throws Exception {
    for (JsonObject m : page.seen()) {
      if (type.equals(m.getString("type")) && match.test(m)) {
        return m;
      }
    }
    long deadline = System.nanoTime() + SOON.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject m =
          page.nextOfType(type, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (m != null && match.test(m)) {
        return m;
      }
    }
    throw new AssertionError("no matching " + type + "; seen " + page.seen());
  }
}
