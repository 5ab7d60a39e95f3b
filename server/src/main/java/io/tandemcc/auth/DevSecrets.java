package io.tandemcc.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Development mode only: random secrets generated once and kept in the data directory (readable by
 * its owner only), so sessions survive a restart and the generated Asterisk files stay valid.
 * Production mode requires JWT_SECRET and SIP_UPSTREAM_SECRET instead.
 */
public final class DevSecrets {
  private DevSecrets() {}

  public static String jwtSecret(Path dataDir) {
    return secret(dataDir.resolve("dev-jwt-secret"));
  }

  /**
   * The secret the agents' SIP passwords towards Asterisk are derived from
   * (pbx.UpstreamCredentials).
   */
  public static String sipUpstreamSecret(Path dataDir) {
    return secret(dataDir.resolve("dev-sip-upstream-secret"));
  }

  private static String secret(Path file) {
    Path dataDir = file.getParent();
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      Files.createDirectories(dataDir);
      byte[] bytes = new byte[48];
      new SecureRandom().nextBytes(bytes);
      String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      Files.writeString(file, secret);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // best effort on non-POSIX file systems
      }
      return secret;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create " + file, e);
    }
  }
}
