package io.tandemcc.web;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A chunked {@code text/csv} response written from a worker thread (the one reading the database
 * cursor), with back-pressure: text collects in a buffer of about {@link #CHUNK} characters; a full
 * buffer is handed to the response's event loop and the worker waits until the response has taken
 * it and its write queue is not full (drained), so memory stays at a chunk or two whatever the size
 * of the export, and a slow client slows the cursor instead of filling the heap. A client that goes
 * away ends the export ({@link Cancelled}).
 */
final class CsvStream implements Appendable {
  static final int CHUNK = 32 * 1024;
  static final String CONTENT_TYPE = "text/csv; charset=utf-8";

  /** How long a client may take to accept one chunk before the export is given up. */
  private static final long STALL_SECONDS = 120;

  /** The client closed the connection (or stalled); the export stops. */
  static final class Cancelled extends RuntimeException {
    Cancelled(String message) {
      super(message, null, false, false);
    }
  }

  private final Context context;
  private final HttpServerResponse response;
  private final StringBuilder buffer = new StringBuilder(CHUNK + 1024);
  private volatile CompletableFuture<Void> pending;
  private volatile boolean closed;

  /** Sets the headers; call on the response's event loop. */
  CsvStream(Context context, HttpServerResponse response, String fileName) {
    this.context = context;
    this.response = response;
    response
        .setChunked(true)
        .putHeader("Content-Type", CONTENT_TYPE)
        .putHeader("Cache-Control", "no-store")
        .putHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    response.closeHandler(
        v -> {
          closed = true;
          CompletableFuture<Void> p = pending;
          if (p != null) {
            p.completeExceptionally(new Cancelled("client closed the connection"));
          }
        });
  }

  @Override
  public Appendable append(CharSequence s) {
    buffer.append(s);
    flushIfFull();
    return this;
  }

  @Override
  public Appendable append(CharSequence s, int start, int end) {
    buffer.append(s, start, end);
    flushIfFull();
    return this;
  }

  @Override
  public Appendable append(char c) {
    buffer.append(c);
    flushIfFull();
    return this;
  }

  private void flushIfFull() {
    if (buffer.length() >= CHUNK) {
      flush();
    }
  }

  /**
   * Hands the buffer to the response and waits until it is accepted (the write queue has room
   * again).
   */
  void flush() {
    if (closed) {
      throw new Cancelled("client closed the connection");
    }
    if (buffer.isEmpty()) {
      return;
    }
    Buffer chunk = Buffer.buffer(buffer.toString(), "UTF-8");
    buffer.setLength(0);
    CompletableFuture<Void> accepted = new CompletableFuture<>();
    pending = accepted;
    context.runOnContext(
        v -> {
          if (response.closed() || response.ended()) {
            accepted.completeExceptionally(new Cancelled("client closed the connection"));
            return;
          }
          response.write(chunk);
          if (response.writeQueueFull()) {
            response.drainHandler(d -> accepted.complete(null));
          } else {
            accepted.complete(null);
          }
        });
    try {
      accepted.get(STALL_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cancelled("interrupted");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Cancelled c ? c : new Cancelled(e.getCause().toString());
    } catch (TimeoutException e) {
      throw new Cancelled("client took no data for " + STALL_SECONDS + " s");
    } finally {
      pending = null;
    }
  }

  /** Sends what is left and ends the response (from any thread). */
  void end() {
    flush();
    context.runOnContext(
        v -> {
          if (!response.ended() && !response.closed()) {
            response.end();
          }
        });
  }

  /**
   * A failure after the first chunk: the status line is gone, so the connection is reset and the
   * client sees a broken download, never a short file that looks complete.
   */
  void abort() {
    context.runOnContext(
        v -> {
          if (!response.ended() && !response.closed()) {
            response.reset();
          }
        });
  }
}
