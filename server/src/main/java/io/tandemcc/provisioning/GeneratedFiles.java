package io.tandemcc.provisioning;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The directory Asterisk includes the generated files from. A file is replaced only when its
 * content changed, and atomically: the new content goes to a hidden temporary file in the same
 * directory, is flushed to disk, then renamed over the old one, so Asterisk reads either the old or
 * the new file, never half of one. Blocking: call it on a worker thread.
 */
final class GeneratedFiles {
  /**
   * A new file's permissions: Asterisk (group) must read it, nobody else: pjsip_tenants.conf holds
   * the agents' upstream passwords (pbx.UpstreamCredentials). A file that exists keeps its own
   * (e.g. 0640 in a setgid directory of group asterisk, as asterisk-conf/README.md installs it).
   */
  private static final String NEW_FILE_PERMISSIONS = "rw-r-----";

  private final Path directory;

  GeneratedFiles(Path directory) {
    this.directory = directory;
  }

  Path directory() {
    return directory;
  }

  /**
   * Writes every file whose content differs from what is on disk; returns their names, in the given
   * order.
   */
  List<String> writeChanged(Map<String, String> files) throws IOException {
    Files.createDirectories(directory);
    List<String> written = new ArrayList<>();
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = directory.resolve(file.getKey());
      byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
      if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content)) {
        continue;
      }
      replace(target, content);
      written.add(file.getKey());
    }
    return written;
  }

  private void replace(Path target, byte[] content) throws IOException {
    Path temporary = Files.createTempFile(directory, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel =
          FileChannel.open(
              temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(
            temporary,
            Files.isRegularFile(target)
                ? Files.getPosixFilePermissions(target)
                : PosixFilePermissions.fromString(NEW_FILE_PERMISSIONS));
      }
      Files.move(
          temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
