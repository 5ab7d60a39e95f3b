package io.tandemcc.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The baseline: a bare Vert.x WebSocket server with no logic, run as its own process like the
 * server under test. Clients connect to {@code /push} and say {@code {"type":"hello","index":i}}.
 * The load generator sends triggers, one line each, {@code <kind> <client index> <epoch micros>
 * <message>}, to a TCP port (as Asterisk sends AMI to the real server), where the message is one
 * the real server pushed to that client in the measured run; for each the server writes that same
 * message, wrapped with the trigger's time ({@code {"type":"bare.offer","t":…,"m":<message>}}, 35
 * bytes more), to that client. So it writes, compresses and the client inflates and parses the same
 * payloads. Same HTTP options as the real server (one HTTP verticle per core, per-message deflate
 * allowed).
 *
 * <p>Usage: {@code BareServer <port file>}: writes "httpPort triggerPort" to the file once
 * listening.
 */
public final class BareServer {
  private static final Map<Integer, ServerWebSocket> SOCKETS = new ConcurrentHashMap<>();

  private BareServer() {}

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    int cores = Runtime.getRuntime().availableProcessors();
    int httpPort = freePort();
    vertx
        .deployVerticle(
            () -> new PushVerticle(httpPort), new DeploymentOptions().setInstances(cores))
        .toCompletionStage()
        .toCompletableFuture()
        .get();
    var triggers =
        vertx
            .createNetServer()
            .connectHandler(
                socket ->
                    socket.handler(
                        RecordParser.newDelimited("\n", line -> trigger(line.toString()))))
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get();
    Path tmp = Path.of(args[0] + ".tmp");
    Files.writeString(tmp, httpPort + " " + triggers.actualPort());
    Files.move(tmp, Path.of(args[0]));
  }

  private static void trigger(String line) {
    String[] f = line.split(" ", 4);
    ServerWebSocket ws = SOCKETS.get(Integer.parseInt(f[1]));
    if (ws == null || ws.isClosed()) {
      return;
    }
    String type =
        switch (f[0]) {
          case "O" -> "bare.offer";
          case "T" -> "bare.team";
          case "U" -> "bare.other";
          default -> "bare.state";
        };
    ws.writeTextMessage("{\"type\":\"" + type + "\",\"t\":" + f[2] + ",\"m\":" + f[3] + "}");
  }

  private static int freePort() throws java.io.IOException {
    try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static final class PushVerticle extends VerticleBase {
    private final int port;

    PushVerticle(int port) {
      this.port = port;
    }

    @Override
    public Future<?> start() {
      return vertx
          .createHttpServer(
              new HttpServerOptions()
                  .setHost("127.0.0.1")
                  .setPort(port)
                  .setCompressionSupported(true)
                  .setMaxWebSocketFrameSize(64 * 1024)
                  .setMaxWebSocketMessageSize(64 * 1024))
          .webSocketHandler(
              ws ->
                  ws.textMessageHandler(
                      text -> {
                        JsonObject hello = new JsonObject(text);
                        int index = hello.getInteger("index");
                        SOCKETS.put(index, ws);
                        ws.closeHandler(v -> SOCKETS.remove(index, ws));
                        ws.writeTextMessage(new JsonObject().put("type", "bare.hello").encode());
                      }))
          .listen();
    }
  }
}
