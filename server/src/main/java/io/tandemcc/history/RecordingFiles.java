package io.tandemcc.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The recordings directory. A file is found only by the name a call_recording row holds (never from
 * a request), and only if it lies inside the directory once every {@code ..} and symbolic link is
 * resolved: a row naming {@code ../../etc/passwd}, an absolute path or a link pointing out is
 * refused like a missing file.
 */
public final class RecordingFiles {
  private final Path root;

  public RecordingFiles(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The regular, readable file of a recording, or empty (missing, or outside the directory). */
  public Optional<Path> resolve(String fileName) {
    if (fileName == null || fileName.isBlank() || fileName.indexOf('\0') >= 0) {
      return Optional.empty();
    }
    try {
      Path relative = Path.of(fileName);
      if (relative.isAbsolute()) {
        return Optional.empty();
      }
      Path candidate = root.resolve(relative).normalize();
      if (!candidate.startsWith(root) || !Files.isRegularFile(candidate)) {
        return Optional.empty();
      }
      Path real = candidate.toRealPath();
      return real.startsWith(root.toRealPath()) && Files.isReadable(real)
          ? Optional.of(real)
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The content type a browser plays the file as, by its extension (MixMonitor writes what it is
   * told).
   */
  public static String contentType(Path file) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".mp3")) {
      return "audio/mpeg";
    }
    if (name.endsWith(".ogg") || name.endsWith(".opus")) {
      return "audio/ogg";
    }
    return name.endsWith(".gsm") ? "audio/gsm" : "audio/wav";
  }
}
