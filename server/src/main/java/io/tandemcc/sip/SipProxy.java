package io.tandemcc.sip;

import io.tandemcc.auth.AuthAddresses;
import io.tandemcc.auth.RevokedSessions;
import io.tandemcc.auth.SessionEnded;
import io.tandemcc.call.SipSocketClosed;
import io.tandemcc.config.SipSettings;
import io.tandemcc.pbx.UpstreamCredentials;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * The SIP-over-WebSocket proxy of one HTTP verticle instance: owns its browser connections, each
 * paired with its own WebSocket to Asterisk, and closes a user's connections when the user's
 * sessions end. Everything runs on the owning verticle's event loop.
 */
public final class SipProxy {
  private static final long REVOCATION_SWEEP_MS = 5_000;
  private static final int CONNECT_TIMEOUT_MS = 5_000;

  private final Vertx vertx;
  private final SipSettings settings;
  private final SipCallPolicy policy;
  private final RevokedSessions revoked;
  private final UpstreamCredentials credentials;
  private final SipStats stats;
  private final SipSockets sockets;

  /** How often each browser socket is pinged (SOCKET_PING_SECONDS). */
  private final java.time.Duration socketPing;

  private final Set<SipConnection> connections = new HashSet<>();
  private MessageConsumer<SessionEnded> sessionsEnded;
  private WebSocketClient client;
  private long sweepTimer = -1;

  /**
   * @param credentials the agents' upstream passwords, or null to let Asterisk's challenges through
   */
  public SipProxy(
      Vertx vertx,
      SipSettings settings,
      SipCallPolicy policy,
      RevokedSessions revoked,
      UpstreamCredentials credentials,
      SipStats stats,
      SipSockets sockets,
      java.time.Duration socketPing) {
    this.socketPing = socketPing;
    this.credentials = credentials;
    this.vertx = vertx;
    this.settings = settings;
    this.policy = policy;
    this.revoked = revoked;
    this.stats = stats;
    this.sockets = sockets;
  }

  /** Call from the owning verticle's start. */
  public Future<Void> start() {
    client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setMaxFrameSize(SipGuard.MAX_FRAME_BYTES)
                .setMaxMessageSize(SipGuard.MAX_FRAME_BYTES)
                .setConnectTimeout(CONNECT_TIMEOUT_MS));
    sessionsEnded =
        vertx.eventBus().consumer(AuthAddresses.SESSION_ENDED, m -> onSessionEnded(m.body()));
    sweepTimer = vertx.setPeriodic(REVOCATION_SWEEP_MS, id -> closeRevoked());
    return sessionsEnded.completion();
  }

  public void stop() {
    vertx.cancelTimer(sweepTimer);
    if (sessionsEnded != null) {
      sessionsEnded.unregister();
    }
    new ArrayList<>(connections)
        .forEach(c -> c.close(SipCloseCodes.GOING_AWAY, SipSocketClosed.SERVER_STOPPING));
    if (client != null) {
      client.close();
    }
  }

  public int connectionCount() {
    return connections.size();
  }

  /** Takes a freshly upgraded browser WebSocket whose ticket proved {@code identity}. */
  public void accept(ServerWebSocket browser, SipIdentity identity) {
    SipConnection connection =
        new SipConnection(
            browser,
            identity,
            policy,
            credentials,
            stats,
            c -> {
              connections.remove(c);
              sockets.release(identity, c);
              vertx
                  .eventBus()
                  .publish(
                      SipSocketClosed.ADDRESS,
                      new SipSocketClosed(
                          identity.tenantId(),
                          identity.userId(),
                          identity.extension(),
                          c.closeReason()));
            });
    connections.add(connection);
    // the cap is shared by all HTTP verticles: the oldest socket may live on another event loop
    Context context = vertx.getOrCreateContext();
    sockets.claim(
        identity,
        connection,
        () ->
            context.runOnContext(
                v -> {
                  connection.close(
                      SipCloseCodes.REPLACED,
                      "phone taken over by a newer connection of this user");
                  sockets.release(identity, connection);
                }));
    connection.open(client, upstreamOptions());
    connection.heartbeat(vertx, socketPing);
  }

  private WebSocketConnectOptions upstreamOptions() {
    return new WebSocketConnectOptions()
        .setHost(settings.asteriskWsUrl().getHost())
        .setPort(settings.upstreamPort())
        .setURI(settings.upstreamPath())
        .setSsl(settings.upstreamTls())
        .addSubProtocol("sip")
        .setAllowOriginHeader(false)
        .setConnectTimeout(CONNECT_TIMEOUT_MS)
        .setTimeout(2L * CONNECT_TIMEOUT_MS);
  }

  private void onSessionEnded(SessionEnded e) {
    for (SipConnection c : new ArrayList<>(connections)) {
      SipIdentity id = c.identity();
      if (id.tenantId() == e.tenantId() && id.userId() == e.userId()) {
        c.close(SipCloseCodes.SESSION_ENDED, "session ended");
      }
    }
  }

  private void closeRevoked() {
    for (SipConnection c : new ArrayList<>(connections)) {
      if (revoked.isRevoked(c.identity().sessionId())) {
        c.close(SipCloseCodes.SESSION_REVOKED, "session revoked");
      }
    }
  }
}
