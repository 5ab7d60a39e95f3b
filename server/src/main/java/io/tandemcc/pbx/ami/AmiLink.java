package io.tandemcc.pbx.ami;

import io.tandemcc.pbx.PbxCommandException;
import io.tandemcc.pbx.PbxCommands;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.PbxEvent.LinkDown;
import io.tandemcc.pbx.PbxEvent.LinkUp;
import io.tandemcc.pbx.PbxLink;
import io.tandemcc.pbx.PbxLinkStatus;
import io.tandemcc.pbx.PbxLinkStatus.State;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.event.FullyBootedEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.ResponseEvent;
import org.asteriskjava.manager.event.ShutdownEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AMI link to one Asterisk: owns one asterisk-java session at a time, logs in with events on,
 * declares the link up once Asterisk is fully booted, pings to detect dead sessions, and reconnects
 * with exponential backoff. Events are translated by {@link AmiEventTranslator} and handed to the
 * sink on this link's Vert.x context, in order.
 *
 * <p>Deploy it on a context of its own with {@link #deploy(Vertx, AmiConfig, Consumer)}, or {@link
 * #create create} it and host its {@link #verticle()} beside the owners of its events; stop it with
 * {@link #close()}. All mutable state is confined to the context of its {@link AmiLinkVerticle},
 * whose event loop also reads the AMI socket ({@link AmiLoopSocket}); blocking asterisk-java calls
 * (login, actions, logoff) run on a worker pool.
 */
public final class AmiLink implements PbxLink {
  private static final Logger log = LoggerFactory.getLogger(AmiLink.class);
  private static final int WORKER_THREADS = 4;

  private final Vertx vertx;
  private final AmiConfig config;
  private final Consumer<PbxEvent> sink;
  private final AmiEventTranslator translator;
  private final Backoff backoff;
  private final WorkerExecutor worker;
  private final NetClient sockets;
  private final AmiCommands commands;

  private volatile PbxLinkStatus status;
  private volatile LinkConnection liveSession; // logged in; what commands use
  private volatile AmiLoopSocket sessionSocket; // the socket of the latest session, once open
  private volatile String deploymentId;

  // confined to the link's context
  private Context context;
  private LinkConnection session;
  private long generation;
  private boolean loggedIn;
  private boolean booted;
  private boolean stopped;
  private Future<Void> stopping;
  private String shutdownNote;
  private long pingTimer = -1;
  private long bootTimer = -1;
  private long retryTimer = -1;

  private AmiLink(Vertx vertx, AmiConfig config, Consumer<PbxEvent> sink) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.config = Objects.requireNonNull(config, "config");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.translator = new AmiEventTranslator(config.id());
    this.backoff = new Backoff(config.reconnectMin(), config.reconnectMax());
    long maxBlock = config.connectTimeout().plus(config.actionTimeout()).multipliedBy(3).toMillis();
    this.worker =
        vertx.createSharedWorkerExecutor(
            "ami-" + config.id(), WORKER_THREADS, maxBlock, TimeUnit.MILLISECONDS);
    this.sockets =
        vertx.createNetClient(
            new NetClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setTcpNoDelay(true));
    this.commands = new AmiCommands(vertx, config, worker, () -> liveSession, translator);
    this.status = new PbxLinkStatus(config.id(), State.CONNECTING, Instant.now(), "", 0);
  }

  /**
   * Deploys the link's verticle; the future completes once the first connection attempt has been
   * started (not when the link is up: watch for {@link LinkUp} or {@link #status()}).
   */
  public static Future<AmiLink> deploy(Vertx vertx, AmiConfig config, Consumer<PbxEvent> sink) {
    AmiLink link = new AmiLink(vertx, config, sink);
    return vertx
        .deployVerticle(new AmiLinkVerticle(link))
        .map(
            id -> {
              link.deploymentId = id;
              return link;
            });
  }

  /**
   * A link whose {@link #verticle()} the caller deploys, typically as a part of {@link
   * io.tandemcc.common.OneEventLoop}, so that its events reach their owners without waking another
   * thread.
   */
  public static AmiLink create(Vertx vertx, AmiConfig config, Consumer<PbxEvent> sink) {
    return new AmiLink(vertx, config, sink);
  }

  /** The verticle that runs this link (for {@link #create}d links); it connects when it starts. */
  public VerticleBase verticle() {
    return new AmiLinkVerticle(this);
  }

  /** Logs off; a link {@link #deploy deployed} on its own is undeployed as well. */
  public Future<Void> close() {
    String id = deploymentId;
    if (id != null) {
      return vertx.undeploy(id);
    }
    Context running = context;
    if (running == null) {
      return Future.succeededFuture();
    }
    Promise<Void> closed = Promise.promise();
    running.runOnContext(v -> stop().onComplete(closed));
    return closed.future();
  }

  @Override
  public String pbx() {
    return config.id();
  }

  @Override
  public PbxLinkStatus status() {
    return status;
  }

  @Override
  public PbxCommands commands() {
    return commands;
  }

  /** Counters of the translator (unknown, malformed, unattributed events). */
  public TranslationStats stats() {
    return translator.stats();
  }

  /**
   * The context events are delivered on (package-private: tests use it to wait for in-flight
   * deliveries).
   */
  Context context() {
    return context;
  }

  // ---- lifecycle, on the verticle's context

  void start(Context verticleContext) {
    this.context = verticleContext;
    log.info("AMI {}: starting, {}", config.id(), config);
    connect();
  }

  /**
   * Idempotent: the hosting verticle stops the link again when Vert.x closes after {@link
   * #close()}.
   */
  Future<Void> stop() {
    if (stopping != null) {
      return stopping;
    }
    stopped = true;
    cancelTimers();
    LinkConnection closing = session;
    session = null;
    liveSession = null;
    generation++;
    setStatus(State.STOPPED, status.lastError());
    log.info("AMI {}: stopped", config.id());
    Future<Void> logoff =
        closing == null
            ? Future.succeededFuture()
            : worker.executeBlocking(
                () -> {
                  closing.closeQuietly();
                  return null;
                },
                false);
    stopping = logoff.transform(done -> worker.close()).transform(done -> sockets.close());
    return stopping;
  }

  private void connect() {
    retryTimer = -1;
    if (stopped) {
      return;
    }
    long gen = ++generation;
    loggedIn = false;
    booted = false;
    shutdownNote = null;
    LinkConnection connection =
        new LinkConnection(
            config,
            event -> fromAsteriskJava(gen, event),
            () -> context.runOnContext(v -> sessionLost(gen)),
            () -> {
              AmiLoopSocket socket =
                  AmiLoopSocket.open(
                      sockets, context, config, translator.stats(), event -> onEvent(gen, event));
              sessionSocket = socket;
              return socket;
            });
    session = connection;
    log.info(
        "AMI {}: connecting to {}:{} as {}",
        config.id(),
        config.host(),
        config.port(),
        config.username());
    worker
        .executeBlocking(
            () -> {
              connection.login("on");
              return null;
            },
            false)
        .onComplete(
            result -> {
              if (gen != generation) {
                closeLater(connection);
              } else if (result.failed()) {
                down(gen, loginFailure(result.cause()));
              } else {
                loggedIn(gen, connection);
              }
            });
  }

  /**
   * What asterisk-java's reader dispatches (answers to our actions, the end of the session) comes
   * on its own threads: hop onto the link's context, keeping the order. The events of ours come
   * straight from {@link AmiLoopSocket}, already on it.
   */
  private void fromAsteriskJava(long gen, ManagerEvent event) {
    context.runOnContext(v -> onEvent(gen, event));
  }

  private void onEvent(long gen, ManagerEvent event) {
    if (gen != generation) {
      return;
    }
    if (event instanceof ResponseEvent reply && reply.getInternalActionId() != null) {
      return; // an item of a list we asked for: AmiCommands collects it
    }
    if (event instanceof FullyBootedEvent) {
      booted = true;
      maybeUp();
    } else if (event instanceof ShutdownEvent shutdown) {
      shutdownNote =
          "Asterisk shut down ("
              + shutdown.getShutdown()
              + ", restart: "
              + shutdown.getRestart()
              + ")";
      log.warn("AMI {}: {}", config.id(), shutdownNote);
    }
    for (PbxEvent translated : translator.translate(event)) {
      emit(translated);
    }
  }

  private void loggedIn(long gen, LinkConnection connection) {
    loggedIn = true;
    liveSession = connection;
    log.info("AMI {}: logged in, waiting for FullyBooted", config.id());
    bootTimer =
        vertx.setTimer(
            config.bootWait().toMillis(),
            t -> {
              bootTimer = -1;
              if (gen == generation && !booted) {
                log.warn(
                    "AMI {}: no FullyBooted within {}, assuming Asterisk is up",
                    config.id(),
                    config.bootWait());
                booted = true;
                maybeUp();
              }
            });
    maybeUp();
  }

  private void maybeUp() {
    if (!loggedIn || !booted || status.state() == State.UP || stopped) {
      return;
    }
    cancelTimer(bootTimer);
    bootTimer = -1;
    backoff.reset();
    setStatus(State.UP, status.lastError());
    log.info("AMI {}: link up", config.id());
    long gen = generation;
    pingTimer = vertx.setPeriodic(config.pingInterval().toMillis(), t -> keepAlive(gen));
    emit(new LinkUp(config.id()));
  }

  private void keepAlive(long gen) {
    commands
        .ping()
        .onFailure(
            failure -> {
              if (gen == generation && !stopped) {
                down(gen, "keep-alive failed: " + describe(failure));
              }
            });
  }

  private void sessionLost(long gen) {
    if (gen == generation) {
      AmiLoopSocket socket = sessionSocket;
      String failure = socket == null ? null : socket.failure();
      down(
          gen,
          shutdownNote != null
              ? shutdownNote
              : failure != null
                  ? "connection closed: " + failure
                  : "connection closed by Asterisk");
    }
  }

  /** The session is gone or never came up: report once, then retry with backoff. */
  private void down(long gen, String reason) {
    if (gen != generation || stopped) {
      return;
    }
    LinkConnection lost = session;
    session = null;
    liveSession = null;
    generation++;
    cancelTimers();
    translator.reset();
    if (lost != null) {
      closeLater(lost);
    }
    boolean report = status.state() != State.DOWN;
    long delay = backoff.nextDelayMillis();
    status =
        new PbxLinkStatus(
            config.id(),
            State.DOWN,
            report ? Instant.now() : status.since(),
            reason,
            backoff.failures());
    if (report) {
      log.warn("AMI {}: link down: {}; retrying in {} ms", config.id(), reason, delay);
      emit(new LinkDown(config.id(), reason));
    } else {
      log.info(
          "AMI {}: still down: {}; retrying in {} ms (attempt {})",
          config.id(),
          reason,
          delay,
          backoff.failures());
    }
    retryTimer = vertx.setTimer(delay, t -> connect());
  }

  /**
   * Logging off may block until Asterisk answers: Vert.x's worker pool, which outlives our own
   * executor.
   */
  private void closeLater(LinkConnection connection) {
    vertx.executeBlocking(
        () -> {
          connection.closeQuietly();
          return null;
        },
        false);
  }

  private void emit(PbxEvent event) {
    try {
      sink.accept(event);
    } catch (RuntimeException e) {
      log.error(
          "AMI {}: event sink failed on {}", config.id(), event.getClass().getSimpleName(), e);
    }
  }

  private void setStatus(State state, String lastError) {
    status = new PbxLinkStatus(config.id(), state, Instant.now(), lastError, backoff.failures());
  }

  private void cancelTimers() {
    cancelTimer(pingTimer);
    cancelTimer(bootTimer);
    cancelTimer(retryTimer);
    pingTimer = -1;
    bootTimer = -1;
    retryTimer = -1;
  }

  private void cancelTimer(long id) {
    if (id >= 0) {
      vertx.cancelTimer(id);
    }
  }

  private static String loginFailure(Throwable failure) {
    String what = describe(failure);
    return failure instanceof AuthenticationFailedException
        ? "login refused: " + what
        : "cannot connect: " + what;
  }

  private static String describe(Throwable failure) {
    if (failure instanceof PbxCommandException refused) {
      return refused.pbxMessage();
    }
    Throwable cause = failure;
    while (cause.getMessage() == null && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
  }
}
