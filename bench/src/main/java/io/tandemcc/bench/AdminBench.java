package io.tandemcc.bench;

import io.tandemcc.Server;
import io.tandemcc.auth.PasswordHasher;
import io.tandemcc.config.AppConfig;
import io.tandemcc.db.Database;
import io.tandemcc.db.EmbeddedDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code make bench-admin}: the administration with 10,000 agents in one tenant (issue 14). A
 * server in this process (embedded PostgreSQL, PBX_CONFIG_DIR in a temporary directory, the
 * scripted AMI peer), then over HTTP as the tenant's admin: (1) list, search and page the users,
 * p99 of each; (2) one change (an agent's display name, which its pjsip endpoint carries) until the
 * provisioning's reload command reaches the AMI peer. Writes its own section at the end of
 * bench/RESULTS.md.
 */
public final class AdminBench {
  private static final int AGENTS = Integer.getInteger("bench.agents", 10_000);
  private static final int SAMPLES = Integer.getInteger("bench.samples", 300);
  private static final int CHANGES = Integer.getInteger("bench.changes", 20);
  private static final String HEADING =
      "## Administration: 10,000 agents in one tenant (`make bench-admin`)";
  private final HttpClient http = HttpClient.newHttpClient();
  private int port;
  private String token;

  public static void main(String[] args) throws Exception {
    Path tmp = Files.createTempDirectory("tandemcc-bench-admin");
    Vertx vertx = Vertx.vertx();
    EmbeddedDatabase pg = EmbeddedDatabase.start(tmp.resolve("postgres"));
    int status = 0;
    try (AmiPeer peer = new AmiPeer()) {
      new AdminBench().run(vertx, pg, peer, tmp);
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    } finally {
      pg.close();
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
    System.exit(status);
  }

  private void run(Vertx vertx, EmbeddedDatabase pg, AmiPeer peer, Path tmp) throws Exception {
    Database.open(vertx, pg.jdbcUrl(), pg.user(), null, 2).close(); // the server's own migrations
    long t = System.nanoTime();
    try (var c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), null)) {
      Seeder.seed(c, AGENTS, 20, 30);
      try (var s =
          c.prepareStatement(
              "insert into app_user (tenant_id, username, display_name, password_hash, role)"
                  + " select id, 'admin', 'Admin', ?, 'admin' from tenant where domain = ?")) {
        s.setString(1, new PasswordHasher().hash(Seeder.PASSWORD));
        s.setString(2, Seeder.DOMAIN);
        s.executeUpdate();
      }
    }
    say(String.format("seeded %d agents in %.1f s", AGENTS, (System.nanoTime() - t) / 1e9));
    Path configDir = tmp.resolve("tandem");
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "CC_MODE",
                "dev",
                "HTTP_PORT",
                "0",
                "DATA_DIR",
                tmp.resolve("data").toString(),
                "DATABASE_URL",
                pg.jdbcUrl(),
                "DATABASE_USER",
                pg.user(),
                "DEMO_DATA",
                "false",
                "AMI_HOST",
                "127.0.0.1",
                "AMI_PORT",
                Integer.toString(peer.port()),
                "AMI_SECRET",
                "bench-secret",
                "PBX_CONFIG_DIR",
                configDir.toString()));
    env.put("ACCESS_TOKEN_TTL_SECONDS", "3600");
    Server server = Server.start(AppConfig.fromEnvironment(env));
    try {
      port = server.port();
      waitFor(
          () -> peer.commands.size() >= 3, Duration.ofSeconds(120)); // the start-up provisioning
      Thread.sleep(1000);
      token =
          post(
                  "/api/login",
                  new JsonObject()
                      .put("username", "admin")
                      .put("password", Seeder.PASSWORD)
                      .put("domain", Seeder.DOMAIN)
                      .encode())
              .getString("accessToken");
      String loadBefore = load();
      List<Latency.Summary> lists = lists();
      String plans = plans(pg);
      Latency.Summary change = changes(peer, configDir);
      write(lists, change, plans, loadBefore + " before, " + load() + " after");
    } finally {
      server.close();
    }
  }

  private List<Latency.Summary> lists() throws Exception {
    Latency first = new Latency("first page (50, by username)");
    Latency deep = new Latency("every page in turn (50 each, keyset)");
    Latency search = new Latency("search (q = a random agent's number)");
    Latency byName = new Latency("first page sorted by display name");
    Random random = new Random(14);
    for (int i = 0; i < 50; i++) { // warm-up: JIT and PostgreSQL's caches
      get("/api/admin/users?limit=50");
    }
    for (int i = 0; i < SAMPLES; i++) {
      first.record(timed(() -> get("/api/admin/users?limit=50")));
      search.record(
          timed(
              () ->
                  get(
                      "/api/admin/users?limit=50&q="
                          + URLEncoder.encode(
                              "agent" + (1 + random.nextInt(AGENTS)), StandardCharsets.UTF_8))));
      byName.record(timed(() -> get("/api/admin/users?limit=50&sort=displayName")));
    }
    String next = null;
    int pages = 0;
    do {
      String after = next;
      JsonObject[] page = new JsonObject[1];
      deep.record(
          timed(
              () ->
                  page[0] =
                      get("/api/admin/users?limit=50" + (after == null ? "" : "&after=" + after))));
      next = page[0].getString("next");
      pages++;
    } while (next != null);
    say("walked " + pages + " pages");
    return List.of(first.summary(), deep.summary(), search.summary(), byName.summary());
  }

  /**
   * EXPLAIN ANALYZE of the first page and of a search, as UserRepository builds them (the same
   * joins, conditions, order and limit; written out here because its jOOQ queries are
   * package-private): which indexes serve them.
   */
  private static String plans(EmbeddedDatabase pg) throws Exception {
    String select =
        "select u.id, u.username, u.display_name, u.role, u.enabled, a.id, a.agent_number, e.number"
            + " from app_user u left join agent a on a.tenant_id = u.tenant_id and a.user_id = u.id"
            + " left join extension e on e.tenant_id = a.tenant_id and e.id = a.extension_id"
            + " where u.tenant_id = t.id and u.deleted_at is null";
    String tenant = " from (select id from tenant where domain = '" + Seeder.DOMAIN + "') t";
    String firstPage =
        "select x.* " + tenant + ", lateral (" + select + " order by u.username, u.id limit 51) x";
    String search =
        "select x.* "
            + tenant
            + ", lateral ("
            + select
            + " and u.id in ("
            + "select id from app_user where tenant_id = t.id and lower(username) like 'agent5000%'"
            + " union all select id from app_user where tenant_id = t.id and lower(display_name) like 'agent5000%'"
            + " union all select user_id from agent where tenant_id = t.id and agent_number like 'agent5000%'"
            + " union all select a2.user_id from agent a2 join extension e2 on e2.tenant_id = a2.tenant_id"
            + " and e2.id = a2.extension_id where e2.tenant_id = t.id and e2.number like 'agent5000%')"
            + " order by u.username, u.id limit 51) x";
    StringBuilder out = new StringBuilder();
    try (var c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), null);
        var st = c.createStatement()) {
      for (String[] q :
          new String[][] {{"first page", firstPage}, {"search q=agent5000", search}}) {
        out.append("-- ").append(q[0]).append('\n');
        try (var r =
            st.executeQuery("explain (analyze, costs off, timing off, summary on) " + q[1])) {
          while (r.next()) {
            out.append(r.getString(1)).append('\n');
          }
        }
      }
    }
    say(out.toString());
    return out.toString();
  }

  /** An agent's display name changes; until the PJSIP reload command reaches the AMI peer. */
  private Latency.Summary changes(AmiPeer peer, Path configDir) throws Exception {
    Latency latency = new Latency("one change until the PJSIP reload is sent");
    JsonObject user =
        get("/api/admin/users?limit=1&q=agent5000").getJsonArray("items").getJsonObject(0);
    long id = user.getLong("id");
    for (int i = 0; i < CHANGES; i++) {
      int before = peer.commands.size();
      long t0 = System.nanoTime();
      patch(
          "/api/admin/users/" + id,
          new JsonObject().put("displayName", "Agent Renamed " + i).encode());
      waitFor(
          () ->
              peer.commands.subList(before, peer.commands.size()).stream()
                  .anyMatch(c -> c.command().equals("module reload res_pjsip.so")),
          Duration.ofSeconds(30));
      long t1 =
          peer.commands.subList(before, peer.commands.size()).stream()
              .filter(c -> c.command().equals("module reload res_pjsip.so"))
              .findFirst()
              .orElseThrow()
              .receivedNanos();
      latency.record((t1 - t0) / 1000);
      if (!Files.readString(configDir.resolve("pjsip_tenants.conf"))
          .contains("\"Agent Renamed " + i + "\"")) {
        throw new IllegalStateException("the rendered pjsip file does not hold the change");
      }
      Thread.sleep(200); // the reload's own trailing commands are over
    }
    return latency.summary();
  }

  /** The machine's one-minute load average: the bench shares 2 cores with whatever else runs. */
  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private void write(List<Latency.Summary> lists, Latency.Summary change, String plans, String load)
      throws Exception {
    StringBuilder s = new StringBuilder(HEADING).append("\n\n");
    s.append("In-process server on an embedded PostgreSQL, ")
        .append(AGENTS)
        .append(" agents (20 groups) in tenant `")
        .append(Seeder.DOMAIN)
        .append("`, provisioning to a temporary PBX_CONFIG_DIR and the scripted AMI peer; ")
        .append("the client runs on the same 2 cores. Requests one at a time, ")
        .append(SAMPLES)
        .append(" samples each (after 50 warm-up requests). Load average ")
        .append(load)
        .append(".\n\n");
    s.append(
        "| request | count | p50 ms | p95 ms | p99 ms | max ms | target |\n|---|---|---|---|---|---|---|\n");
    for (Latency.Summary l : lists) {
      s.append(row(l, "p99 < 100 ms", l.p99() < 100));
    }
    s.append(row(change, "< 1000 ms", change.p99() < 1000));
    s.append(
            "\nThe change is an agent's display name (PATCH /api/admin/users/{id}): committed, audited, the three ")
        .append(
            "changed tenant read again (the others rendered as last read), the three files rendered for its ")
        .append(AGENTS)
        .append(" agents, the changed one written, and the clock stopped when ")
        .append("`module reload res_pjsip.so` reaches the AMI peer (only PJSIP is reloaded).\n\n")
        .append(
            "The plans (EXPLAIN ANALYZE of the queries UserRepository runs; search is a prefix search, V25):\n\n")
        .append("```\n")
        .append(plans)
        .append("```\n");
    Path results = Path.of("bench/RESULTS.md");
    String old = Files.exists(results) ? Files.readString(results) : "";
    int at = old.indexOf(HEADING);
    if (at >= 0) {
      int end = old.indexOf("\n## ", at + HEADING.length());
      old = old.substring(0, at) + (end < 0 ? "" : old.substring(end + 1));
    }
    Files.writeString(results, old.stripTrailing() + "\n\n" + s);
    say(s.toString());
  }

  private static String row(Latency.Summary l, String target, boolean met) {
    return String.format(
        "| %s | %d | %.1f | %.1f | %.1f | %.1f | %s %s |%n",
        l.name(), l.count(), l.p50(), l.p95(), l.p99(), l.max(), target, met ? "met" : "MISSED");
  }

  // ---- HTTP

  private JsonObject get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET());
  }

  private JsonObject post(String path, String body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private JsonObject patch(String path, String body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private JsonObject send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(r.statusCode() + " " + r.body());
      }
      return new JsonObject(r.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long timed(Runnable r) {
    long t = System.nanoTime();
    r.run();
    return (System.nanoTime() - t) / 1000;
  }

  private static void waitFor(java.util.function.BooleanSupplier done, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout);
      }
      Thread.sleep(5);
    }
  }

  private static void say(String line) {
    System.out.println("[bench-admin] " + line);
  }
}
