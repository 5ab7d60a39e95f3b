package io.tandemcc.admin;

import io.tandemcc.auth.PasswordHasher;
import io.tandemcc.auth.SessionStore;
import io.tandemcc.common.ApiException;
import io.tandemcc.config.AppConfig;
import io.tandemcc.config.ConfigException;
import io.tandemcc.db.Database;
import io.tandemcc.db.EmbeddedDatabase;
import io.tandemcc.tenant.Tenant;
import io.tandemcc.tenant.TenantAdministration.NewTenant;
import io.tandemcc.tenant.TenantRepository;
import io.tandemcc.tenant.TenantRepository.NewAccount;
import io.tandemcc.tenant.TenantRules;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * {@code java -jar tandemcc-server.jar admin …}: what a fresh installation needs before anybody can
 * sign in, with no web session. It reads the server's configuration from the environment (so it
 * finds the same database), applies the migrations, does one thing and exits: 0 done, 1 failed, 2
 * bad usage or value, 3 exists already, 4 not found.
 */
public final class AdminCommand {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;
  public static final int EXISTS = 3;
  public static final int NOT_FOUND = 4;

  static final String USAGE_TEXT =
      """
      usage: java -jar tandemcc-server.jar admin COMMAND [OPTIONS]
        create-tenant --domain DOMAIN --name NAME --admin USERNAME [--admin-name DISPLAY_NAME]
            a tenant and its first admin (role admin)
        reset-password --domain DOMAIN --user USERNAME [--require-change]
            a new password for a user (of the domain 'system' for a system user); ends the user's sessions;
            with --require-change the user must choose another one at the next sign-in (without it, must not)
        create-system-user --user USERNAME [--name DISPLAY_NAME]
            a user with the role system, who manages the tenants (/api/system/tenants; domain 'system' at login)
      The password is typed when asked (no echo), or read from the first line of standard input when that is not a
      terminal; at least %d characters. The environment is the server's (DATABASE_URL, CC_MODE, ...).
      """
          .formatted(TenantRules.MIN_PASSWORD);

  private final Map<String, String> env;
  private final PasswordInput passwords;
  private final PrintStream out;
  private final PrintStream err;

  AdminCommand(Map<String, String> env, PasswordInput passwords, PrintStream out, PrintStream err) {
    this.env = env;
    this.passwords = passwords;
    this.out = out;
    this.err = err;
  }

  /**
   * For Main: the arguments after {@code admin}, the process's environment, terminal and streams.
   */
  public static int main(List<String> args) {
    return new AdminCommand(System.getenv(), PasswordInput.system(), System.out, System.err)
        .run(args);
  }

  int run(List<String> args) {
    if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
      (args.isEmpty() ? err : out).print(USAGE_TEXT);
      return args.isEmpty() ? USAGE : OK;
    }
    try {
      List<String> rest = args.subList(1, args.size());
      return switch (args.get(0)) {
        case "create-tenant" ->
            createTenant(
                AdminOptions.parse(rest, Set.of("domain", "name", "admin"), Set.of("admin-name")));
        case "reset-password" ->
            resetPassword(
                AdminOptions.parse(
                    rest, Set.of("domain", "user"), Set.of(), Set.of("require-change")));
        case "create-system-user" ->
            createSystemUser(AdminOptions.parse(rest, Set.of("user"), Set.of("name")));
        default ->
            throw new AdminOptions.UsageException(
                "unknown command '" + args.get(0).replaceAll("\\p{Cntrl}", "?") + "'");
      };
    } catch (AdminOptions.UsageException e) {
      err.println("admin: " + e.getMessage());
      err.print(USAGE_TEXT);
      return USAGE;
    } catch (ApiException e) {
      err.println("admin: " + e.detail() + " (" + e.code() + ")");
      return switch (e.status()) {
        case 409 -> EXISTS;
        case 404 -> NOT_FOUND;
        case 400 -> USAGE;
        default -> FAILED;
      };
    } catch (ConfigException e) {
      err.println(
          "admin: the configuration is not valid (the same environment as the server's is needed):");
      err.println(e.getMessage());
      return USAGE;
    } catch (Exception e) {
      // no password can be in here: only its hash ever reaches the database
      err.println("admin: failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      return FAILED;
    }
  }

  private int createTenant(AdminOptions o) throws Exception {
    AppConfig config = AppConfig.fromEnvironment(env);
    String domain = TenantRules.domain(o.get("domain"));
    String name = TenantRules.name("name", o.get("name"));
    String admin = TenantRules.username(o.get("admin"));
    String adminName =
        TenantRules.name("admin-name", o.get("admin-name") == null ? admin : o.get("admin-name"));
    NewTenant t =
        NewTenant.of(domain, name, admin, adminName, passwords.read(admin + "@" + domain));
    String hash = new PasswordHasher().hash(t.adminPassword());
    var created =
        withDatabase(
            config,
            (db, dsl) ->
                dsl.transactionResult(
                    cfg ->
                        TenantRepository.create(
                            DSL.using(cfg),
                            t.domain(),
                            t.name(),
                            new NewAccount(t.adminUsername(), t.adminDisplayName(), hash))));
    out.printf(
        "created tenant %s (%s, id %d) with its admin %s; sign in with domain %s, username %s%n",
        domain, name, created.tenant().id(), admin, domain, admin);
    return OK;
  }

  private int resetPassword(AdminOptions o) throws Exception {
    AppConfig config = AppConfig.fromEnvironment(env);
    String domain = o.get("domain");
    String user = o.get("user");
    if (!Tenant.SYSTEM_DOMAIN.equals(domain)) {
      TenantRules.domain(domain);
    }
    // the username is not checked against today's rules: an account made before them must still be
    // reachable
    String password = TenantRules.password(passwords.read(user + "@" + domain));
    String hash = new PasswordHasher().hash(password);
    boolean found =
        withDatabase(
            config,
            (db, dsl) -> {
              var ids =
                  dsl.transactionResult(
                      cfg ->
                          TenantRepository.setPassword(
                              DSL.using(cfg), domain, user, hash, o.has("require-change")));
              if (ids.isEmpty()) {
                return false;
              }
              // the old password's sessions end (a running server still honours their access tokens
              // until they expire)
              new SessionStore(db, Duration.ofHours(1))
                  .endAll(ids.get().tenantId(), ids.get().userId())
                  .toCompletionStage()
                  .toCompletableFuture()
                  .get(30, TimeUnit.SECONDS);
              return true;
            });
    if (!found) {
      throw new ApiException(
          404,
          "user-not-found",
          "Not found",
          "There is no user '"
              + user.replaceAll("\\p{Cntrl}", "?")
              + "' in the domain '"
              + domain.replaceAll("\\p{Cntrl}", "?")
              + "'.");
    }
    out.printf("the password of %s in %s is set; the user's sessions are ended%n", user, domain);
    return OK;
  }

  private int createSystemUser(AdminOptions o) throws Exception {
    AppConfig config = AppConfig.fromEnvironment(env);
    String user = TenantRules.username(o.get("user"));
    String name = TenantRules.name("name", o.get("name") == null ? user : o.get("name"));
    String password = TenantRules.password(passwords.read(user + "@" + Tenant.SYSTEM_DOMAIN));
    String hash = new PasswordHasher().hash(password);
    long id =
        withDatabase(
            config,
            (db, dsl) ->
                dsl.transactionResult(
                    cfg ->
                        TenantRepository.createSystemUser(
                            DSL.using(cfg), new NewAccount(user, name, hash))));
    out.printf(
        "created the system user %s (id %d); sign in with domain %s, username %s%n",
        user, id, Tenant.SYSTEM_DOMAIN, user);
    return OK;
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Database db, DSLContext dsl) throws Exception;
  }

  /**
   * Opens the server's database (migrating it to the newest version), runs {@code work}, closes
   * everything. The configuration is read by each command before anything else, so a wrong
   * environment is told before a password is asked.
   */
  private static <T> T withDatabase(AppConfig config, Work<T> work) throws Exception {
    Vertx vertx = Vertx.vertx();
    EmbeddedDatabase embedded = null;
    Database db = null;
    try {
      if (config.database().isPresent()) {
        var s = config.database().get();
        db = Database.open(vertx, s.jdbcUrl(), s.user(), s.password(), 2);
      } else {
        // development mode: the embedded PostgreSQL in DATA_DIR (stop the server first: one process
        // per data dir)
        embedded = EmbeddedDatabase.start(config.dataDir().resolve("postgres"));
        db = Database.open(vertx, embedded.jdbcUrl(), embedded.user(), null, 2);
      }
      return work.run(db, db.dsl());
    } finally {
      if (db != null) {
        db.close();
      }
      if (embedded != null) {
        embedded.close();
      }
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
