package io.tandemcc.pbx.ami;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP_MEMBER;
import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.EXTENSION;
import static io.tandemcc.db.generated.Tables.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.config.AppConfig;
import io.tandemcc.pbx.provisioning.PbxConfig;
import io.tandemcc.provisioning.ProvisionPbx;
import io.tandemcc.provisioning.ProvisioningAddresses;
import io.tandemcc.provisioning.ProvisioningResult;
import io.tandemcc.support.Await;
import io.tandemcc.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The whole server provisioning Asterisk: a database of its own holding only the demo tenant, the
 * generated files in a temporary PBX_CONFIG_DIR, and a scripted Asterisk that answers the reload
 * commands.
 */
@DisplayName(
    "The server writes Asterisk's generated files from its database and reloads Asterisk over AMI")
class ServerProvisioningTest {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final List<String> RELOADS =
      List.of(PbxConfig.RELOAD_PJSIP, PbxConfig.RELOAD_QUEUES, PbxConfig.RELOAD_DIALPLAN);

  private String databaseName;
  private ScriptedAmiPeer peer;
  private Server server;
  private Path configDir;

  @BeforeEach
  void start() throws Exception {
    Server shared = TestServer.get();
    databaseName = "provisioning_" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet();
    shared.database().dsl().execute("create database " + databaseName);
    String url =
        shared
            .embeddedJdbcUrl()
            .orElseThrow()
            .replaceFirst("/postgres\\?", "/" + databaseName + "?");
    peer = ScriptedAmiPeer.acceptingAfterScript(Scripts.loggedIn());
    Path work = Files.createTempDirectory("tandemcc-provisioning");
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
    // the committed example files were rendered with this published example secret
    env.put("SIP_UPSTREAM_SECRET", "example-only-replaced-by-the-server-SIP_UPSTREAM_SECRET");
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
      "at start the demo tenant's files equal asterisk-conf/tandem/ and the three reloads are sent; "
          + "unchanged content is neither rewritten nor reloaded")
  void demoTenantFilesAndReloads() throws Exception {
    waitUntil(() -> commands().size() == 3, "three reload commands");
    assertThat(commands()).isEqualTo(RELOADS);
    for (String file :
        List.of(PbxConfig.PJSIP_FILE, PbxConfig.QUEUES_FILE, PbxConfig.EXTENSIONS_FILE)) {
      assertThat(Files.readString(configDir.resolve(file)))
          .as(file)
          .isEqualTo(Files.readString(committedExample(file)));
    }
    FileTime written = Files.getLastModifiedTime(configDir.resolve(PbxConfig.PJSIP_FILE));

    ProvisioningResult again = provision();

    assertThat(again.tenants()).containsExactly("acme");
    assertThat(again.filesWritten()).isEmpty();
    assertThat(again.reloaded()).isEmpty();
    assertThat(again.reloadsPending()).isEmpty();
    assertThat(commands()).hasSize(3);
    assertThat(Files.getLastModifiedTime(configDir.resolve(PbxConfig.PJSIP_FILE)))
        .isEqualTo(written);
  }

  @Test
  @DisplayName(
      "a tenant with an invalid display name is left out and reported; the other tenants are written")
  void invalidTenantIsSkipped() throws Exception {
    waitUntil(() -> commands().size() == 3, "the start-up reloads");
    provision(); // once this is answered, the runs of start-up and link-up are over
    DSLContext dsl = server.database().dsl();
    tenant(dsl, "globex", "Grace Hopper");
    tenant(dsl, "badco", "Eve \"the\" Hacker");

    ProvisioningResult result = provision();

    assertThat(result.tenants()).containsExactly("acme", "globex");
    assertThat(result.skippedTenants()).containsOnlyKeys("badco");
    assertThat(result.skippedTenants().get("badco")).anyMatch(p -> p.contains("display name"));
    assertThat(result.filesWritten())
        .containsExactly(PbxConfig.PJSIP_FILE, PbxConfig.QUEUES_FILE, PbxConfig.EXTENSIONS_FILE);
    assertThat(result.reloaded()).isEqualTo(RELOADS);
    String pjsip = Files.readString(configDir.resolve(PbxConfig.PJSIP_FILE));
    assertThat(pjsip)
        .contains("[acme-1001](tandem-webrtc-agent)", "callerid=\"Grace Hopper\" <2001>")
        .doesNotContain("badco");
    assertThat(pjsip).as("a disabled user's phone").doesNotContain("globex-2002");
    assertThat(Files.readString(configDir.resolve(PbxConfig.QUEUES_FILE)))
        .contains(
            "[globex-sales](tandem-queue)\nmember => PJSIP/globex-2001,5,\"Grace Hopper\",,,,yes\n")
        .doesNotContain("badco")
        .doesNotContain("globex-2002");
    assertThat(Files.readString(configDir.resolve(PbxConfig.EXTENSIONS_FILE)))
        .contains("[globex-agents]")
        .doesNotContain("badco");
    assertThat(commands()).hasSize(6);
  }

  private ProvisioningResult provision() throws Exception {
    return server
        .vertx()
        .eventBus()
        .<ProvisioningResult>request(ProvisioningAddresses.PROVISION, new ProvisionPbx("test"))
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS)
        .body();
  }

  private List<String> commands() {
    return peer.received("Command").stream().map(f -> f.get("Command")).toList();
  }

  /**
   * A tenant with queue {@code <domain>-sales}: agent {@code agentName} on extension 2001 (a static
   * member, penalty 5) and a disabled user's agent on 2002, also a static member.
   */
  private static void tenant(DSLContext dsl, String domain, String agentName) {
    long t =
        dsl.insertInto(TENANT)
            .set(TENANT.DOMAIN, domain)
            .set(TENANT.NAME, domain)
            .returning(TENANT.ID)
            .fetchOne(TENANT.ID);
    long group =
        dsl.insertInto(AGENT_GROUP)
            .set(AGENT_GROUP.TENANT_ID, t)
            .set(AGENT_GROUP.NAME, "Sales")
            .set(AGENT_GROUP.QUEUE_NAME, domain + "-sales")
            .returning(AGENT_GROUP.ID)
            .fetchOne(AGENT_GROUP.ID);
    agent(dsl, t, group, "agent", agentName, "2001", true);
    agent(dsl, t, group, "gone", "Gone Agent", "2002", false);
  }

  private static void agent(
      DSLContext dsl,
      long t,
      long group,
      String username,
      String name,
      String extension,
      boolean enabled) {
    long user =
        dsl.insertInto(APP_USER)
            .set(APP_USER.TENANT_ID, t)
            .set(APP_USER.USERNAME, username)
            .set(APP_USER.DISPLAY_NAME, name)
            .set(APP_USER.PASSWORD_HASH, "x")
            .set(APP_USER.ROLE, "agent")
            .set(APP_USER.ENABLED, enabled)
            .returning(APP_USER.ID)
            .fetchOne(APP_USER.ID);
    long ext =
        dsl.insertInto(EXTENSION)
            .set(EXTENSION.TENANT_ID, t)
            .set(EXTENSION.NUMBER, extension)
            .returning(EXTENSION.ID)
            .fetchOne(EXTENSION.ID);
    long agent =
        dsl.insertInto(AGENT)
            .set(AGENT.TENANT_ID, t)
            .set(AGENT.USER_ID, user)
            .set(AGENT.AGENT_NUMBER, extension)
            .set(AGENT.EXTENSION_ID, ext)
            .set(AGENT.STATIC_MEMBER, true)
            .returning(AGENT.ID)
            .fetchOne(AGENT.ID);
    dsl.insertInto(AGENT_GROUP_MEMBER)
        .set(AGENT_GROUP_MEMBER.TENANT_ID, t)
        .set(AGENT_GROUP_MEMBER.GROUP_ID, group)
        .set(AGENT_GROUP_MEMBER.AGENT_ID, agent)
        .set(AGENT_GROUP_MEMBER.PENALTY, 5)
        .execute();
  }

  /**
   * The committed example output in asterisk-conf/tandem/, found from the test's working directory.
   */
  private static Path committedExample(String file) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("asterisk-conf").resolve(PbxConfig.DIRECTORY).resolve(file);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("asterisk-conf/tandem/" + file + " not found");
  }

  private static void waitUntil(Await.Check check, String what) throws Exception {
    Await.until(check, what, Duration.ofSeconds(20));
  }
}
