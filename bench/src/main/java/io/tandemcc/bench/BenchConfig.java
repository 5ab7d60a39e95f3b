package io.tandemcc.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The knobs of one benchmark run, from {@code --name=value} arguments (every one has a default: the
 * issue's target scenario). {@link #describe()} lists them for the report.
 */
record BenchConfig(
    int agents,
    int supervisors,
    int amiRate,
    int warmupSeconds,
    int warmupBursts,
    int measureSeconds,
    int burstEvents,
    double burstSeconds,
    int scaleAgents,
    int seedAgents,
    int wrapupSeconds,
    double callTimeScale,
    int loginConcurrency,
    int scaleLoginConcurrency,
    int shiftStart,
    int shiftInFlight,
    boolean baseline,
    String shape,
    Path serverJar,
    Path serverClasses,
    Path report,
    String serverJavaOpts) {

  /** The heap packaging/bin/tandem gives the server when TANDEM_HEAP_MIN/MAX are not set. */
  static final String DEFAULT_SERVER_JAVA_OPTS = "-Xms256m -Xmx1g";

  static BenchConfig parse(String[] args) {
    Map<String, String> a = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("arguments are --name=value, got " + arg);
      }
      a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    boolean smoke = Boolean.parseBoolean(a.getOrDefault("smoke", "false"));
    BenchConfig c =
        new BenchConfig(
            integer(a, "agents", smoke ? 50 : 2000),
            integer(a, "supervisors", smoke ? 5 : 50),
            integer(a, "ami-rate", 300),
            integer(a, "warmup", smoke ? 2 : 15),
            // the JIT compiles a call's code paths after some hundred calls; 5 bursts of the full
            // shape play 280
            integer(a, "warmup-bursts", smoke ? 0 : 5),
            integer(a, "duration", smoke ? 5 : 90),
            integer(a, "burst-events", smoke ? 1000 : 10_000),
            Double.parseDouble(a.getOrDefault("burst-seconds", "1")),
            integer(a, "scale-agents", smoke ? 0 : 10_000),
            integer(a, "seed-agents", 0),
            integer(a, "wrapup", 3),
            Double.parseDouble(a.getOrDefault("call-time-scale", "1")),
            integer(a, "login-concurrency", 4),
            // nothing is timed while the scale step signs in: enough logins in flight to keep both
            // cores hashing
            integer(a, "scale-login-concurrency", 8),
            // the shift start: that many more agents all sign in at once, on a fresh fleet after
            // the other steps (0: no such step)
            integer(a, "shift-start", 0),
            // a browser per agent would each bring its own connection; the load generator's file
            // limit allows this many logins in flight (the rest wait in its queue, as at a proxy)
            integer(a, "shift-in-flight", 1000),
            Boolean.parseBoolean(a.getOrDefault("baseline", "true")),
            a.getOrDefault("shape", "full"),
            Path.of(a.getOrDefault("server-jar", "server/target/tandemcc-server.jar")),
            Path.of(a.getOrDefault("server-classes", "server/target/classes")),
            Path.of(
                a.getOrDefault(
                    "report", smoke ? "bench/target/RESULTS-smoke.md" : "bench/RESULTS.md")),
            // the launcher's default heap (packaging/bin/tandem), so the figures are the shipped
            // configuration's
            a.getOrDefault("server-java-opts", DEFAULT_SERVER_JAVA_OPTS));
    a.keySet()
        .removeAll(
            java.util.Set.of(
                "agents",
                "supervisors",
                "ami-rate",
                "warmup",
                "warmup-bursts",
                "duration",
                "burst-events",
                "burst-seconds",
                "scale-agents",
                "seed-agents",
                "wrapup",
                "call-time-scale",
                "login-concurrency",
                "scale-login-concurrency",
                "shift-start",
                "shift-in-flight",
                "baseline",
                "shape",
                "server-jar",
                "server-classes",
                "report",
                "server-java-opts",
                "smoke"));
    if (!a.isEmpty()) {
      throw new IllegalArgumentException("unknown arguments: " + a.keySet());
    }
    if (!java.util.Set.of("full", "configured", "lean").contains(c.shape)) {
      throw new IllegalArgumentException(
          "--shape is full (every frame of the trace), configured (what "
              + "asterisk-conf/manager.conf lets through) or lean (queue-call events only)");
    }
    if (c.supervisors < 1 || c.agents < c.supervisors) {
      throw new IllegalArgumentException(
          "need at least one supervisor and at least as many agents as supervisors");
    }
    if (c.shiftStart < 0 || c.shiftInFlight < 1) {
      throw new IllegalArgumentException("--shift-start is ≥ 0 and --shift-in-flight ≥ 1");
    }
    return c;
  }

  /** The seeded population: enough agents for the scale step, then the shift start's own. */
  int seededAgents() {
    return firstShiftAgent() - 1 + shiftStart;
  }

  /** The shift start signs in agents nobody signed in before: the ones after everyone else's. */
  int firstShiftAgent() {
    return Math.max(Math.max(agents, scaleAgents), seedAgents) + 1;
  }

  /**
   * The most push channels the load generator holds at once: the fleet of the real server (up to
   * the scale step), or later the shift start's or the baseline's, each after the previous one is
   * closed.
   */
  int peakSessions() {
    return Math.max(Math.max(agents, scaleAgents) + supervisors, shiftStart);
  }

  String describe() {
    return "agents="
        + agents
        + ", supervisors="
        + supervisors
        + " (one group/queue each), AMI rate="
        + amiRate
        + " events/s ("
        + shape
        + " call shape), JIT warm-up "
        + warmupBursts
        + " unmeasured bursts, warm-up "
        + warmupSeconds
        + " s, measured "
        + measureSeconds
        + " s, burst "
        + burstEvents
        + " events in "
        + burstSeconds
        + " s, scale step to "
        + scaleAgents
        + " agent sessions ("
        + seededAgents()
        + " agents in the database), wrap-up "
        + wrapupSeconds
        + " s, call time scale "
        + callTimeScale
        + ", login concurrency "
        + loginConcurrency
        + " (scale step "
        + scaleLoginConcurrency
        + ")"
        + (shiftStart > 0
            ? ", shift start " + shiftStart + " agents at once (" + shiftInFlight + " in flight)"
            : "")
        + ", server JVM options '"
        + serverJavaOpts
        + "'";
  }

  private static int integer(Map<String, String> a, String name, int def) {
    return a.containsKey(name) ? Integer.parseInt(a.get(name)) : def;
  }
}
