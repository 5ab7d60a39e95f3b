package io.tandemcc.pbx.provisioning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's asterisk-conf/ directory, found from the test's working directory (server/ under
 * Maven).
 */
final class AsteriskConfDir {
  private AsteriskConfDir() {}

  static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("asterisk-conf");
      if (Files.isRegularFile(candidate.resolve("pjsip.conf"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "asterisk-conf/ not found above " + Path.of("").toAbsolutePath());
  }

  static Path generated(String file) {
    return root().resolve(PbxConfig.DIRECTORY).resolve(file);
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
