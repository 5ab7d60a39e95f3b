package io.tandemcc.pbx.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.config.AppConfig;
import io.tandemcc.pbx.provisioning.PbxConfig;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.Await;
import io.tandemcc.support.TestServer;
import io.tandemcc.tenant.DemoData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * /api/admin changes reach Asterisk without a restart: a server of its own (database with the demo
 * tenant, a temporary PBX_CONFIG_DIR, a scripted Asterisk answering the reloads), changed over the
 * REST API only.
 */
@DisplayName(
    "An admin's change over /api/admin is rendered into Asterisk's generated files and reloaded")
class AdminProvisioningTest {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private String databaseName;
  private ScriptedAmiPeer peer;
  private Server server;
  private Path configDir;

  private void start(AmiScript script) throws Exception {
    Server shared = TestServer.get();
    databaseName = "adminprov_" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet();
    shared.database().dsl().execute("create database " + databaseName);
    String url =
        shared
            .embeddedJdbcUrl()
            .orElseThrow()
            .replaceFirst("/postgres\\?", "/" + databaseName + "?");
    peer = ScriptedAmiPeer.acceptingAfterScript(script);
    Path work = Files.createTempDirectory("tandemcc-adminprov");
    configDir = work.resolve("tandem");
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "CC_MODE",
                "dev",
                "HTTP_PORT",
                "0",
                "DATA_DIR",
                work.resolve("data").toString(),
                "DATABASE_URL",
                url,
                "DATABASE_USER",
                "postgres",
                "DEMO_DATA",
                "true",
                "AMI_HOST",
                "127.0.0.1",
                "AMI_PORT",
                Integer.toString(peer.port()),
                "AMI_SECRET",
                "test-secret",
                "PBX_CONFIG_DIR",
                configDir.toString()));
    env.put("SIP_UPSTREAM_SECRET", TestServer.SIP_UPSTREAM_SECRET);
    server = Server.start(AppConfig.fromEnvironment(env));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (peer != null) {
      peer.close();
    }
    TestServer.get().database().dsl().execute("drop database if exists " + databaseName);
  }

  @Test
  @DisplayName(
      "a created agent's endpoint is in pjsip, its group's queue lists it, and the reloads reach Asterisk")
  void createdAgentIsProvisioned() throws Exception {
    start(Scripts.loggedIn());
    Await.until(() -> commands().size() >= 3, "the start-up reloads", Duration.ofSeconds(20));
    Thread.sleep(300); // the start-up and link-up runs are over
    int before = commands().size();
    Api api = new Api(server.port());
    String admin =
        api.post("/api/login", Api.login("admin", DemoData.PASSWORD, DemoData.DOMAIN))
            .json()
            .getString("accessToken");
    Response group =
        api.post(
            "/api/admin/groups",
            new JsonObject()
                .put("name", "Billing Desk")
                .put("strategy", "ringall")
                .put("ringTimeoutSeconds", 25)
                .encode(),
            Api.bearer(admin));
    assertThat(group.status()).as(group.body()).isEqualTo(201);
    assertThat(group.json().getString("queueName")).isEqualTo("acme-billing-desk");
    Response r =
        api.post(
            "/api/admin/users",
            new JsonObject()
                .put("username", "newbie")
                .put("displayName", "Nina Newbie")
                .put("role", "agent")
                .put("password", "long-enough-pw")
                .put(
                    "agent",
                    new JsonObject()
                        .put("number", "1777")
                        .put("extension", "1777")
                        .put("staticMember", true)
                        .put(
                            "groups",
                            new JsonArray()
                                .add(new JsonObject().put("id", group.json().getLong("id")))))
                .encode(),
            Api.bearer(admin));
    assertThat(r.status()).as(r.body()).isEqualTo(201);

    Path pjsip = configDir.resolve(PbxConfig.PJSIP_FILE);
    Await.until(
        () -> Files.readString(pjsip).contains("[acme-1777]"),
        "the new endpoint",
        Duration.ofSeconds(5));
    assertThat(Files.readString(pjsip)).contains("callerid=\"Nina Newbie\" <1777>");
    Await.until(
        () ->
            Files.readString(configDir.resolve(PbxConfig.QUEUES_FILE))
                .contains("[acme-billing-desk]"),
        "the new queue",
        Duration.ofSeconds(5));
    assertThat(Files.readString(configDir.resolve(PbxConfig.QUEUES_FILE)))
        .contains(
            "[acme-billing-desk](tandem-queue)\nstrategy=ringall\ntimeout=25\nmember => PJSIP/acme-1777,0,");
    Await.until(
        () -> commands().subList(before, commands().size()).contains(PbxConfig.RELOAD_PJSIP),
        "a pjsip reload after the change",
        Duration.ofSeconds(5));
    assertThat(commands().subList(before, commands().size())).contains(PbxConfig.RELOAD_QUEUES);
  }

  @Test
  @DisplayName(
      "an agent removed from its group leaves the group's queue in Asterisk once the PBX has the change")
  void removedMemberLeavesTheQueue() throws Exception {
    bobLeavesSupportAfter("{\"agent\":{\"groups\":[]}}");
  }

  @Test
  @DisplayName("an agent made outbound-only (working way) stays in its group but leaves its queues")
  void outboundOnlyAgentLeavesTheQueue() throws Exception {
    bobLeavesSupportAfter("{\"agent\":{\"workingWay\":\"outbound\"}}");
  }

  /**
   * At link-up nobody is a member (asked twice: by the queue membership and by the team view, for
   * waiting callers); the admin PATCHes bob with {@code change}; Asterisk still lists bob in
   * acme-support, and the comparison after the change must remove him from it.
   */
  private void bobLeavesSupportAfter(String change) throws Exception {
    AmiFrame ok =
        Scripts.frame(
            "Response: Success",
            "ActionID: x",
            "EventList: start",
            "Message: Queue status will follow");
    AmiFrame done =
        Scripts.frame("Event: QueueStatusComplete", "ActionID: x", "EventList: Complete");
    start(
        Scripts.loggedIn(
            Scripts.answer("QueueStatus", ok, done),
            Scripts.answer("QueueStatus", ok, done),
            Scripts.answer(
                "QueueStatus",
                ok,
                Scripts.frame(
                    "Event: QueueMember",
                    "Queue: acme-support",
                    "Name: Bob Agent",
                    "Location: PJSIP/acme-1002",
                    "StateInterface: PJSIP/acme-1002",
                    "Membership: dynamic",
                    "Penalty: 0",
                    "CallsTaken: 0",
                    "LastCall: 0",
                    "LastPause: 0",
                    "LoginTime: 1795315658",
                    "InCall: 0",
                    "Status: 1",
                    "Paused: 0",
                    "PausedReason: ",
                    "Wrapuptime: 0",
                    "ActionID: x"),
                done),
            Scripts.answer(
                "QueueRemove",
                Scripts.frame(
                    "Response: Success", "ActionID: x", "Message: Removed interface from queue"))));
    Await.until(
        () -> peer.received("QueueStatus").size() == 2,
        "the link-up comparison",
        Duration.ofSeconds(20));
    Api api = new Api(server.port());
    String admin =
        api.post("/api/login", Api.login("admin", DemoData.PASSWORD, DemoData.DOMAIN))
            .json()
            .getString("accessToken");
    String bob =
        api.get("/api/admin/users?q=bob", Api.bearer(admin))
            .json()
            .getJsonArray("items")
            .getJsonObject(0)
            .getLong("id")
            .toString();
    Response r = api.patch("/api/admin/users/" + bob, change, Api.bearer(admin));
    assertThat(r.status()).as(r.body()).isEqualTo(200);

    Await.until(
        () -> !peer.received("QueueRemove").isEmpty(), "a QueueRemove", Duration.ofSeconds(5));
    AmiFrame remove = peer.received("QueueRemove").get(0);
    assertThat(remove.get("Queue")).isEqualTo("acme-support");
    assertThat(remove.get("Interface")).isEqualTo("PJSIP/acme-1002");
  }

  @Test
  @DisplayName(
      "the trunk's host, username and password reach pjsip (only pjsip is reloaded); an injection is refused")
  void trunkIsRenderedAndAnInjectionChangesNothing() throws Exception {
    start(Scripts.loggedIn());
    Await.until(() -> commands().size() >= 3, "the start-up reloads", Duration.ofSeconds(20));
    Thread.sleep(300);
    Path pjsip = configDir.resolve(PbxConfig.PJSIP_FILE);
    String untouched = Files.readString(pjsip);
    Api api = new Api(server.port());
    String admin =
        api.post("/api/login", Api.login("admin", DemoData.PASSWORD, DemoData.DOMAIN))
            .json()
            .getString("accessToken");

    String injected = "x\n[acme-1001]\ntype=endpoint";
    Response refused =
        api.patch(
            "/api/admin/trunk",
            new JsonObject()
                .put("host", "sip.provider.example")
                .put("username", "acct-7")
                .put("password", injected)
                .encode(),
            Api.bearer(admin));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.code())
        .as("a line break is refused in any JSON text")
        .isEqualTo("invalid-text");
    assertThat(refused.body()).doesNotContain("type=endpoint");
    for (String breaking : List.of("pass;comment", "a=b[x]", "back\\slash", "dollar${X}")) {
      Response r =
          api.patch(
              "/api/admin/trunk",
              new JsonObject()
                  .put("host", "sip.provider.example")
                  .put("username", "acct-7")
                  .put("password", breaking)
                  .encode(),
              Api.bearer(admin));
      assertThat(r.code()).as(breaking).isEqualTo("invalid-fields");
      assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field"))
          .isEqualTo("password");
      assertThat(r.body()).doesNotContain(breaking);
    }
    Response host = api.patch("/api/admin/trunk", "{\"host\":\"127.0.0.1\"}", Api.bearer(admin));
    assertThat(host.status()).as(host.body()).isEqualTo(400);
    assertThat(api.get("/api/admin/trunk", Api.bearer(admin)).json().getString("host")).isNull();
    int before = commands().size();

    String secret = "Pr0v1der!pass~x";
    Response ok =
        api.patch(
            "/api/admin/trunk",
            new JsonObject()
                .put("host", "sip.provider.example")
                .put("port", 5080)
                .put("username", "acct-7")
                .put("password", secret)
                .encode(),
            Api.bearer(admin));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.body()).doesNotContain(secret);
    assertThat(ok.json().getBoolean("passwordSet")).isTrue();
    assertThat(api.get("/api/admin/trunk", Api.bearer(admin)).body()).doesNotContain(secret);

    Await.until(
        () -> Files.readString(pjsip).contains("[acme-pstn-auth]"),
        "the trunk in pjsip",
        Duration.ofSeconds(5));
    assertThat(Files.readString(pjsip))
        .contains(
            "[acme-pstn](tandem-trunk)\ncontext=acme-inbound\n",
            "contact=sip:sip.provider.example:5080\n",
            "password=" + secret + "\n",
            "client_uri=sip:acct-7@sip.provider.example:5080\n");
    assertThat(untouched).doesNotContain("acme-pstn");
    Await.until(() -> commands().size() > before, "a reload", Duration.ofSeconds(5));
    Thread.sleep(300);
    // only the file that changed is reloaded
    assertThat(commands().subList(before, commands().size()))
        .containsExactly(PbxConfig.RELOAD_PJSIP);
  }

  private List<String> commands() {
    return peer.received("Command").stream().map(f -> f.get("Command")).toList();
  }
}
