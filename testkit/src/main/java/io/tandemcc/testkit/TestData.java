package io.tandemcc.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the repository's recorded traces are: {@code testdata/ami-traces} and {@code
 * testdata/sip-traces} at the repository root. The system property {@code tandem.testdata} (set by
 * the Maven builds) or the environment variable {@code TANDEM_TESTDATA} names the {@code testdata}
 * folder; without them the first {@code testdata} folder that holds {@code ami-traces}, walking up
 * from the working directory, is it (a module directory, the repository root, an IDE run). Nothing
 * outside the repository is looked at, so a bare clone has everything its tests need.
 */
public final class TestData {
  /** The system property naming the {@code testdata} folder. */
  public static final String PROPERTY = "tandem.testdata";

  /**
   * The environment variable naming the {@code testdata} folder (the benchmark, the browser tests).
   */
  public static final String ENV = "TANDEM_TESTDATA";

  private TestData() {}

  /** The {@code testdata} folder. */
  public static Path root() {
    String given = System.getProperty(PROPERTY);
    if (given == null || given.isBlank()) {
      given = System.getenv(ENV);
    }
    if (given != null && !given.isBlank()) {
      Path dir = Path.of(given).toAbsolutePath().normalize();
      if (!Files.isDirectory(dir.resolve("ami-traces"))) {
        throw new IllegalStateException(
            "no ami-traces in " + dir + " (named by " + PROPERTY + " / " + ENV + ")");
      }
      return dir;
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("testdata");
      if (Files.isDirectory(candidate.resolve("ami-traces"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no testdata/ami-traces at or above " + start + " (set -D" + PROPERTY + ")");
  }

  /** The recorded AMI traces ({@code *.ami}). */
  public static Path amiTraces() {
    return root().resolve("ami-traces");
  }

  /** The recorded SIP over WebSocket traces ({@code *.sip}). */
  public static Path sipTraces() {
    return root().resolve("sip-traces");
  }

  /**
   * An AMI trace file by name, with or without {@code .ami}, e.g. {@code
   * "04-queue-call-answered-agent-hangs-up"}.
   */
  public static Path amiTrace(String name) {
    Path file = amiTraces().resolve(name.endsWith(".ami") ? name : name + ".ami");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("trace not found: " + file);
    }
    return file;
  }

  /** The names of every AMI trace (without {@code .ami}), sorted. */
  public static List<String> amiTraceNames() {
    try (Stream<Path> files = Files.list(amiTraces())) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".ami"))
          .map(n -> n.substring(0, n.length() - ".ami".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
