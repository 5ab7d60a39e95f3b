package io.tandemcc.admin;

import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.TENANT;
import static io.tandemcc.db.generated.Tables.USER_SESSION;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.config.AppConfig;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The {@code admin} command against the real (embedded) PostgreSQL, with a production environment
 * as an operator would run it next to the server; then a production-mode server started on that
 * database lets the new admin in.
 */
@DisplayName("The admin command of a fresh production installation")
class AdminCommandTest {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static Map<String, String> prodEnv;
  private static Server prod;

  @BeforeAll
  static void environment() throws Exception {
    String sharedUrl = TestServer.get().embeddedJdbcUrl().orElseThrow();
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    prodEnv =
        new HashMap<>(
            Map.ofEntries(
                Map.entry("CC_MODE", "prod"),
                Map.entry("HTTP_HOST", "127.0.0.1"),
                Map.entry("HTTP_PORT", "0"),
                Map.entry("DATA_DIR", Files.createTempDirectory("tandemcc-admin").toString()),
                Map.entry("DATABASE_URL", sharedUrl),
                Map.entry("JWT_SECRET", "jwt-secret-of-the-admin-test-0123456789abcdef"),
                Map.entry(
                    "SIP_UPSTREAM_SECRET", "sip-upstream-secret-of-the-admin-test-0123456789"),
                Map.entry("AMI_HOST", "127.0.0.1"),
                Map.entry("AMI_PORT", Integer.toString(closedPort)),
                Map.entry("AMI_SECRET", "ami-secret-of-the-admin-test"),
                Map.entry("STUN_URLS", TestServer.STUN_URL),
                // TLS terminated by a reverse proxy on this machine (the test's clients speak plain
                // HTTP)
                Map.entry("TLS_MODE", "off"),
                Map.entry("TRUSTED_PROXIES", "127.0.0.1")));
  }

  @AfterAll
  static void stop() {
    if (prod != null) {
      prod.close();
    }
  }

  /** What one run printed and returned. */
  record Run(int exit, String out, String err) {}

  private static Run admin(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PasswordInput input =
        new PasswordInput(null, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    int exit =
        new AdminCommand(
                prodEnv,
                input,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(List.of(args));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String newDomain() {
    String d = "cli" + ProcessHandle.current().pid() + "n" + SEQ.incrementAndGet();
    return d.length() > 32 ? d.substring(d.length() - 32) : d;
  }

  private static DSLContext dsl() {
    return TestServer.get().database().dsl();
  }

  private static synchronized Api prodApi() {
    if (prod == null) {
      prod = Server.start(AppConfig.fromEnvironment(prodEnv));
    }
    return new Api(prod.port());
  }

  @Test
  @DisplayName(
      "create-tenant makes the tenant and its admin (password from stdin), and a prod-mode server started "
          + "after it lets that admin sign in")
  void createTenantThenSignIn() {
    String domain = newDomain();
    Run run =
        admin(
            "alice-password-1\n",
            "create-tenant",
            "--domain",
            domain,
            "--name",
            "Acme Ltd",
            "--admin",
            "alice",
            "--admin-name",
            "Alice Admin");
    assertThat(run.exit()).as(run.err()).isEqualTo(AdminCommand.OK);
    assertThat(run.out()).contains("created tenant " + domain).doesNotContain("alice-password-1");
    assertThat(run.err()).doesNotContain("alice-password-1");

    Api api = prodApi();
    Response login = api.post("/api/login", Api.login("alice", "alice-password-1", domain));
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    assertThat(login.json().getJsonObject("user").getString("role")).isEqualTo("admin");
    assertThat(login.json().getJsonObject("user").getString("displayName"))
        .isEqualTo("Alice Admin");
    assertThat(login.json().getJsonObject("tenant").getString("name")).isEqualTo("Acme Ltd");
    assertThat(api.post("/api/login", Api.login("alice", "wrong-password", domain)).status())
        .isEqualTo(401);
  }

  @Test
  @DisplayName("a domain that exists already exits 3 and changes nothing")
  void duplicateDomain() {
    String domain = newDomain();
    assertThat(
            admin(
                    "first-password-1\n",
                    "create-tenant",
                    "--domain",
                    domain,
                    "--name",
                    "One",
                    "--admin",
                    "one")
                .exit())
        .isEqualTo(AdminCommand.OK);
    Run again =
        admin(
            "other-password-2\n",
            "create-tenant",
            "--domain",
            domain,
            "--name",
            "Two",
            "--admin",
            "two");
    assertThat(again.exit()).isEqualTo(AdminCommand.EXISTS);
    assertThat(again.err()).contains("exists already").contains("domain-taken");
    long tenantId =
        dsl().select(TENANT.ID).from(TENANT).where(TENANT.DOMAIN.eq(domain)).fetchSingle(TENANT.ID);
    assertThat(
            dsl()
                .select(TENANT.NAME)
                .from(TENANT)
                .where(TENANT.ID.eq(tenantId))
                .fetchSingle(TENANT.NAME))
        .isEqualTo("One");
    assertThat(dsl().fetchCount(APP_USER, APP_USER.TENANT_ID.eq(tenantId))).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "reset-password sets a new password (stdin) and ends the user's sessions; the old one stops working")
  void resetPassword() {
    String domain = newDomain();
    assertThat(
            admin(
                    "old-password-11\n",
                    "create-tenant",
                    "--domain",
                    domain,
                    "--name",
                    "Reset",
                    "--admin",
                    "bob")
                .exit())
        .isEqualTo(AdminCommand.OK);
    Api api = new Api(TestServer.get().port());
    Response before = api.post("/api/login", Api.login("bob", "old-password-11", domain));
    assertThat(before.status()).isEqualTo(200);
    String cookie = before.raw().headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

    Run run =
        admin(
            "new-password-22\r\nignored second line\n",
            "reset-password",
            "--domain",
            domain,
            "--user",
            "bob");
    assertThat(run.exit()).as(run.err()).isEqualTo(AdminCommand.OK);
    assertThat(api.post("/api/login", Api.login("bob", "old-password-11", domain)).status())
        .isEqualTo(401);
    assertThat(api.post("/api/login", Api.login("bob", "new-password-22", domain)).status())
        .isEqualTo(200);
    assertThat(api.post("/api/session/refresh", "", "Cookie", cookie).status())
        .as("the old session")
        .isEqualTo(401);

    assertThat(
            admin("new-password-33\n", "reset-password", "--domain", domain, "--user", "nobody")
                .exit())
        .isEqualTo(AdminCommand.NOT_FOUND);
    assertThat(
            admin("new-password-33\n", "reset-password", "--domain", newDomain(), "--user", "bob")
                .exit())
        .isEqualTo(AdminCommand.NOT_FOUND);
  }

  @Test
  @DisplayName(
      "reset-password --require-change: the user signs in only to change it; without the switch the flag is cleared")
  void resetPasswordRequiringAChange() {
    String domain = newDomain();
    assertThat(
            admin(
                    "old-password-11\n",
                    "create-tenant",
                    "--domain",
                    domain,
                    "--name",
                    "Forced",
                    "--admin",
                    "bob")
                .exit())
        .isEqualTo(AdminCommand.OK);
    Api api = new Api(TestServer.get().port());
    Run run =
        admin(
            "temporary-pass-44\n",
            "reset-password",
            "--domain",
            domain,
            "--user",
            "bob",
            "--require-change");
    assertThat(run.exit()).as(run.err()).isEqualTo(AdminCommand.OK);
    Response forced = api.post("/api/login", Api.login("bob", "temporary-pass-44", domain));
    assertThat(forced.status()).isEqualTo(200);
    assertThat(forced.json().getBoolean("passwordChangeRequired")).isTrue();
    String token = forced.json().getString("accessToken");
    assertThat(api.get("/api/admin/users", Api.bearer(token)).status())
        .as("nothing but the change")
        .isEqualTo(403);

    run = admin("another-pass-55\n", "reset-password", "--domain", domain, "--user", "bob");
    assertThat(run.exit()).as(run.err()).isEqualTo(AdminCommand.OK);
    Response free = api.post("/api/login", Api.login("bob", "another-pass-55", domain));
    assertThat(free.json().getBoolean("passwordChangeRequired")).isFalse();

    for (List<String> bad :
        List.of(List.of("--require-change=yes"), List.of("--require-change", "--require-change"))) {
      List<String> args =
          new java.util.ArrayList<>(List.of("reset-password", "--domain", domain, "--user", "bob"));
      args.addAll(bad);
      Run refused = admin("third-pass-66\n", args.toArray(String[]::new));
      assertThat(refused.exit()).as(String.join(" ", bad)).isEqualTo(AdminCommand.USAGE);
    }
    assertThat(api.post("/api/login", Api.login("bob", "another-pass-55", domain)).status())
        .as("nothing changed by the refused runs")
        .isEqualTo(200);
  }

  @Test
  @DisplayName(
      "a --password option is refused with a clear message (argv shows in ps), and nothing is created")
  void passwordOnTheCommandLineIsRefused() {
    String domain = newDomain();
    for (List<String> args :
        List.of(
            List.of(
                "create-tenant",
                "--domain",
                domain,
                "--name",
                "X",
                "--admin",
                "eve",
                "--password",
                "secret-pass-1"),
            List.of(
                "create-tenant",
                "--domain",
                domain,
                "--name",
                "X",
                "--admin",
                "eve",
                "--password=secret-pass-1"),
            List.of(
                "reset-password",
                "--domain",
                domain,
                "--user",
                "eve",
                "--password",
                "secret-pass-1"),
            List.of("create-system-user", "--user", "eve", "--password", "secret-pass-1"))) {
      Run run = admin("stdin-password-1\n", args.toArray(String[]::new));
      assertThat(run.exit()).as(args.toString()).isEqualTo(AdminCommand.USAGE);
      assertThat(run.err())
          .contains("--password is refused")
          .contains("standard input")
          .doesNotContain("secret-pass-1");
    }
    assertThat(dsl().fetchExists(TENANT, TENANT.DOMAIN.eq(domain))).isFalse();
  }

  @Test
  @DisplayName(
      "bad values and usage exit 2 with a message and create nothing: short or missing password, bad "
          + "domain, unknown option or command")
  void badUsage() {
    String domain = newDomain();
    List<List<String>> cases =
        List.of(
            List.of(
                "short\n", "create-tenant", "--domain", domain, "--name", "X", "--admin", "eve"),
            List.of("", "create-tenant", "--domain", domain, "--name", "X", "--admin", "eve"),
            List.of(
                "long-enough-pass\n",
                "create-tenant",
                "--domain",
                "Bad-Domain",
                "--name",
                "X",
                "--admin",
                "eve"),
            List.of(
                "long-enough-pass\n",
                "create-tenant",
                "--domain",
                "system",
                "--name",
                "X",
                "--admin",
                "eve"),
            List.of("long-enough-pass\n", "create-tenant", "--domain", domain, "--name", "X"),
            List.of(
                "long-enough-pass\n",
                "create-tenant",
                "--domain",
                domain,
                "--name",
                "X\u001b[2J",
                "--admin",
                "eve"),
            List.of(
                "long-enough-pass\n",
                "create-tenant",
                "--domain",
                domain,
                "--name",
                "X",
                "--admin",
                "eve",
                "--colour",
                "red"),
            List.of("long-enough-pass\n", "drop-everything"),
            List.of("long-enough-pass\n"));
    for (List<String> c : cases) {
      Run run = admin(c.get(0), c.subList(1, c.size()).toArray(String[]::new));
      assertThat(run.exit()).as(c.toString()).isEqualTo(AdminCommand.USAGE);
      assertThat(run.err()).as(c.toString()).startsWith(c.size() == 1 ? "usage:" : "admin: ");
    }
    assertThat(dsl().fetchExists(TENANT, TENANT.DOMAIN.eq(domain))).isFalse();
  }

  @Test
  @DisplayName(
      "create-system-user makes a user with the role system who signs in with the domain 'system'; a "
          + "second one of the same name exits 3")
  void createSystemUser() {
    String user = "root" + ProcessHandle.current().pid() + "n" + SEQ.incrementAndGet();
    Run run = admin("root-password-1\n", "create-system-user", "--user", user);
    assertThat(run.exit()).as(run.err()).isEqualTo(AdminCommand.OK);
    Api api = new Api(TestServer.get().port());
    Response login = api.post("/api/login", Api.login(user, "root-password-1", "system"));
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    assertThat(login.json().getJsonObject("user").getString("role")).isEqualTo("system");
    assertThat(
            api.get("/api/system/tenants", Api.bearer(login.json().getString("accessToken")))
                .status())
        .isEqualTo(200);
    assertThat(admin("root-password-2\n", "create-system-user", "--user", user).exit())
        .isEqualTo(AdminCommand.EXISTS);
    // and its password can be reset like anybody's
    assertThat(
            admin("root-password-3\n", "reset-password", "--domain", "system", "--user", user)
                .exit())
        .isEqualTo(AdminCommand.OK);
    assertThat(
            dsl()
                .fetchCount(
                    USER_SESSION,
                    USER_SESSION
                        .USER_ID
                        .in(
                            dsl()
                                .select(APP_USER.ID)
                                .from(APP_USER)
                                .where(APP_USER.USERNAME.eq(user)))
                        .and(USER_SESSION.REVOKED_AT.isNull())))
        .isZero();
  }

  @Test
  @DisplayName(
      "an invalid environment exits 2 and says what is missing, before any password is asked")
  void invalidEnvironment() {
    Map<String, String> saved = new HashMap<>(prodEnv);
    try {
      prodEnv.remove("DATABASE_URL");
      Run run = admin("long-enough-pass\n", "create-system-user", "--user", "nobody");
      assertThat(run.exit()).isEqualTo(AdminCommand.USAGE);
      assertThat(run.err()).contains("DATABASE_URL is required");
    } finally {
      prodEnv.clear();
      prodEnv.putAll(saved);
    }
  }
}
