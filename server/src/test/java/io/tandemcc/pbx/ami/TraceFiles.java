package io.tandemcc.pbx.ami;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the recorded AMI traces. Maven runs tests in the module directory ({@code <checkout>/server}), and the traces
 * live in {@code shared/ami-traces} next to (or above) the checkout, e.g. {@code /work/shared/ami-traces} for a
 * checkout in {@code /work/wt-pbx}. So walk up from the working directory until a {@code shared/ami-traces} folder
 * turns up; this works for any worktree or fresh clone under the same parent. {@code -Dami.traces=<dir>} overrides.
 */
final class TraceFiles {
  private static final Path RELATIVE = Path.of("shared", "ami-traces");

  private TraceFiles() {}

  static Path directory() {
    String override = System.getProperty("ami.traces");
    if (override != null) {
      return requireDirectory(Path.of(override));
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(RELATIVE);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no shared/ami-traces folder above " + start + " (set -Dami.traces=<dir>)");
  }

  static Path trace(String name) {
    Path file = directory().resolve(name.endsWith(".ami") ? name : name + ".ami");
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("trace not found: " + file);
    }
    return file;
  }

  private static Path requireDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("not a directory: " + dir);
    }
    return dir;
  }
}
