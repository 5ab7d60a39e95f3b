package io.tandemcc.bench;

import io.tandemcc.bench.Fleet.AgentClient;
import io.tandemcc.bench.Fleet.SupervisorClient;
import io.tandemcc.db.Database;
import io.tandemcc.db.EmbeddedDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * The benchmark: seeds a PostgreSQL, starts the real server as its own process against it and the
 * scripted AMI peer, signs in the agents and supervisors, plays queue calls at a steady AMI rate,
 * then a burst, checks that nothing was lost, scales up to many sessions for the memory figures,
 * and finally replays the same pushes through a bare Vert.x WebSocket server for the baseline.
 * Writes the report (see {@link Report}).
 *
 * <p>Run with {@code make bench} (arguments: {@link BenchConfig}).
 */
public final class Bench {
  private final BenchConfig cfg;
  private final Report report;
  private final Metrics metrics = new Metrics();
  private final Vertx vertx;
  private final Path tmp;

  private Bench(BenchConfig cfg) throws Exception {
    this.cfg = cfg;
    this.report = new Report(cfg);
    this.vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(60_000));
    this.tmp = Files.createTempDirectory("tandemcc-bench");
  }

  public static void main(String[] args) throws Exception {
    BenchConfig cfg = BenchConfig.parse(args);
    Bench bench = new Bench(cfg);
    int status = 0;
    try {
      bench.run(String.join(" ", args));
    } catch (Exception e) {
      e.printStackTrace();
      status = 1;
    } finally {
      bench.vertx.close().toCompletionStage().toCompletableFuture().get();
    }
    System.exit(status);
  }

  private void run(String args) throws Exception {
    say("benchmark: " + cfg.describe() + "; work dir " + tmp);
    checkFileLimit();
    EmbeddedDatabase pg = EmbeddedDatabase.start(tmp.resolve("postgres"));
    try (AmiPeer peer = new AmiPeer()) {
      Database.open(vertx, pg.jdbcUrl(), pg.user(), null, 2).close(); // the server's own migrations
      long t = System.nanoTime();
      try (var c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), null)) {
        Seeder.seed(c, cfg.seededAgents(), cfg.supervisors(), cfg.wrapupSeconds());
      }
      say(
          String.format(
              "seeded %d agents and %d supervisors in %.1f s",
              cfg.seededAgents(), cfg.supervisors(), (System.nanoTime() - t) / 1e9));
      real(pg.jdbcUrl(), peer, args);
    } finally {
      pg.close();
    }
  }

  /**
   * Each push channel is one file descriptor in the load generator and one in the server (which
   * inherits this process's limit; the JVM raises its soft limit to the hard one at start). A run
   * that needs more stops here rather than with "Too many open files" an hour in.
   */
  private void checkFileLimit() throws java.io.IOException {
    long limit = openFileLimit();
    long needed = cfg.peakSessions() + cfg.shiftInFlight() + 2_000L;
    if (limit >= 0 && limit < needed) {
      throw new IllegalStateException(
          "this run holds up to "
              + cfg.peakSessions()
              + " push channels at once and needs about "
              + needed
              + " open files, but the limit is "
              + limit
              + " (ulimit -Hn; raising it needs CAP_SYS_RESOURCE): lower --agents, --scale-agents or"
              + " --shift-start, or raise the hard limit (e.g. LimitNOFILE= in a systemd unit)");
    }
  }

  /** This process's soft limit on open files, from /proc/self/limits; -1 if unknown. */
  static long openFileLimit() throws java.io.IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
      if (line.startsWith("Max open files")) {
        String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
        return "unlimited".equals(soft) ? Long.MAX_VALUE : Long.parseLong(soft);
      }
    }
    return -1;
  }

  // ---- the real server

  private void real(String jdbcUrl, AmiPeer peer, String args) throws Exception {
    CallTemplate template = CallTemplate.load(cfg.shape());
    CallGenerator calls = new CallGenerator(peer, template);
    report.framesPerCall = calls.framesPerCall();
    Map<String, String> env = new HashMap<>();
    env.put("CC_MODE", "dev");
    env.put("HTTP_PORT", "0");
    env.put("PORT_FILE", tmp.resolve("server.port").toString());
    env.put("DATA_DIR", tmp.resolve("server-data").toString());
    env.put("DATABASE_URL", jdbcUrl);
    env.put("DATABASE_USER", "postgres");
    env.put("DEMO_DATA", "false");
    env.put("AMI_HOST", "127.0.0.1");
    env.put("AMI_PORT", Integer.toString(peer.port()));
    env.put("AMI_SECRET", "bench-secret");
    env.put("ACCESS_TOKEN_TTL_SECONDS", "3600");
    List<String> opts =
        cfg.serverJavaOpts().isBlank() ? List.of() : List.of(cfg.serverJavaOpts().split(" +"));
    List<String> jar = List.of("-jar", cfg.serverJar().toString());
    try (ServerProcess server =
        ServerProcess.start(
            "server",
            opts,
            jar,
            env,
            tmp.resolve("server.port"),
            tmp.resolve("server.log"),
            Duration.ofMinutes(3))) {
      Fleet fleet = new Fleet(vertx, server.port(), metrics, calls, cfg.agents());
      waitFor(
          "the server's AMI link", Duration.ofSeconds(60), () -> peer.connected() && health(fleet));
      report.idle = snapshot(server, 0);
      say("server up (pid " + server.pid() + "), idle heap " + fmt(report.idle.heapMib()) + " MiB");

      // sign in: supervisors first, then agents, who go Ready
      List<Integer> agentNumbers = IntStream.rangeClosed(1, cfg.agents()).boxed().toList();
      List<Integer> supNumbers = IntStream.rangeClosed(1, cfg.supervisors()).boxed().toList();
      double cpu0 = server.cpuSeconds();
      long t0 = System.nanoTime();
      Checks.await(fleet.signIn(agentNumbers, supNumbers, cfg.loginConcurrency(), true));
      report.login =
          new Report.Logins(
              agentNumbers.size() + supNumbers.size(),
              (System.nanoTime() - t0) / 1e9,
              server.cpuSeconds() - cpu0);
      say(
          String.format(
              "signed in %d sessions in %.1f s (%.1f server CPU s)",
              report.login.sessions(), report.login.seconds(), report.login.cpuSeconds()));
      waitFor(
          "every agent Ready in its queue",
          Duration.ofSeconds(120),
          () -> readyMembers(peer) == cfg.agents());
      report.signedIn = snapshot(server, fleet.connected());

      warmUp(peer, calls, fleet);
      steady(server, peer, calls, fleet);
      burst(server, peer, calls, fleet, jdbcUrl);
      // a report with every figure of the real server before the long steps
      report.serverLog = serverLogSummary(server.log());
      report.resyncSeconds = resyncSeconds(server.log());
      report.write(args);
      say("report written to " + cfg.report());
      if (cfg.scaleAgents() > cfg.agents()) {
        scale(server, fleet);
      }
      // the steps after this one each hold a fleet of their own: one at a time, the load
      // generator's push channels stay under its open-file limit (see checkFileLimit)
      fleet.close();
      awaitIdle(server);
      if (cfg.shiftStart() > 0) {
        shiftStart(server);
      }
      // the baseline runs while the real server idles with no session left (its idle CPU is
      // reported with the scale step)
      if (cfg.baseline()) {
        baseline();
      }
      if (cfg.scaleAgents() > cfg.agents() || cfg.shiftStart() > 0 || cfg.baseline()) {
        report.serverLog = serverLogSummary(server.log());
        report.write(args);
        say("report rewritten with the later steps to " + cfg.report());
      }
    }
  }

  /**
   * The shift start: {@link BenchConfig#shiftStart()} agents nobody signed in before all sign in at
   * once on a fresh fleet ({@link BenchConfig#shiftInFlight()} HTTP requests in flight, the rest
   * queued in the client), each a real Argon2id verification, then opens its push channel. Measures
   * the time until every one is connected, the server's CPU and its peak RSS in that window (the
   * figure a heap setting must bound).
   */
  private void shiftStart(ServerProcess server) throws Exception {
    int first = cfg.firstShiftAgent();
    List<Integer> numbers = IntStream.range(first, first + cfg.shiftStart()).boxed().toList();
    say(
        "shift start: "
            + numbers.size()
            + " agents sign in at once ("
            + cfg.shiftInFlight()
            + " requests in flight)");
    double heapBefore = server.heapAfterGcMib();
    double rssBefore = server.rssMib();
    boolean windowed = server.resetPeakRss();
    Fleet shift = new Fleet(vertx, server.port(), metrics, null, cfg.agents(), cfg.shiftInFlight());
    shift.signInTimeoutSeconds = 3600;
    shift.retryBusyLogins = true;
    double cpu0 = server.cpuSeconds();
    long t0 = System.nanoTime();
    long progress = everyMinute("shift start", shift, numbers.size(), t0);
    try {
      Checks.await(shift.signIn(numbers, List.of(), numbers.size(), false));
      double seconds = (System.nanoTime() - t0) / 1e9;
      double cpu = server.cpuSeconds() - cpu0;
      double peak = server.peakRssMib();
      report.shift =
          new Report.Shift(
              numbers.size(),
              cfg.shiftInFlight(),
              seconds,
              cpu,
              heapBefore,
              rssBefore,
              peak,
              windowed,
              server.heapAfterGcMib(),
              server.rssMib(),
              shift.connected(),
              shift.busyRetries.get());
      say(
          String.format(
              "shift start: %d agents in %.1f s, %.1f server CPU s, peak RSS %.0f MiB, %d logins"
                  + " refused busy and tried again",
              numbers.size(), seconds, cpu, peak, shift.busyRetries.get()));
    } finally {
      vertx.cancelTimer(progress);
      shift.close();
    }
    awaitIdle(server);
  }

  /**
   * After a fleet closes, the server marks each of its agents disconnected after
   * DISCONNECTED_AFTER_SECONDS (20) and pauses them in their queues: waits past that and until the
   * server's CPU settles, so that work is not measured with the next step.
   */
  private void awaitIdle(ServerProcess server) throws InterruptedException {
    long t0 = System.nanoTime();
    Thread.sleep(25_000);
    while (System.nanoTime() - t0 < Duration.ofMinutes(5).toNanos()) {
      double cpu0 = server.cpuSeconds();
      Thread.sleep(2_000);
      if ((server.cpuSeconds() - cpu0) / 2 < 0.05) {
        break;
      }
    }
    say(String.format("server idle again after %.0f s", (System.nanoTime() - t0) / 1e9));
  }

  /**
   * Unmeasured: a server in service has handled thousands of calls, so the JIT has compiled the
   * code each call runs; a freshly started one runs it interpreted. A few bursts play a few hundred
   * calls before anything is timed (the bare server gets its own warm-up, see {@link #baseline()}).
   * Their calls are checked with the others at the end.
   */
  private void warmUp(AmiPeer peer, CallGenerator calls, Fleet fleet) throws Exception {
    if (cfg.warmupBursts() == 0) {
      return;
    }
    long t0 = System.nanoTime();
    int played = 0;
    for (int i = 0; i < cfg.warmupBursts(); i++) {
      played += calls.burst(cfg.burstEvents(), cfg.burstSeconds(), burstTimeScale()).calls().size();
      settle(peer, fleet);
    }
    say(
        String.format(
            "JIT warm-up: %d calls in %d bursts, %.0f s (not measured)",
            played, cfg.warmupBursts(), (System.nanoTime() - t0) / 1e9));
  }

  private void steady(ServerProcess server, AmiPeer peer, CallGenerator calls, Fleet fleet)
      throws Exception {
    say(
        "steady load: "
            + cfg.amiRate()
            + " AMI events/s for "
            + (cfg.warmupSeconds() + cfg.measureSeconds())
            + " s (the first "
            + cfg.warmupSeconds()
            + " s are warm-up)");
    double[] cpuAtStart = new double[1];
    long[] window = new long[2];
    long[] events = new long[2];
    long events0 = peer.eventsSent();
    Map<Long, Integer> balance = Checks.stateMessageBalance(agents(fleet), supervisors(fleet));
    vertx.setTimer(
        cfg.warmupSeconds() * 1000L + 1,
        id -> {
          metrics.resetAll();
          metrics.logging = true;
          cpuAtStart[0] = server.cpuSeconds();
          window[0] = System.nanoTime();
          events[0] = peer.eventsSent();
        });
    vertx.setTimer(
        (cfg.warmupSeconds() + cfg.measureSeconds()) * 1000L, id -> events[1] = peer.eventsSent());
    CallGenerator.Played played =
        calls.steady(
            cfg.amiRate(), cfg.warmupSeconds() + cfg.measureSeconds(), cfg.callTimeScale());
    window[1] = System.nanoTime();
    double cpu = server.cpuSeconds() - cpuAtStart[0];
    metrics.logging = false;
    report.steadyPlayed = played;
    report.steadyAllEvents = peer.eventsSent() - events0;
    report.measuredEventsPerSecond = (events[1] - events[0]) / (double) cfg.measureSeconds();
    report.steadyCpuPerSecond = cpu / ((window[1] - window[0]) / 1e9);
    report.replay = metrics.takeLog();
    report.steadyStragglers = settle(peer, fleet);
    Thread.sleep(500);
    report.steady =
        summaries(
            List.of(
                metrics.screenPop,
                metrics.popToOffer,
                metrics.offerToClient,
                metrics.supervisorFromChange,
                metrics.supervisorFromAmi,
                metrics.agentFromChange,
                metrics.agentFromAmi));
    report.afterSteady = snapshot(server, fleet.connected());
    Checks checks = new Checks();
    checks.fanOut(agents(fleet), supervisors(fleet), balance);
    report.steadyChecks = checks;
    say(
        String.format(
            "steady: %d calls, %.0f AMI events/s; screen-pop p99 %.2f ms, supervisor p99 %.2f ms",
            played.calls().size(),
            report.measuredEventsPerSecond,
            report.steady.get(0).p99(),
            report.steady.get(3).p99()));
  }

  private void burst(
      ServerProcess server, AmiPeer peer, CallGenerator calls, Fleet fleet, String jdbcUrl)
      throws Exception {
    say("burst: " + cfg.burstEvents() + " AMI events in " + cfg.burstSeconds() + " s");
    metrics.resetAll();
    Map<Integer, AgentClient> byExt = new HashMap<>();
    agents(fleet).forEach(a -> byExt.put(a.extension, a));
    Map<Long, Integer> balance = Checks.stateMessageBalance(agents(fleet), supervisors(fleet));
    Map<Long, Integer> wrapupsBefore = new HashMap<>();
    agents(fleet).forEach(a -> wrapupsBefore.put(a.agentId, a.wrapups.get()));
    double cpu0 = server.cpuSeconds();
    long t0 = System.nanoTime();
    CallGenerator.Played played =
        calls.burst(cfg.burstEvents(), cfg.burstSeconds(), burstTimeScale());
    double sendSeconds = (System.nanoTime() - t0) / 1e9;
    List<String> ids = played.calls().stream().map(c -> c.callId).toList();
    // drained: every call offered, every agent and supervisor told of its wrap-up, every call
    // record complete
    BooleanSupplier drained =
        () -> {
          for (BenchCall c : played.calls()) {
            AgentClient a = byExt.get(c.extension);
            if (!a.offers.contains(c.callId) || a.wrapups.get() <= wrapupsBefore.get(a.agentId)) {
              return false;
            }
          }
          return recordsComplete(jdbcUrl, ids);
        };
    boolean drainedInTime = waitUntil(Duration.ofSeconds(120), drained);
    double drainSeconds = (System.nanoTime() - t0) / 1e9;
    double cpu = server.cpuSeconds() - cpu0;
    report.burst =
        new Report.Burst(played, sendSeconds, drainedInTime ? drainSeconds : Double.NaN, cpu);
    report.burstLatencies =
        summaries(
            List.of(
                metrics.screenPop,
                metrics.popToOffer,
                metrics.offerToClient,
                metrics.supervisorFromChange,
                metrics.supervisorFromAmi));
    say(
        String.format(
            "burst: %d calls, %d events sent in %.2f s, drained after %.2f s",
            played.calls().size(), played.frames(), sendSeconds, drainSeconds));
    // settle: wrap-ups end, everyone Ready again, then check every agent and every call
    report.burstStragglers = settle(peer, fleet);
    Thread.sleep(1000);
    Checks checks = new Checks();
    checks.agentStates(fleet, agents(fleet), supervisors(fleet));
    checks.fanOut(agents(fleet), supervisors(fleet), balance);
    checks.calls(jdbcUrl, calls.calls().values(), byExt);
    report.finalChecks = checks;
    report.unplacedCalls = calls.unplaced();
    say(
        "checks: "
            + checks.agentsChecked
            + " agents, "
            + checks.callsChecked
            + " calls, "
            + checks.problemCount()
            + " problems "
            + checks.problems());
  }

  /**
   * Each call's frames (5.04 s as recorded) squeezed into half the burst's window, the calls
   * started over the other.
   */
  private double burstTimeScale() {
    return cfg.burstSeconds() / 2 / 5.04;
  }

  /** Says once a minute how many of {@code total} sessions are connected; cancel the timer. */
  private long everyMinute(String step, Fleet fleet, int total, long t0) {
    return vertx.setPeriodic(
        60_000,
        id ->
            say(
                String.format(
                    "%s: %d of %d sessions connected after %.0f s",
                    step, fleet.connected(), total, (System.nanoTime() - t0) / 1e9)));
  }

  private void scale(ServerProcess server, Fleet fleet) throws Exception {
    List<Integer> more =
        IntStream.rangeClosed(cfg.agents() + 1, cfg.scaleAgents()).boxed().toList();
    say("scale: signing in " + more.size() + " more agents (Not Ready)");
    double cpu0 = server.cpuSeconds();
    long t0 = System.nanoTime();
    int before = fleet.connected();
    long progress = everyMinute("scale", fleet, before + more.size(), t0);
    try {
      Checks.await(fleet.signIn(more, List.of(), cfg.scaleLoginConcurrency(), false));
    } finally {
      vertx.cancelTimer(progress);
    }
    report.scaleLogin =
        new Report.Logins(more.size(), (System.nanoTime() - t0) / 1e9, server.cpuSeconds() - cpu0);
    Thread.sleep(2000);
    double idle0 = server.cpuSeconds();
    Thread.sleep(10_000);
    report.scaleIdleCpuPerSecond = (server.cpuSeconds() - idle0) / 10;
    report.scaled = snapshot(server, fleet.connected());
    report.scaleCloses = new java.util.TreeMap<>(fleet.closes);
    say(
        "scale: "
            + report.scaled.sessions()
            + " sessions, heap after GC "
            + fmt(report.scaled.heapMib())
            + " MiB"
            + (fleet.closes.isEmpty() ? "" : "; push channels the server closed: " + fleet.closes));
  }

  // ---- the baseline

  private void baseline() throws Exception {
    say(
        "baseline: bare Vert.x WebSocket server, replaying "
            + report.replay.size()
            + " pushes to "
            + (cfg.agents() + cfg.supervisors())
            + " clients");
    Path portFile = tmp.resolve("bare.port");
    String cp = System.getProperty("java.class.path");
    try (ServerProcess bare =
        ServerProcess.start(
            "bare server",
            List.of("-cp", cp),
            List.of(BareServer.class.getName(), portFile.toString()),
            Map.of(),
            portFile,
            tmp.resolve("bare.log"),
            Duration.ofMinutes(1))) {
      String[] ports = Files.readString(portFile).trim().split(" ");
      Fleet fleet = new Fleet(vertx, Integer.parseInt(ports[0]), metrics, null, cfg.agents());
      Checks.await(fleet.connectBare(cfg.agents(), cfg.supervisors(), 32));
      List<Metrics.Push> log = report.replay;
      ServerProcess.Usage before;
      long t0;
      try (Socket s = new Socket("127.0.0.1", Integer.parseInt(ports[1]))) {
        s.setTcpNoDelay(true);
        BufferedWriter out =
            new BufferedWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8));
        // the bare server's JIT warm-up: the same pushes ten times as fast, not measured
        replay(log, 10, out);
        Thread.sleep(2000);
        metrics.resetAll();
        before = bare.usage();
        t0 = System.nanoTime();
        replay(log, 1, out);
        Thread.sleep(2000);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      ServerProcess.Usage after = bare.usage();
      report.bare = summaries(List.of(metrics.bareOffer, metrics.bareTeam, metrics.bareState));
      report.bareCpuPerSecond = (after.cpuSeconds() - before.cpuSeconds()) / seconds;
      report.bareSnapshot =
          new Report.Snapshot(
              fleet.connected(),
              bare.heapAfterGcMib(),
              after.rssMib(),
              after.cpuSeconds(),
              after.threads());
      fleet.close();
    }
  }

  /** Sends one trigger per push, at the pushes' original pace divided by {@code speed}. */
  private static void replay(List<Metrics.Push> log, int speed, BufferedWriter out)
      throws java.io.IOException {
    long t0 = System.nanoTime();
    long first = log.isEmpty() ? 0 : log.get(0).stimulusMicros();
    int i = 0;
    while (i < log.size()) {
      long due = t0 + (log.get(i).stimulusMicros() - first) * 1000 / speed;
      long wait = due - System.nanoTime();
      if (wait > 20_000) {
        java.util.concurrent.locks.LockSupport.parkNanos(wait);
        continue;
      }
      long now = Clocks.epochMicros();
      while (i < log.size()
          && t0 + (log.get(i).stimulusMicros() - first) * 1000 / speed <= System.nanoTime()) {
        Metrics.Push p = log.get(i++);
        out.write(p.kind() + " " + p.target() + " " + now + " " + p.text() + "\n");
      }
      out.flush();
    }
  }

  // ---- helpers

  private boolean health(Fleet fleet) {
    try {
      return Checks.await(
          fleet
              .call(io.vertx.core.http.HttpMethod.GET, "/api/health", null, null)
              .map(j -> "up".equals(j.getString("status")))
              .otherwise(false));
    } catch (Exception e) {
      return false;
    }
  }

  private static long readyMembers(AmiPeer peer) {
    return peer.members().values().stream().filter(AmiPeer.Member::ready).count();
  }

  private static boolean recordsComplete(String jdbcUrl, List<String> ids) {
    try (var c = DriverManager.getConnection(jdbcUrl, "postgres", null);
        var ps =
            c.prepareStatement(
                "select count(*) from call_record where call_id = any(?) and ended_at is not null"
                    + " and outcome = 'answered'")) {
      ps.setArray(1, c.createArrayOf("varchar", ids.toArray()));
      try (var r = ps.executeQuery()) {
        r.next();
        return r.getInt(1) == ids.size();
      }
    } catch (Exception e) {
      return false;
    }
  }

  private Report.Snapshot snapshot(ServerProcess server, int sessions) throws Exception {
    double heap = server.heapAfterGcMib();
    ServerProcess.Usage u = server.usage();
    return new Report.Snapshot(sessions, heap, u.rssMib(), u.cpuSeconds(), u.threads());
  }

  private static List<Latency.Summary> summaries(List<Latency> latencies) {
    return latencies.stream().map(Latency::summary).toList();
  }

  private static List<AgentClient> agents(Fleet fleet) {
    List<AgentClient> out = new ArrayList<>();
    fleet
        .clients()
        .values()
        .forEach(
            c -> {
              if (c instanceof AgentClient a) {
                out.add(a);
              }
            });
    return out;
  }

  private static List<SupervisorClient> supervisors(Fleet fleet) {
    List<SupervisorClient> out = new ArrayList<>();
    fleet
        .clients()
        .values()
        .forEach(
            c -> {
              if (c instanceof SupervisorClient s) {
                out.add(s);
              }
            });
    return out;
  }

  /**
   * How long the server took from "link up" to the end of its queue resynchronisation (QueueStatus
   * compared with every agent of every queue), from its log; NaN if not found.
   */
  private static double resyncSeconds(Path log) {
    try (var lines = Files.lines(log)) {
      List<String> l =
          lines
              .filter(
                  x ->
                      x.contains("AMI asterisk: link up") || x.contains("queue resynchronisation:"))
              .toList();
      if (l.size() < 2) {
        return Double.NaN;
      }
      return (java.time.LocalTime.parse(l.get(1).substring(0, 12)).toNanoOfDay()
              - java.time.LocalTime.parse(l.get(0).substring(0, 12)).toNanoOfDay())
          / 1e9;
    } catch (Exception e) {
      return Double.NaN;
    }
  }

  /** WARN and ERROR lines of the server's log, counted by logger, for the report. */
  private static Map<String, Integer> serverLogSummary(Path log) {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    try (var lines = Files.lines(log)) {
      lines
          .filter(l -> l.contains(" WARN ") || l.contains(" ERROR "))
          .forEach(
              l -> {
                int level = l.indexOf(' ');
                int logger = l.indexOf("] ");
                int msg = l.indexOf(" - ", Math.max(logger, 0));
                String key =
                    level > 0 && logger > 0 && msg > logger
                        ? l.substring(level + 1, level + 6).trim()
                            + " "
                            + l.substring(logger + 2, msg)
                        : l;
                counts.merge(key, 1, Integer::sum);
              });
    } catch (Exception e) {
      counts.put("log unreadable: " + e, 1);
    }
    return counts;
  }

  /**
   * Waits until every agent is Ready again in the peer's queues (wrap-ups over); returns those that
   * are not after a minute, as "agent: peer member state / client state", for the report.
   */
  private List<String> settle(AmiPeer peer, Fleet fleet) throws InterruptedException {
    if (waitUntil(Duration.ofSeconds(60), () -> readyMembers(peer) == cfg.agents())) {
      return List.of();
    }
    List<String> stragglers = new ArrayList<>();
    for (AgentClient a : agents(fleet)) {
      AmiPeer.Member m = peer.members().get("PJSIP/" + Seeder.DOMAIN + "-" + a.extension);
      if (m == null || !m.ready()) {
        stragglers.add(
            a.username
                + ": member "
                + (m == null
                    ? "absent"
                    : "paused="
                        + m.paused
                        + " call="
                        + m.call
                        + " awaitingPause="
                        + m.awaitingPause)
                + ", client "
                + Checks.view(a.lastState));
      }
    }
    say(
        "not Ready after a minute: "
            + stragglers.size()
            + " "
            + stragglers.subList(0, Math.min(5, stragglers.size())));
    return stragglers;
  }

  private static boolean waitUntil(Duration timeout, BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  private static void waitFor(String what, Duration timeout, BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  static String fmt(double v) {
    return String.format("%.1f", v);
  }

  private static void say(String line) {
    System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), line);
  }
}
