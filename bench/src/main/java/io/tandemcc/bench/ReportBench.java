package io.tandemcc.bench;

import io.tandemcc.db.Database;
import io.tandemcc.db.EmbeddedDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code make bench-reports}: the report endpoints against a big tenant. An embedded PostgreSQL
 * gets the server's migrations and {@link ReportSeeder}'s data (default 1,000,000 call records and
 * 10,000,000 state rows); the real server jar runs as its own process on it with a small heap
 * ({@code -Xmx128m}); each report for one month is asked {@code --repeat} times over HTTP (p50 /
 * p95 / p99 / max), then the hourly agent report of the month for every agent is downloaded as CSV
 * (well over 100,000 rows) while the server's heap is sampled.
 *
 * <p>Options: {@code --states=N --calls=N --agents=N --repeat=N --xmx=128m}. Prints a Markdown
 * section for bench/RESULTS.md.
 */
public final class ReportBench {
  private static final String MONTH = "from=2026-06-01&to=2026-06-30";

  private final Map<String, String> opts;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final StringBuilder out = new StringBuilder();

  private ReportBench(Map<String, String> opts) {
    this.opts = opts;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (String a : args) {
      String[] kv = a.replaceFirst("^--", "").split("=", 2);
      opts.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    new ReportBench(opts).run();
    System.exit(0);
  }

  private long opt(String name, long fallback) {
    return opts.containsKey(name) ? Long.parseLong(opts.get(name).replace("_", "")) : fallback;
  }

  private static void say(String s) {
    System.out.println(s);
  }

  private void run() throws Exception {
    long states = opt("states", 10_000_000);
    long calls = opt("calls", 1_000_000);
    int agents = (int) opt("agents", 200);
    int repeat = (int) opt("repeat", 30);
    String xmx = opts.getOrDefault("xmx", "128m");
    Path tmp = Files.createTempDirectory("tandemcc-bench-reports-");
    Path jar = Path.of(opts.getOrDefault("jar", "server/target/tandemcc-server.jar"));
    say(
        "report benchmark: "
            + states
            + " state rows, "
            + calls
            + " calls, "
            + agents
            + " agents; work dir "
            + tmp);
    Vertx vertx = Vertx.vertx();
    EmbeddedDatabase pg = EmbeddedDatabase.start(tmp.resolve("postgres"));
    try {
      Database.open(vertx, pg.jdbcUrl(), pg.user(), null, 2).close();
      long t0 = System.nanoTime();
      try (var c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), null)) {
        ReportSeeder.seed(c, agents, states, calls, ReportBench::say);
      }
      double seedSeconds = (System.nanoTime() - t0) / 1e9;
      say(String.format("seeded in %.1f s", seedSeconds));
      Map<String, String> env = new HashMap<>();
      env.put("CC_MODE", "dev");
      env.put("HTTP_PORT", "0");
      env.put("PORT_FILE", tmp.resolve("server.port").toString());
      env.put("DATA_DIR", tmp.resolve("server-data").toString());
      env.put("DATABASE_URL", pg.jdbcUrl());
      env.put("DATABASE_USER", "postgres");
      env.put("DEMO_DATA", "false");
      env.put("ACCESS_TOKEN_TTL_SECONDS", "3600");
      try (ServerProcess server =
          ServerProcess.start(
              "server",
              List.of("-Xmx" + xmx, "-XX:+UseG1GC"),
              List.of("-jar", jar.toString()),
              env,
              tmp.resolve("server.port"),
              tmp.resolve("server.log"),
              Duration.ofSeconds(120))) {
        String base = "http://127.0.0.1:" + server.port();
        String token = login(base);
        out.append("## Reports (issue 16)\n\n");
        out.append(
            String.format(
                Locale.ROOT,
                "One tenant (Europe/Berlin), %d agents in 10 groups, %,d state-history "
                    + "rows and %,d queue call records over a year (seeded with generate_series in %.0f s). The server runs "
                    + "as its own process with -Xmx%s; each report asks for June 2026 (30 local days) over HTTP, %d times "
                    + "after 3 warm-ups, one request at a time. Milliseconds.\n\n",
                agents,
                states,
                calls,
                seedSeconds,
                xmx,
                repeat));
        out.append(
            "| report (one month) | rows | first request | p50 | p95 | p99 | max |\n"
                + "|---|---|---|---|---|---|---|\n");
        Map<String, String> reports = new LinkedHashMap<>();
        reports.put(
            "agents per day, default page (25 agents)",
            "/api/reports/agents?" + MONTH + "&interval=day");
        reports.put(
            "agents per hour, default page (5 agents)",
            "/api/reports/agents?" + MONTH + "&interval=hour");
        reports.put(
            "agents, whole month, one agent",
            "/api/reports/agents?" + MONTH + "&interval=period&agentId=" + firstAgent(base, token));
        reports.put("queues per day (10 queues)", "/api/reports/queues?" + MONTH + "&interval=day");
        reports.put(
            "queues per hour (10 queues)", "/api/reports/queues?" + MONTH + "&interval=hour");
        reports.put(
            "pauses per agent, whole month, default page (25)", "/api/reports/pauses?" + MONTH);
        reports.put(
            "pauses per group, per day", "/api/reports/pauses?" + MONTH + "&by=group&interval=day");
        for (var e : reports.entrySet()) {
          measure(base, token, e.getKey(), e.getValue(), repeat);
        }
        csv(server, base, token);
        try (var c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), null)) {
          Path plans = Path.of("bench/target/reports-explain.md");
          Files.createDirectories(plans.getParent());
          Files.writeString(
              plans,
              io.tandemcc.report.ReportExplain.explain(
                  c, ReportSeeder.DOMAIN, "2026-06-01", "2026-06-30", 25));
          say("plans written to " + plans);
        }
        out.append(
            String.format(
                Locale.ROOT,
                "%nServer after the run: heap after GC %.1f MiB, RSS %.0f MiB.%n",
                server.heapAfterGcMib(),
                server.rssMib()));
      }
    } finally {
      pg.close();
      vertx.close();
    }
    say("\n" + out);
    Path results = Path.of("bench/target/reports-results.md");
    Files.createDirectories(results.getParent());
    Files.writeString(results, out.toString());
    say("written to " + results);
  }

  private String login(String base) throws Exception {
    String body =
        new JsonObject()
            .put("username", "admin")
            .put("password", ReportSeeder.PASSWORD)
            .put("domain", ReportSeeder.DOMAIN)
            .encode();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("login failed: " + r.body());
    }
    return new JsonObject(r.body()).getString("accessToken");
  }

  private long firstAgent(String base, String token) throws Exception {
    return new JsonObject(get(base, token, "/api/reports/choices").body())
        .getJsonArray("agents")
        .getJsonObject(0)
        .getLong("id");
  }

  private HttpResponse<String> get(String base, String token, String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(120))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
    }
    return r;
  }

  private void measure(String base, String token, String name, String path, int repeat)
      throws Exception {
    int rows = 0;
    double first = 0;
    for (int i = 0; i < 3; i++) {
      long t = System.nanoTime();
      rows = new JsonObject(get(base, token, path).body()).getJsonArray("items").size();
      if (i == 0) {
        first =
            (System.nanoTime() - t)
                / 1e6; // the first one fills the day rollup of its agents' closed days
      }
    }
    double[] ms = new double[repeat];
    for (int i = 0; i < repeat; i++) {
      long t = System.nanoTime();
      get(base, token, path);
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    String line =
        String.format(
            Locale.ROOT,
            "| %s | %d | %.0f | %.0f | %.0f | %.0f | %.0f |",
            name,
            rows,
            first,
            pct(ms, 50),
            pct(ms, 95),
            pct(ms, 99),
            ms[ms.length - 1]);
    say(line);
    out.append(line).append('\n');
  }

  private static double pct(double[] sorted, double p) {
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /**
   * The hourly agent report of the month for every agent, as CSV, read line by line while the heap
   * is sampled.
   */
  private void csv(ServerProcess server, String base, String token) throws Exception {
    double before = server.heapAfterGcMib();
    AtomicBoolean done = new AtomicBoolean();
    List<Double> samples = new ArrayList<>();
    Thread sampler =
        new Thread(
            () -> {
              while (!done.get()) {
                try {
                  samples.add(usedHeapMib(server.jcmd("GC.heap_info")));
                  Thread.sleep(250);
                } catch (Exception e) {
                  return;
                }
              }
            });
    sampler.start();
    long t = System.nanoTime();
    HttpResponse<InputStream> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(base + "/api/reports/agents?" + MONTH + "&interval=hour&format=csv"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(600))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    long rows = -1;
    long bytes = 0;
    double firstByteMs = -1;
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (firstByteMs < 0) {
          firstByteMs = (System.nanoTime() - t) / 1e6;
        }
        rows++;
        bytes += line.length() + 2;
      }
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    done.set(true);
    sampler.join();
    double after = server.heapAfterGcMib();
    double peak = samples.stream().mapToDouble(Double::doubleValue).max().orElse(-1);
    String text =
        String.format(
            Locale.ROOT,
            "%nCSV export: the hourly agent report of the month for all agents, "
                + "%,d rows (%.1f MiB) in %.1f s (first line after %.0f ms, status %d). Server heap after GC %.1f MiB "
                + "before and %.1f MiB after; the most heap in use during the export (sampled every 250 ms, garbage "
                + "included) %.1f MiB of the -Xmx%s heap.%n",
            rows,
            bytes / 1048576.0,
            seconds,
            firstByteMs,
            r.statusCode(),
            before,
            after,
            peak,
            opts.getOrDefault("xmx", "128m"));
    say(text);
    out.append(text);
  }

  private static double usedHeapMib(String info) {
    var m =
        java.util.regex.Pattern.compile("heap\\s+total\\s+(\\d+)K,\\s+used\\s+(\\d+)K")
            .matcher(info);
    return m.find() ? Long.parseLong(m.group(2)) / 1024.0 : -1;
  }
}
