package io.tandemcc.push;

import io.tandemcc.agent.AgentAddresses;
import io.tandemcc.agent.AgentState;
import io.tandemcc.agent.AgentStateChanged;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.auth.AccessTokens;
import io.tandemcc.auth.AuthAddresses;
import io.tandemcc.auth.Principal;
import io.tandemcc.auth.SessionEnded;
import io.tandemcc.call.CallAddresses;
import io.tandemcc.call.CallDataChanged;
import io.tandemcc.call.CallOffered;
import io.tandemcc.callback.CallbackAddresses;
import io.tandemcc.callback.CallbackDue;
import io.tandemcc.common.LocalTopic;
import io.tandemcc.common.SocketHeartbeat;
import io.tandemcc.common.TokenBucket;
import io.tandemcc.pbx.PbxAddresses;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.PbxLinks;
import io.tandemcc.queue.QueueActionFailed;
import io.tandemcc.queue.QueueAddresses;
import io.tandemcc.supervisor.BrowserPresence;
import io.tandemcc.supervisor.MonitorChanged;
import io.tandemcc.supervisor.SupervisorAddresses;
import io.tandemcc.supervisor.TeamUpdate;
import io.tandemcc.tenant.Role;
import io.tandemcc.tenant.TenantDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push channel of one HTTP verticle instance: authenticates browser WebSockets with an access
 * token (first message), then forwards what each may see. An agent gets only its own state; a
 * supervisor gets the team view's updates of the groups it supervises, an admin those of its whole
 * tenant; nothing ever crosses tenants. It also tells the team view how many browser connections
 * each agent has here. All maps are touched on one context only.
 */
public final class PushHub {
  private static final Logger LOG = LoggerFactory.getLogger(PushHub.class);

  /**
   * A browser sends {@code auth} as soon as the socket opens; one that does not within this long is
   * closed.
   */
  static final long AUTH_DEADLINE_MS = 5_000;

  /**
   * The message budget of an authenticated socket. A browser sends a ping after 25 s of silence and
   * an auth at each token renewal (minutes apart), so this is far above real use and far below a
   * flood: a socket that spends it is closed with {@link PushMessages#CLOSE_FLOODING} rather than
   * answered (1.5 M pings once grew the heap by 700 MB).
   */
  static final int MESSAGE_BURST = 20;

  static final double MESSAGES_PER_SECOND = 5;
  private static final long EXPIRY_SWEEP_MS = 5_000;

  private final Vertx vertx;
  private final AccessTokens tokens;
  private final AgentStateClient agents;
  private final TenantDirectory directory;
  private final PbxLinks pbx;
  private final Clock clock;

  /** How often each socket is pinged (SOCKET_PING_SECONDS); two unanswered pings close it. */
  private final java.time.Duration pingInterval;

  private final Set<PushConnection> connections = new HashSet<>();

  /** tenant id → agent id → that agent's own connections. */
  private final Map<Long, Map<Long, Set<PushConnection>>> agentConnections = new HashMap<>();

  /** tenant id → supervisor and admin connections. */
  private final Map<Long, Set<PushConnection>> watcherConnections = new HashMap<>();

  private final List<MessageConsumer<?>> consumers = new ArrayList<>();

  /** This hub's name in {@link BrowserPresence} reports. */
  private final String hubId = java.util.UUID.randomUUID().toString();

  private long sweepTimer = -1;
  private final LocalTopic<CallOffered> offered;
  private final LocalTopic<TeamUpdate> teamUpdates;
  private LocalTopic.Subscription offerSubscription;
  private LocalTopic.Subscription teamSubscription;

  /**
   * Told the server-side latency of each screen-pop: from the offer's decision to its write to the
   * agent's tabs.
   */
  private final java.util.function.Consumer<java.time.Duration> screenPops;

  public PushHub(
      Vertx vertx,
      AccessTokens tokens,
      AgentStateClient agents,
      TenantDirectory directory,
      PbxLinks pbx,
      Clock clock,
      LocalTopic<CallOffered> offered,
      LocalTopic<TeamUpdate> teamUpdates,
      java.time.Duration pingInterval,
      java.util.function.Consumer<java.time.Duration> screenPops) {
    this.screenPops = screenPops;
    this.vertx = vertx;
    this.pingInterval = pingInterval;
    this.offered = offered;
    this.teamUpdates = teamUpdates;
    this.pbx = pbx;
    this.tokens = tokens;
    this.agents = agents;
    this.directory = directory;
    this.clock = clock;
  }

  /** Subscribes to the events it forwards; call from the owning verticle's start. */
  public Future<Void> start() {
    MessageConsumer<AgentStateChanged> states =
        vertx.eventBus().consumer(AgentAddresses.STATE_CHANGED, m -> onStateChanged(m.body()));
    MessageConsumer<SessionEnded> ended =
        vertx.eventBus().consumer(AuthAddresses.SESSION_ENDED, m -> onSessionEnded(m.body()));
    offerSubscription =
        offered.subscribe(
            o -> {
              if (toAgent(o.tenantId(), o.agentId(), () -> PushMessages.callOffer(o))) {
                screenPops.accept(java.time.Duration.between(o.offeredAt(), clock.instant()));
              }
            });
    MessageConsumer<CallDataChanged> data =
        vertx
            .eventBus()
            .consumer(
                CallAddresses.DATA_CHANGED,
                m ->
                    toAgent(
                        m.body().tenantId(),
                        m.body().agentId(),
                        () -> PushMessages.callData(m.body())));
    MessageConsumer<io.tandemcc.call.ConferenceChanged> conference =
        vertx
            .eventBus()
            .consumer(
                CallAddresses.CONFERENCE_CHANGED,
                m -> toAgent(m.body().tenantId(), m.body().agentId(), m.body()::message));
    MessageConsumer<QueueActionFailed> refused =
        vertx
            .eventBus()
            .consumer(
                QueueAddresses.ACTION_FAILED,
                m ->
                    toAgent(
                        m.body().tenantId(),
                        m.body().agentId(),
                        () ->
                            PushMessages.error(
                                "pbx-refused",
                                "The phone system refused to "
                                    + m.body().action()
                                    + " you in queue "
                                    + m.body().queue()
                                    + ": "
                                    + m.body().message())));
    MessageConsumer<PbxEvent> links =
        vertx
            .eventBus()
            .consumer(
                PbxAddresses.LINK,
                m -> {
                  String text = PushMessages.pbxLink(pbx.allUp());
                  connections.stream()
                      .filter(PushConnection::authenticated)
                      .forEach(c -> send(c, text));
                });
    teamSubscription = teamUpdates.subscribe(this::onTeamUpdate);
    MessageConsumer<MonitorChanged> monitor =
        vertx
            .eventBus()
            .consumer(SupervisorAddresses.MONITOR_CHANGED, m -> onMonitorChanged(m.body()));
    MessageConsumer<CallbackDue> callbackDue =
        vertx
            .eventBus()
            .consumer(
                CallbackAddresses.DUE,
                m -> toAgent(m.body().tenantId(), m.body().agentId(), m.body()::message));
    MessageConsumer<io.tandemcc.call.CallConsultChanged> consult =
        vertx
            .eventBus()
            .consumer(
                CallAddresses.CONSULT_CHANGED,
                m ->
                    toAgent(
                        m.body().tenantId(),
                        m.body().agentId(),
                        () -> PushMessages.callConsult(m.body())));
    MessageConsumer<io.tandemcc.call.CallRecordingChanged> recording =
        vertx
            .eventBus()
            .consumer(
                CallAddresses.RECORDING_CHANGED,
                m ->
                    toAgent(
                        m.body().tenantId(),
                        m.body().agentId(),
                        () -> PushMessages.callRecording(m.body())));
    consumers.addAll(
        List.of(
            states,
            ended,
            data,
            refused,
            links,
            monitor,
            consult,
            recording,
            conference,
            callbackDue));
    sweepTimer = vertx.setPeriodic(EXPIRY_SWEEP_MS, id -> closeExpired());
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
  }

  public void stop() {
    vertx.cancelTimer(sweepTimer);
    for (LocalTopic.Subscription s :
        new LocalTopic.Subscription[] {offerSubscription, teamSubscription}) {
      if (s != null) {
        s.cancel();
      }
    }
    consumers.forEach(MessageConsumer::unregister);
    new ArrayList<>(connections).forEach(c -> c.socket.close());
  }

  public int connectionCount() {
    return connections.size();
  }

  /** Takes a freshly upgraded WebSocket. */
  public void accept(ServerWebSocket socket) {
    PushConnection conn =
        new PushConnection(
            socket, new TokenBucket(MESSAGES_PER_SECOND, MESSAGE_BURST, System::nanoTime));
    connections.add(conn);
    socket.textMessageHandler(text -> onText(conn, text));
    socket.binaryMessageHandler(
        b -> {
          if (admit(conn)) {
            reply(conn, PushMessages.error("unsupported", "Send JSON text."));
          }
        });
    // a browser that is gone without closing (asleep, network lost) stops answering pings: its
    // socket is closed, so
    // that its agent's presence (and the team view) sees it gone
    conn.heartbeat =
        SocketHeartbeat.start(
            vertx,
            socket,
            pingInterval,
            () -> {
              if (conn.authenticated()) {
                LOG.info(
                    "push socket of user {} of tenant {} closed: {} pings unanswered",
                    conn.principal.userId(),
                    conn.principal.tenantId(),
                    SocketHeartbeat.ALLOWED_MISSES);
              }
              socket.close(PushMessages.CLOSE_NOT_ANSWERING, "not answering pings");
              // a browser that answers no ping answers no close frame either: its close handler
              // would run only after the
              // closing timeout (10 s), so the page is counted as gone now
              forget(conn);
            });
    socket.closeHandler(v -> forget(conn));
    socket.exceptionHandler(e -> onSocketError(conn, e));
    vertx.setTimer(
        AUTH_DEADLINE_MS,
        id -> {
          if (!conn.authenticated() && !socket.isClosed()) {
            socket.close(PushMessages.CLOSE_UNAUTHENTICATED, "authenticate first");
          }
        });
  }

  private void onSocketError(PushConnection conn, Throwable e) {
    // Vert.x reports a message (of continuation frames) over the maximum message size here, drops
    // what it had
    // and would go on reading the next fragments as a new message: the socket is closed instead
    if (e instanceof IllegalStateException
        && String.valueOf(e.getMessage()).contains("max message size")) {
      if (!conn.socket.isClosed()) {
        conn.socket.close(PushMessages.CLOSE_TOO_BIG, "message too big");
      }
    } else {
      LOG.debug("push socket error", e);
    }
  }

  private void onText(PushConnection conn, String text) {
    if (!conn.authenticated()) {
      onFirstMessage(conn, text);
      return;
    }
    if (!admit(conn)) {
      return;
    }
    JsonObject msg = parse(text);
    String type = msg != null && msg.getValue("type") instanceof String t ? t : "";
    switch (type) {
      case "auth":
        authenticate(conn, msg.getValue("token") instanceof String t ? t : "");
        return;
      case "ping":
        reply(conn, PushMessages.pong());
        return;
      default:
        reply(
            conn,
            msg == null
                ? PushMessages.error("invalid-message", "Messages must be JSON objects.")
                : PushMessages.error("unknown-type", "Unknown message type."));
    }
  }

  /**
   * Before authentication the only message taken is one {@code auth}: anything else, or anything
   * more before the welcome, closes the socket unanswered, so an anonymous socket costs the server
   * nothing but its deadline.
   */
  private void onFirstMessage(PushConnection conn, String text) {
    if (conn.socket.isClosed()) {
      return;
    }
    JsonObject msg = conn.authPending ? null : parse(text);
    if (msg == null
        || !"auth".equals(msg.getValue("type"))
        || !(msg.getValue("token") instanceof String token)) {
      conn.socket.close(PushMessages.CLOSE_AUTH_FIRST, "authenticate first");
      return;
    }
    conn.authPending = true;
    authenticate(conn, token);
  }

  /** Takes one message from the socket's budget; a socket that is out of it is closed. */
  private boolean admit(PushConnection conn) {
    if (conn.socket.isClosed()) {
      return false;
    }
    if (!conn.authenticated()) {
      conn.socket.close(PushMessages.CLOSE_AUTH_FIRST, "authenticate first");
      return false;
    }
    if (!conn.budget.tryTake()) {
      LOG.info(
          "push socket of user {} of tenant {} closed: more than {} messages at once",
          conn.principal.userId(),
          conn.principal.tenantId(),
          MESSAGE_BURST);
      conn.socket.close(PushMessages.CLOSE_FLOODING, "too many messages");
      return false;
    }
    return true;
  }

  private static JsonObject parse(String text) {
    try {
      return new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }

  /**
   * An answer to the browser's own message: skipped, not queued, while the browser does not read.
   */
  private static void reply(PushConnection conn, String text) {
    if (!conn.socket.isClosed() && !conn.socket.writeQueueFull()) {
      conn.socket.writeTextMessage(text);
    }
  }

  private void authenticate(PushConnection conn, String token) {
    tokens
        .verify(token)
        .onComplete(
            ar -> {
              if (conn.socket.isClosed()) {
                return;
              }
              if (ar.failed()) {
                conn.socket.close(PushMessages.CLOSE_UNAUTHENTICATED, "token invalid or expired");
                return;
              }
              Principal p = ar.result().principal();
              if (ar.result().passwordChangeRequired()) {
                // as on the REST API: until the password is changed the token opens nothing live
                // (the forced-change page
                // needs no push); an open socket re-authenticated with such a token is closed, not
                // downgraded
                conn.socket.close(PushMessages.CLOSE_FORBIDDEN, "password change required");
                return;
              }
              if (conn.authenticated()) {
                // a renewed token for the same user and session extends the connection; anyone else
                // is refused
                if (conn.principal.userId() != p.userId()
                    || conn.principal.tenantId() != p.tenantId()) {
                  conn.socket.close(PushMessages.CLOSE_FORBIDDEN, "token of another user");
                  return;
                }
                conn.principal = p;
                conn.expiresAt = ar.result().expiresAt();
                return;
              }
              if (p.role() == Role.SYSTEM) {
                // system users manage tenants over REST; no tenant's live data is theirs
                conn.socket.close(PushMessages.CLOSE_FORBIDDEN, "not a tenant's user");
                return;
              }
              conn.principal = p;
              conn.expiresAt = ar.result().expiresAt();
              subscribe(conn)
                  .onComplete(
                      done -> {
                        if (done.failed()) {
                          LOG.warn(
                              "push subscription failed for user {} of tenant {}",
                              p.userId(),
                              p.tenantId(),
                              done.cause());
                          conn.socket.close(
                              PushMessages.CLOSE_UNAUTHENTICATED, "subscription failed");
                        }
                      });
            });
  }

  private Future<Void> subscribe(PushConnection conn) {
    Principal p = conn.principal;
    if (p.isAgent()) {
      agentConnections
          .computeIfAbsent(p.tenantId(), t -> new HashMap<>())
          .computeIfAbsent(p.agentId(), a -> new HashSet<>())
          .add(conn);
      reportPresence(p.tenantId(), p.agentId());
      return agents
          .current(p.tenantId(), p.agentId())
          .map(
              state -> {
                send(conn, PushMessages.welcome(p.agentId(), state, clock.instant(), pbxStatus()));
                return null;
              });
    }
    if (p.role() == Role.SUPERVISOR || p.role() == Role.ADMIN) {
      return directory
          .supervisedGroups(p.tenantId(), p.userId(), p.role())
          .map(
              groups -> {
                conn.watchedGroups = Set.copyOf(groups);
                watcherConnections.computeIfAbsent(p.tenantId(), t -> new HashSet<>()).add(conn);
                send(conn, PushMessages.welcome(null, null, clock.instant(), pbxStatus()));
                return null;
              });
    }
    send(conn, PushMessages.welcome(null, null, clock.instant(), pbxStatus()));
    return Future.succeededFuture();
  }

  private void onStateChanged(AgentStateChanged e) {
    Instant now = clock.instant();
    AgentState state = e.current();
    Set<PushConnection> own =
        agentConnections.getOrDefault(e.tenantId(), Map.of()).getOrDefault(e.agentId(), Set.of());
    if (!own.isEmpty()) {
      String text = PushMessages.ownState(e.agentId(), state, now);
      own.forEach(c -> send(c, text));
    }
  }

  /**
   * A supervisor sees the agents and queues of the groups it supervises; an admin sees its whole
   * tenant.
   */
  private void onTeamUpdate(TeamUpdate u) {
    for (PushConnection c : watcherConnections.getOrDefault(u.tenantId(), Set.of())) {
      if (c.principal.role() == Role.ADMIN
          || !Collections.disjoint(c.watchedGroups, u.groupIds())) {
        send(c, u.message());
      }
    }
  }

  /** Only the supervisor who monitors hears about it; never the agent. */
  private void onMonitorChanged(MonitorChanged e) {
    String text = null;
    for (PushConnection c : watcherConnections.getOrDefault(e.tenantId(), Set.of())) {
      if (c.principal.userId() == e.supervisorUserId()) {
        text = text != null ? text : PushMessages.monitor(e);
        send(c, text);
      }
    }
  }

  private void reportPresence(long tenantId, long agentId) {
    int count =
        agentConnections.getOrDefault(tenantId, Map.of()).getOrDefault(agentId, Set.of()).size();
    vertx
        .eventBus()
        .publish(
            SupervisorAddresses.PRESENCE_CHANGED,
            new BrowserPresence(tenantId, agentId, hubId, count));
  }

  /**
   * The message is built only by the hub that has the agent's connections (every hub gets every
   * event).
   */
  /** Sends to the agent's tabs on this hub; whether it had any. */
  private boolean toAgent(long tenantId, long agentId, Supplier<String> message) {
    Set<PushConnection> own =
        agentConnections.getOrDefault(tenantId, Map.of()).getOrDefault(agentId, Set.of());
    if (own.isEmpty()) {
      return false;
    }
    String text = message.get();
    own.forEach(c -> send(c, text));
    return true;
  }

  private void onSessionEnded(SessionEnded e) {
    for (PushConnection c : new ArrayList<>(connections)) {
      if (c.authenticated()
          && c.principal.tenantId() == e.tenantId()
          && c.principal.userId() == e.userId()) {
        send(c, PushMessages.sessionEnded(e.reason()));
        c.socket.close(PushMessages.CLOSE_SESSION_ENDED, "session ended");
      }
    }
  }

  /** Null when no PBX is configured, else whether every link is up. */
  private Boolean pbxStatus() {
    return pbx.configured() ? pbx.allUp() : null;
  }

  private void closeExpired() {
    Instant now = clock.instant();
    for (PushConnection c : new ArrayList<>(connections)) {
      if (c.authenticated() && c.expiresAt.isBefore(now)) {
        c.socket.close(PushMessages.CLOSE_UNAUTHENTICATED, "token expired");
      }
    }
  }

  private static void send(PushConnection c, String text) {
    if (!c.socket.isClosed() && !c.socket.writeQueueFull()) {
      c.socket.writeTextMessage(text);
    } else if (!c.socket.isClosed()) {
      // a browser that does not read is cut off rather than buffered without bound; it reconnects
      // and resyncs
      c.socket.close((short) 1013, "too slow");
    }
  }

  private void forget(PushConnection conn) {
    connections.remove(conn);
    conn.heartbeat.stop();
    Principal p = conn.principal;
    if (p == null) {
      return;
    }
    if (p.isAgent()) {
      Map<Long, Set<PushConnection>> byAgent = agentConnections.get(p.tenantId());
      if (byAgent != null) {
        Set<PushConnection> set = byAgent.get(p.agentId());
        if (set != null && set.remove(conn)) {
          if (set.isEmpty()) {
            byAgent.remove(p.agentId());
          }
          reportPresence(p.tenantId(), p.agentId());
        }
      }
    } else {
      Set<PushConnection> set = watcherConnections.get(p.tenantId());
      if (set != null) {
        set.remove(conn);
      }
    }
  }
}
