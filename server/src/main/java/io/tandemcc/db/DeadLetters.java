package io.tandemcc.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes set aside for good: a row the database keeps refusing for a reason a retry cannot cure (a
 * constraint, a value it will not take). It is counted ({@code /api/health}), logged by what it is
 * and why it failed (the failure's class and SQL state, never its values), and, where the writer
 * can say what it held, kept as a line in {@code DATA_DIR/dead-letters/<kind>.jsonl} for an
 * operator to look at. The writes after it go on. Thread-safe.
 */
public final class DeadLetters {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
  private final Path directory;
  private final DatabaseHealth health;

  public DeadLetters(Path directory, DatabaseHealth health) {
    this.directory = directory;
    this.health = health;
  }

  /**
   * @param what names the write in the log (ids only: no personal data, no secrets)
   * @param line what the write held, kept in the kind's file; null: nothing to keep
   */
  public synchronized void setAside(String kind, String what, String line, Throwable failure) {
    health.countDeadLetter(kind);
    LOG.error(
        "{} set aside for good after repeated failures: {}",
        what,
        DatabaseHealth.describe(failure));
    if (line == null) {
      return;
    }
    try {
      Files.createDirectories(directory);
      Files.writeString(
          directory.resolve(kind + ".jsonl"),
          line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.SYNC);
    } catch (IOException e) {
      LOG.error("{} could not be kept in {}: {}", what, directory, e.toString());
    }
  }
}
