package io.tandemcc.pbx.demo;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The simulator's AMI side: listens on 127.0.0.1 (a free port), greets like Asterisk 22 and answers
 * the actions the server sends the way an idle Asterisk does (the answers' shapes are those of
 * traces 01, 02 and 17), keeping the queue members QueueAdd / QueuePause / QueueRemove made; {@link
 * DemoCalls} plays calls to them. Everything runs on this verticle's context. Actions it cannot
 * honour (Originate, transfers, conferences…) get an AMI error, which the server reports as a PBX
 * refusal.
 */
public final class DemoAmiPeer extends VerticleBase {
  static final String BANNER = "Asterisk Call Manager/11.0.0\r\n";

  private final Set<NetSocket> sessions = new CopyOnWriteArraySet<>();
  private final Map<String, DemoMember> members =
      new LinkedHashMap<>(); // key: queue + " " + interface
  private final DemoCalls calls;
  private NetServer server;
  private volatile int port;

  /**
   * @param tenantDomain the demo tenant: calls are played into its queues only ({@code
   *     <domain>-<queue>})
   */
  public DemoAmiPeer(String tenantDomain, DemoPace pace) {
    this.calls = new DemoCalls(this, tenantDomain, pace);
  }

  /** The port the server's AMI link connects to, once deployed. */
  public int port() {
    return port;
  }

  @Override
  public Future<?> start() {
    server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0));
    server.connectHandler(this::accepted);
    return server
        .listen()
        .onSuccess(
            s -> {
              port = s.actualPort();
              calls.start(vertx);
            });
  }

  @Override
  public Future<?> stop() {
    calls.stop();
    return server == null ? Future.succeededFuture() : server.close();
  }

  // ---- what the calls need

  List<DemoMember> members() {
    return List.copyOf(members.values());
  }

  /** Sends an event to every logged-in session (the server's link; a reconnect makes a new one). */
  void broadcast(String wire) {
    for (NetSocket s : sessions) {
      s.write(wire);
    }
  }

  // ---- the sessions

  private void accepted(NetSocket socket) {
    socket.write(BANNER);
    List<String> lines = new ArrayList<>();
    RecordParser parser =
        RecordParser.newDelimited(
            "\r\n",
            line -> {
              String text = line.toString(java.nio.charset.StandardCharsets.UTF_8);
              if (!text.isEmpty()) {
                lines.add(text);
                return;
              }
              if (!lines.isEmpty()) {
                Map<String, String> action = headers(lines);
                lines.clear();
                answer(socket, action);
              }
            });
    socket.handler(parser);
    socket.closeHandler(v -> sessions.remove(socket));
  }

  private static Map<String, String> headers(List<String> lines) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : lines) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    return headers;
  }

  private void answer(NetSocket socket, Map<String, String> a) {
    String id = "ActionID: " + a.getOrDefault("actionid", "");
    String action = a.getOrDefault("action", "").toLowerCase(Locale.ROOT);
    switch (action) {
      case "challenge" -> socket.write(frame("Response: Success", id, "Challenge: 184302811"));
      case "login" -> {
        socket.write(frame("Response: Success", id, "Message: Authentication accepted"));
        socket.write(
            frame(
                "Event: FullyBooted",
                "Privilege: system,all",
                "Uptime: 1",
                "LastReload: 1",
                "Status: Fully Booted"));
        sessions.add(socket);
      }
      case "logoff" -> {
        sessions.remove(socket);
        socket
            .write(frame("Response: Goodbye", id, "Message: Thanks for all the fish."))
            .onComplete(v -> socket.close());
      }
      case "ping" ->
          socket.write(
              frame(
                  "Response: Success",
                  id,
                  "Ping: Pong",
                  "Timestamp: " + System.currentTimeMillis() / 1000.0));
      case "coresettings" ->
          socket.write(
              frame(
                  "Response: Success",
                  id,
                  "AMIversion: 11.0.0",
                  "AsteriskVersion: 22.10.1",
                  "SystemName: demo"));
      case "command" ->
          socket.write(
              frame("Response: Success", id, "Message: Command output follows", "Output: "));
      case "queueadd" -> queueAdd(socket, id, a);
      case "queueremove" -> queueRemove(socket, id, a);
      case "queuepause" -> queuePause(socket, id, a);
      case "queuestatus" ->
          socket.write(DemoLists.queueStatus(id, a.get("queue"), members(), calls.waiting()));
      case "coreshowchannels" ->
          socket.write(DemoLists.empty(id, "Channels will follow", "CoreShowChannelsComplete"));
      case "confbridgelistrooms" ->
          socket.write(frame("Response: Error", id, "Message: No active conferences."));
      case "hangup" -> {
        boolean known = calls.hangUp(a.getOrDefault("channel", ""));
        socket.write(
            known
                ? frame("Response: Success", id, "Message: Channel Hungup")
                : frame("Response: Error", id, "Message: No such channel"));
      }
      default ->
          socket.write(
              frame(
                  "Response: Error",
                  id,
                  "Message: The demo call simulator cannot do this ("
                      + a.getOrDefault("action", "")
                      + "): no phone system"));
    }
  }

  private void queueAdd(NetSocket socket, String id, Map<String, String> a) {
    String queue = a.getOrDefault("queue", "");
    String iface = a.getOrDefault("interface", "");
    String key = queue + " " + iface;
    if (members.containsKey(key)) {
      socket.write(frame("Response: Error", id, "Message: Unable to add interface: Already there"));
      return;
    }
    boolean paused = Boolean.parseBoolean(a.getOrDefault("paused", "false"));
    DemoMember m =
        new DemoMember(
            queue,
            iface,
            a.getOrDefault("membername", iface),
            paused,
            paused ? a.getOrDefault("reason", "") : "",
            Instant.now().getEpochSecond());
    members.put(key, m);
    socket.write(frame("Response: Success", id, "Message: Added interface to queue"));
    broadcast(DemoLists.member("QueueMemberAdded", m, 1));
  }

  private void queueRemove(NetSocket socket, String id, Map<String, String> a) {
    DemoMember m =
        members.remove(a.getOrDefault("queue", "") + " " + a.getOrDefault("interface", ""));
    if (m == null) {
      socket.write(frame("Response: Error", id, "Message: Unable to remove interface: Not there"));
      return;
    }
    socket.write(frame("Response: Success", id, "Message: Removed interface from queue"));
    broadcast(DemoLists.member("QueueMemberRemoved", m, 1));
  }

  /** With a Queue header one queue, without it every queue of the interface (as Asterisk does). */
  private void queuePause(NetSocket socket, String id, Map<String, String> a) {
    String iface = a.getOrDefault("interface", "");
    String queue = a.get("queue");
    boolean paused = Boolean.parseBoolean(a.getOrDefault("paused", "false"));
    List<DemoMember> changed = new ArrayList<>();
    for (Map.Entry<String, DemoMember> e : members.entrySet()) {
      DemoMember m = e.getValue();
      if (m.iface().equals(iface)
          && (queue == null || queue.isEmpty() || m.queue().equals(queue))) {
        DemoMember now = m.paused(paused, a.getOrDefault("reason", ""));
        e.setValue(now);
        changed.add(now);
      }
    }
    if (changed.isEmpty()) {
      socket.write(frame("Response: Error", id, "Message: Interface not found"));
      return;
    }
    socket.write(
        frame(
            "Response: Success",
            id,
            "Message: Interface " + (paused ? "paused" : "unpaused") + " successfully"));
    for (DemoMember m : changed) {
      broadcast(DemoLists.member("QueueMemberPause", m, calls.busy(m.iface()) ? 2 : 1));
    }
  }

  static String frame(String... lines) {
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(Objects.requireNonNull(line)).append("\r\n");
    }
    return out.append("\r\n").toString();
  }

  /** For tests and logs: where it listens. */
  @Override
  public String toString() {
    return "DemoAmiPeer[127.0.0.1:" + port + "]";
  }

  /** Deploys it and completes with it once it listens. */
  public static Future<DemoAmiPeer> deploy(
      io.vertx.core.Vertx vertx, String tenantDomain, DemoPace pace) {
    DemoAmiPeer peer = new DemoAmiPeer(tenantDomain, pace);
    Promise<DemoAmiPeer> done = Promise.promise();
    vertx
        .deployVerticle(peer)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                done.complete(peer);
              } else {
                done.fail(ar.cause());
              }
            });
    return done.future();
  }
}
