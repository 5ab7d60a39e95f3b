package io.tandemcc.pbx.ami;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.parsetools.RecordParser;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.util.SocketConnectionFacade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AMI socket, read on the link's Vert.x event loop; asterisk-java's connection writes to it and
 * reads from it like from its own socket.
 *
 * <p>asterisk-java reads a socket on a thread of its own and hands every event to a second thread
 * (its event pump), and we then hop onto the link's context: two thread wake-ups between Asterisk's
 * frame and its owners, the largest part of the screen-pop's latency (bench/RESULTS.md, fix 7).
 * Here the event loop reads the socket ({@link AmiFrames} splits it): an event of ours is built on
 * the loop, with asterisk-java's own event builder, and handed to the link at once; the noise is
 * dropped there; responses, and the events that answer our actions, go on to asterisk-java's reader
 * through a queue, so its actions, their correlation, login and logoff work unchanged. After each
 * event the parsing of what else was read waits in the loop's queue, behind the tasks of that
 * event's owners: a queue call's {@code AgentCalled} reaches its owners before the dozen frames
 * Asterisk sends in the same millisecond are read.
 *
 * <p>The end of the connection (closed by Asterisk, by asterisk-java, or failed) ends
 * asterisk-java's reader, which is how the link learns that the session is lost.
 */
final class AmiLoopSocket implements SocketConnectionFacade {
  private static final Logger log = LoggerFactory.getLogger(AmiLoopSocket.class);

  /**
   * A longer line ends the connection (the link reconnects and resynchronises): a bound on what a
   * broken peer can make us hold, far above anything Asterisk sends (a whole CLI output is one
   * line).
   */
  static final int MAX_LINE = 8 << 20;

  /** What {@link #readLine()} hands out once the connection has ended (compared by identity). */
  private static final String END = new String("end of the AMI connection");

  /**
   * asterisk-java's event builder: its constructor, and its {@code buildEvent(Object source, Map
   * attributes)}.
   */
  private static final MethodHandle NEW_BUILDER;

  private static final MethodHandle BUILD_EVENT;

  private final NetSocket socket;
  private final String pbx;
  private final Consumer<ManagerEvent> events;
  private final Object builder = newEventBuilder();
  private final AmiFrames frames;
  private final TranslationStats stats;
  private final Context context;
  private final RecordParser lines;

  /** Lines for asterisk-java's reader thread, END last. */
  private final LinkedBlockingQueue<String> toReader = new LinkedBlockingQueue<>();

  private final StringBuilder pending = new StringBuilder(256); // guarded by this
  private volatile boolean ended;
  private volatile String failure;

  /** Set up on the event loop the socket belongs to, before it hands out its first bytes. */
  private AmiLoopSocket(
      NetSocket socket,
      Context context,
      String pbx,
      TranslationStats stats,
      Consumer<ManagerEvent> events) {
    this.stats = stats;
    this.socket = socket;
    this.context = context;
    this.pbx = pbx;
    this.events = events;
    this.frames =
        new AmiFrames(
            new AmiFrames.Out() {
              @Override
              public void toAsteriskJava(String line) {
                toReader.add(line);
              }

              @Override
              public void event(Map<String, Object> attributes) {
                deliver(attributes);
              }
            });
    this.lines = RecordParser.newDelimited("\r\n", socket);
    lines.maxRecordSize(MAX_LINE);
    lines.exceptionHandler(
        failure ->
            failed(
                failure instanceof IllegalStateException
                    ? "a line longer than " + MAX_LINE + " bytes"
                    : failure.toString()));
    lines.handler(line -> frames.line(line.toString(StandardCharsets.UTF_8)));
    socket.closeHandler(v -> end());
  }

  /**
   * Connects to Asterisk with a socket read on {@code context}'s event loop, which delivers the
   * events of ours to {@code events} there. Blocks the calling thread (asterisk-java's, logging
   * in), which must not be that loop.
   */
  static AmiLoopSocket open(
      NetClient client,
      Context context,
      AmiConfig config,
      TranslationStats stats,
      Consumer<ManagerEvent> events)
      throws IOException {
    if (Vertx.currentContext() == context && Context.isOnEventLoopThread()) {
      throw new IllegalStateException(
          "AmiLoopSocket.open blocks: call it off the link's event loop");
    }
    CompletableFuture<AmiLoopSocket> opened = new CompletableFuture<>();
    context.runOnContext(
        v ->
            client
                .connect(config.port(), config.host())
                .onComplete(
                    connected -> {
                      if (connected.failed()) {
                        opened.completeExceptionally(connected.cause());
                        return;
                      }
                      AmiLoopSocket socket =
                          new AmiLoopSocket(
                              connected.result(), context, config.id(), stats, events);
                      if (!opened.complete(socket)) {
                        socket.close(); // the caller gave up waiting
                      }
                    }));
    long wait =
        config.connectTimeout().toMillis()
            + 1000; // the client's own connect timeout ends it sooner
    try {
      return opened.get(wait, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
    } catch (TimeoutException e) {
      opened.cancel(false);
      throw new IOException("connect timed out after " + wait + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      opened.cancel(false);
      throw new InterruptedIOException("interrupted while connecting");
    }
  }

  /** Why this side closed the connection, or null (Asterisk closed it, or asterisk-java did). */
  String failure() {
    return failure;
  }

  // ---- on the event loop

  private void deliver(Map<String, Object> attributes) {
    ManagerEvent event;
    try {
      event = (ManagerEvent) BUILD_EVENT.invoke(builder, this, attributes);
    } catch (Error e) {
      throw e;
    } catch (
        Throwable
            e) { // NOPMD: MethodHandle.invoke declares Throwable; what the builder throws is this
      // event's
      log.warn("AMI {}: cannot read the {} event: {}", pbx, attributes.get("event"), e.toString());
      stats.malformed(String.valueOf(attributes.get("event")));
      return;
    }
    if (event
        == null) { // asterisk-java logged why (an event name it has no class for, among others)
      stats.unknown(String.valueOf(attributes.get("event")));
      return;
    }
    event.setDateReceived(new Date());
    events.accept(event);
    // the rest of what was read waits until the event's owners have run: their tasks are queued
    // now, this after them
    lines.pause();
    context.runOnContext(v -> lines.resume());
  }

  private void failed(String why) {
    if (failure == null) {
      failure = why;
      log.warn("AMI {}: closing the connection: {}", pbx, why);
    }
    socket.close();
  }

  private void end() {
    if (ended) {
      return;
    }
    ended = true;
    toReader.addAll(
        frames.unfinished()); // a frame cut off by the end: asterisk-java sees it as it came
    toReader.add(END);
  }

  // ---- asterisk-java's side, on its threads

  @Override
  public String readLine() throws IOException {
    try {
      String line = toReader.take();
      if (line == END) {
        toReader.add(END); // every later call sees the end too
        return null;
      }
      return line;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading");
    }
  }

  @Override
  public synchronized void write(String s) {
    pending.append(s);
  }

  @Override
  public void flush() throws IOException {
    String data;
    synchronized (this) {
      data = pending.toString();
      pending.setLength(0);
    }
    if (ended) {
      throw new IOException("AMI connection closed");
    }
    if (!data.isEmpty()) {
      socket.write(Buffer.buffer(data, StandardCharsets.UTF_8.name()));
    }
  }

  /** Closes the connection; asterisk-java's reader then reads its end. */
  @Override
  public void close() {
    socket.close();
  }

  @Override
  public boolean isConnected() {
    return !ended;
  }

  @Override
  public InetAddress getLocalAddress() {
    return address(socket.localAddress());
  }

  @Override
  public int getLocalPort() {
    return socket.localAddress().port();
  }

  @Override
  public InetAddress getRemoteAddress() {
    return address(socket.remoteAddress());
  }

  @Override
  public int getRemotePort() {
    return socket.remoteAddress().port();
  }

  private static InetAddress address(SocketAddress address) {
    try {
      return InetAddress.getByName(address.hostAddress());
    } catch (UnknownHostException e) {
      return null; // a literal address always resolves
    }
  }

  /**
   * asterisk-java's event builder, the one its reader uses: the same event classes, read the same
   * way. Class and constructor are package-private; this is the one place that reaches into
   * asterisk-java that way, and it fails when the class loads, not on the first event, if a later
   * asterisk-java moves them.
   */
  static {
    try {
      Class<?> impl = Class.forName("org.asteriskjava.manager.internal.EventBuilderImpl");
      Constructor<?> constructor = impl.getDeclaredConstructor();
      constructor.setAccessible(true);
      Method build = impl.getMethod("buildEvent", Object.class, Map.class);
      build.setAccessible(true);
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      NEW_BUILDER = lookup.unreflectConstructor(constructor);
      BUILD_EVENT = lookup.unreflect(build);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static Object newEventBuilder() {
    try {
      return NEW_BUILDER.invoke();
    } catch (Throwable e) { // NOPMD: rethrown
      throw new IllegalStateException("cannot create asterisk-java's event builder", e);
    }
  }
}
