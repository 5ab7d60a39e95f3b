package io.tandemcc.db;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local append-only file of lines, each on disk ({@code fsync}) before its {@link #append}
 * completes: what the server acknowledges before the database has it (docs/durability.md). Its
 * owner replays {@link #recovered} lines into the database at start, and calls {@link #checkpoint}
 * whenever the database has caught up, which empties the file.
 *
 * <p>The file is written by one thread of its own, never a Vert.x worker: during a database outage
 * the workers wait for connections, and the journal must not wait behind them. Lines that arrive
 * while a write is under way go to disk together in the next one (group commit), so a burst costs a
 * few fsyncs, not one each. A line cut short by a crash (no newline at the end of the file) was
 * never acknowledged and is dropped when the file is read.
 */
public final class Journal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

  private final Path file;
  private final FileChannel channel;
  private final List<String> recovered;
  private final ExecutorService writer;
  private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();

  /** Highest sequence number on disk; read and written on the writer thread only. */
  private long written = Long.MIN_VALUE;

  private volatile String failure;

  private record Pending(long seq, byte[] line, Promise<Void> done, Context context) {}

  private Journal(Path file, FileChannel channel, List<String> recovered) {
    this.file = file;
    this.channel = channel;
    this.recovered = List.copyOf(recovered);
    this.writer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "tandemcc-journal-" + file.getFileName());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Opens (or creates) the journal file, reading what a previous run left in it; a failing write
   * shows on {@code /api/health} as the part {@code journal}.
   */
  public static Journal open(Path file, DatabaseHealth health) {
    Journal journal = open(file);
    health.watch("journal", journal::failure);
    return journal;
  }

  /** Opens (or creates) the journal file, reading what a previous run left in it. */
  public static Journal open(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
      int end = bytes.length - 1;
      while (end >= 0 && bytes[end] != '\n') {
        end--;
      }
      if (end + 1 < bytes.length) {
        LOG.warn(
            "journal {}: a line cut short by a crash was dropped (it had not been acknowledged)",
            file);
      }
      List<String> lines = new ArrayList<>();
      for (String line : new String(bytes, 0, end + 1, StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      channel.truncate(
          end + 1L); // whatever followed the last whole line goes; appends go after the whole lines
      channel.position(end + 1L);
      return new Journal(file, channel, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the journal " + file, e);
    }
  }

  /** The lines the previous run left: acknowledged, perhaps not yet in the database. */
  public List<String> recovered() {
    return recovered;
  }

  /**
   * Appends one line (no newline in it) and forces it to disk. Call it from a Vert.x context; the
   * future completes there, in the order of the appends.
   *
   * @param seq the caller's sequence number of the line, increasing; see {@link #checkpoint}
   */
  public Future<Void> append(long seq, String line) {
    if (line.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a journal line holds no newline");
    }
    Promise<Void> done = Promise.promise();
    pending.add(
        new Pending(
            seq, (line + "\n").getBytes(StandardCharsets.UTF_8), done, Vertx.currentContext()));
    writer.execute(this::writePending);
    return done.future();
  }

  /**
   * Everything up to {@code seq} is in the database: if nothing newer is on disk, the file is
   * emptied. Lines still on their way go after that, into the emptied file (under steady load the
   * file still empties at every checkpoint that caught up with the disk).
   */
  public void checkpoint(long seq) {
    writer.execute(
        () -> {
          if (seq >= written) {
            try {
              if (channel.size() > 0) {
                channel.truncate(0);
                channel.position(0);
                channel.force(true);
              }
            } catch (IOException e) {
              fail(e);
            }
          }
        });
  }

  /** Why the last write failed, or null if it worked: {@code /api/health} shows it. */
  public String failure() {
    return failure;
  }

  private void writePending() {
    List<Pending> batch = new ArrayList<>();
    for (Pending p = pending.poll(); p != null; p = pending.poll()) {
      batch.add(p);
    }
    if (batch.isEmpty()) {
      return; // an earlier task took these lines with its own
    }
    IOException error = null;
    try {
      int size = batch.stream().mapToInt(p -> p.line().length).sum();
      ByteBuffer buffer = ByteBuffer.allocate(size);
      batch.forEach(p -> buffer.put(p.line()));
      buffer.flip();
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(false);
      written = Math.max(written, batch.get(batch.size() - 1).seq());
      failure = null;
    } catch (IOException e) {
      error = e;
      fail(e);
    }
    IOException cause = error;
    for (Pending p : batch) {
      Runnable complete =
          () -> {
            if (cause == null) {
              p.done().tryComplete();
            } else {
              p.done().tryFail(cause);
            }
          };
      if (p.context() != null) {
        p.context().runOnContext(v -> complete.run());
      } else {
        complete.run();
      }
    }
  }

  private void fail(IOException e) {
    failure = e.getClass().getSimpleName();
    LOG.error("journal {}: write failed; acknowledgements now wait for the database", file, e);
  }

  @Override
  public void close() {
    writer.shutdown();
    try {
      writer.awaitTermination(5, TimeUnit.SECONDS);
      channel.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.warn("journal {}: close failed", file, e);
    }
  }
}
