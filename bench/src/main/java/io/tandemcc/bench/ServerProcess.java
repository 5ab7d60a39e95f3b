package io.tandemcc.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM started as its own process (the server under test, or the bare baseline server), with what
 * can be measured from outside: CPU seconds and RSS from /proc/&lt;pid&gt;, heap after a full GC
 * through jcmd.
 */
final class ServerProcess implements AutoCloseable {
  private static final long CLOCK_TICKS = 100; // USER_HZ on Linux
  private final Process process;
  private final Path log;
  private final int port;

  private ServerProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts {@code java <opts> <mainArgs>} with this environment and waits for it to write its port
   * to portFile.
   */
  static ServerProcess start(
      String name,
      List<String> javaOpts,
      List<String> mainArgs,
      Map<String, String> env,
      Path portFile,
      Path log,
      Duration timeout)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(javaOpts);
    cmd.addAll(mainArgs);
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    // if the benchmark is interrupted, its servers go with it
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroy, "stop-" + name));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(name + " exited with " + p.exitValue() + "; see " + log);
      }
      if (Files.exists(portFile) && !Files.readString(portFile).isBlank()) {
        String first = Files.readString(portFile).trim().split(" ")[0];
        if (!first.matches("[0-9]+")) {
          p.destroy();
          throw new IllegalStateException(name + " wrote no port to " + portFile);
        }
        return new ServerProcess(
            p, log, Integer.parseInt(Files.readString(portFile).trim().split(" ")[0]));
      }
      Thread.sleep(100);
    }
    p.destroyForcibly();
    throw new IllegalStateException(name + " did not start within " + timeout + "; see " + log);
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /** User + system CPU seconds the process has used so far (all its threads). */
  double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after the command: state(0) ppid ... utime is field 14 of the whole line, i.e. index 11
      // here
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
    } catch (IOException e) {
      return Double.NaN;
    }
  }

  /** Resident set size in MiB. */
  double rssMib() {
    return statusMib("VmRSS:");
  }

  /** The peak resident set size in MiB, since the start or the last {@link #resetPeakRss()}. */
  double peakRssMib() {
    return statusMib("VmHWM:");
  }

  /**
   * Starts a new peak RSS window: "5" to /proc/PID/clear_refs resets VmHWM to the current RSS
   * (Linux 4.0 and later; see proc(5)). False if the kernel refused, so the peak is the lifetime's.
   */
  boolean resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc", Long.toString(pid()), "clear_refs"), "5");
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private double statusMib(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException e) {
      // gone
    }
    return Double.NaN;
  }

  /** Live threads of the process. */
  int threads() {
    try (var s = Files.list(Path.of("/proc", Long.toString(pid()), "task"))) {
      return (int) s.count();
    } catch (IOException e) {
      return -1;
    }
  }

  /** Heap used after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}), in MiB. */
  double heapAfterGcMib() throws IOException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    // G1: " garbage-first heap   total 262144K, used 51203K [...]"; other collectors: "... used
    // NNNK"
    Matcher m = Pattern.compile("heap\\s+total\\s+(\\d+)K,\\s+used\\s+(\\d+)K").matcher(info);
    if (m.find()) {
      return Long.parseLong(m.group(2)) / 1024.0;
    }
    Matcher any = Pattern.compile("used\\s+(\\d+)K").matcher(info);
    long used = 0;
    while (any.find()) {
      used += Long.parseLong(any.group(1));
    }
    return used / 1024.0;
  }

  String jcmd(String command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid()),
                command)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  /** A snapshot of the process's cost counters. */
  Usage usage() {
    return new Usage(cpuSeconds(), rssMib(), threads());
  }

  record Usage(double cpuSeconds, double rssMib, int threads) {}

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
