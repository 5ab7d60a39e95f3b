package io.tandemcc.pbx.ami;

import io.tandemcc.pbx.ami.AmiScript.Banner;
import io.tandemcc.pbx.ami.AmiScript.Close;
import io.tandemcc.pbx.ami.AmiScript.End;
import io.tandemcc.pbx.ami.AmiScript.Expect;
import io.tandemcc.pbx.ami.AmiScript.Gate;
import io.tandemcc.pbx.ami.AmiScript.Raw;
import io.tandemcc.pbx.ami.AmiScript.Refuse;
import io.tandemcc.pbx.ami.AmiScript.Send;
import io.tandemcc.pbx.ami.AmiScript.Step;
import io.tandemcc.testkit.AsteriskReplies;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real TCP server that speaks AMI to the real asterisk-java client, playing an {@link AmiScript}:
 * it greets with the banner, answers the client's actions with the recorded replies (matched by
 * Action name, ActionID rewritten to the one the client chose), streams the recorded events, closes
 * and refuses connections where the trace did.
 *
 * <p>Actions the script does not hold are answered like an idle Asterisk would: {@code Challenge},
 * {@code Login}, {@code CoreSettings} (asterisk-java's login handshake), {@code Ping}, {@code
 * Logoff}, {@code Command} (success, no output) and {@code CoreShowChannels} (no channel) by the
 * built-in replies of {@link AsteriskReplies}, anything else with {@code Response: Error}. (Not
 * QueueStatus: its error keeps the server's queue resynchronisation from adding the agents of the
 * other tests' tenants in the shared database.) After the script, the last session stays open and
 * answers actions; with {@link #acceptingAfterScript} new connections get a minimal healthy
 * Asterisk (login + FullyBooted).
 */
final class ScriptedAmiPeer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ScriptedAmiPeer.class);
  private static final long AWAIT_SECONDS = 15;

  /** How long the script waits for a connection, an awaited action or a gate. */
  private final long awaitSeconds;

  private final AmiScript script;
  private final boolean acceptAfterScript;
  private final int port;
  private final Map<Expect, Exchange> exchanges = new IdentityHashMap<>();
  private final List<List<Exchange>> exchangesBySession = new ArrayList<>();
  private final List<AmiFrame> received = new CopyOnWriteArrayList<>();
  private final List<Session> sessions = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> scriptDone = new CompletableFuture<>();
  private final Thread runner;
  private volatile ServerSocket server;
  private volatile boolean closed;

  private ScriptedAmiPeer(AmiScript script, boolean acceptAfterScript) throws IOException {
    this(script, acceptAfterScript, AWAIT_SECONDS);
  }

  private ScriptedAmiPeer(AmiScript script, boolean acceptAfterScript, long awaitSeconds)
      throws IOException {
    this.script = script;
    this.acceptAfterScript = acceptAfterScript;
    this.awaitSeconds = awaitSeconds;
    this.server = bind(0);
    this.port = server.getLocalPort();
    List<Exchange> current = null;
    for (Step step : script.steps()) {
      if (step instanceof Banner) {
        current = new ArrayList<>();
        exchangesBySession.add(current);
      } else if (step instanceof Expect expect) {
        Exchange exchange = new Exchange(expect, new CompletableFuture<>());
        exchanges.put(expect, exchange);
        if (current != null) {
          current.add(exchange);
        }
      }
    }
    this.runner = new Thread(this::run, "ami-peer-script");
    runner.setDaemon(true);
    runner.start();
  }

  static ScriptedAmiPeer start(AmiScript script) throws IOException {
    return new ScriptedAmiPeer(script, false);
  }

  /**
   * Like {@link #start}, and afterwards accepts any number of new sessions that log in and boot
   * normally.
   */
  static ScriptedAmiPeer acceptingAfterScript(AmiScript script) throws IOException {
    return new ScriptedAmiPeer(script, true);
  }

  /**
   * Like {@link #acceptingAfterScript}, waiting up to {@code patience} at each step (a server
   * started as a process).
   */
  static ScriptedAmiPeer acceptingAfterScript(AmiScript script, java.time.Duration patience)
      throws IOException {
    return new ScriptedAmiPeer(script, true, patience.toSeconds());
  }

  int port() {
    return port;
  }

  /**
   * Completes when the script has been played to its end (fails if an awaited action never came).
   */
  CompletableFuture<Void> scriptDone() {
    return scriptDone;
  }

  /** Every frame our client sent, in order, across sessions. */
  List<AmiFrame> received() {
    return List.copyOf(received);
  }

  List<AmiFrame> received(String action) {
    return received.stream().filter(f -> action.equalsIgnoreCase(f.action())).toList();
  }

  int sessionsAccepted() {
    return sessions.size();
  }

  /** The current session keeps reading but stops answering (a hung Asterisk). */
  void muteCurrentSession() {
    sessions.get(sessions.size() - 1).muted = true;
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    sessions.forEach(Session::close);
    runner.interrupt();
  }

  private void run() {
    try {
      Session session = null;
      int index = -1;
      for (Step step : script.steps()) {
        if (closed) {
          return;
        }
        if (step instanceof Banner banner) {
          session = accept(exchangesBySession.get(++index), true);
          session.write(banner.banner().toWire());
        } else if (step instanceof Send send) {
          session.write(send.frame().toWire());
        } else if (step instanceof Raw raw) {
          session.write(raw.text());
        } else if (step instanceof Expect expect) {
          if (expect.await()) {
            exchanges.get(expect).consumed().get(awaitSeconds, TimeUnit.SECONDS);
          }
        } else if (step instanceof Gate gate) {
          gate.open().get(awaitSeconds, TimeUnit.SECONDS);
        } else if (step instanceof Close) {
          session.endOfStream();
        } else if (step instanceof Refuse refuse) {
          closeQuietly(server);
          Thread.sleep(refuse.duration().toMillis());
          server = bind(port);
        } else if (step instanceof End) {
          break;
        }
      }
      scriptDone.complete(null);
      if (!acceptAfterScript) {
        return;
      }
      while (!closed) {
        accept(List.of(), false).write(AsteriskReplies.BANNER + "\r\n");
      }
    } catch (Exception e) {
      if (!closed) {
        log.error("peer script failed", e);
        scriptDone.completeExceptionally(e);
      }
    }
  }

  private Session accept(List<Exchange> sessionExchanges, boolean scripted) throws IOException {
    Socket socket = server.accept();
    Session session = new Session(socket, sessionExchanges, scripted);
    sessions.add(session);
    Thread reader = new Thread(session::readLoop, "ami-peer-session-" + sessions.size());
    reader.setDaemon(true);
    reader.start();
    return session;
  }

  private ServerSocket bind(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(awaitSeconds));
    return socket;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (Exception ignored) {
      // closing anyway
    }
  }

  private record Exchange(Expect expect, CompletableFuture<String> consumed) {}

  private final class Session {
    private final Socket socket;
    private final OutputStream out;
    private final List<Exchange> exchanges;
    private final boolean scripted;
    private volatile boolean muted;

    Session(Socket socket, List<Exchange> exchanges, boolean scripted) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
      this.exchanges = exchanges;
      this.scripted = scripted;
    }

    synchronized void write(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    void endOfStream() {
      try {
        socket.shutdownOutput();
      } catch (IOException e) {
        close();
      }
    }

    void close() {
      closeQuietly(socket);
    }

    void readLoop() {
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
          if (!line.isEmpty()) {
            lines.add(line);
          } else if (!lines.isEmpty()) {
            handle(new AmiFrame(lines));
            lines = new ArrayList<>();
          }
        }
      } catch (IOException e) {
        log.debug("peer session ended: {}", e.toString());
      } finally {
        close();
      }
    }

    private void handle(AmiFrame request) throws IOException {
      received.add(request);
      if (muted) {
        return;
      }
      String action = request.action() == null ? "" : request.action();
      String actionId = request.actionId();
      Exchange exchange = take(action);
      if (exchange != null) {
        for (AmiFrame reply : exchange.expect().replies()) {
          write(reply.withActionId(actionId).toWire());
        }
        exchange.consumed().complete(actionId);
        return;
      }
      answerUnscripted(action, actionId);
    }

    private synchronized Exchange take(String action) {
      for (Exchange exchange : exchanges) {
        if (!exchange.consumed().isDone() && action.equalsIgnoreCase(exchange.expect().action())) {
          return exchange;
        }
      }
      return null;
    }

    private void answerUnscripted(String action, String actionId) throws IOException {
      String id = AsteriskReplies.id(actionId);
      switch (action.toLowerCase(java.util.Locale.ROOT)) {
        case "challenge" -> write(AsteriskReplies.challenge(id));
        case "login" ->
            write(
                AsteriskReplies.loginAccepted(id)
                    + (scripted ? "" : AsteriskReplies.fullyBooted(1)));
        case "coresettings" -> write(AsteriskReplies.coreSettings(id));
        case "ping" -> write(AsteriskReplies.pong(id));
        case "logoff" -> {
          write(AsteriskReplies.goodbye(id));
          endOfStream();
        }
        case "command" -> write(AsteriskReplies.commandOutput(id, List.of()));
        case "coreshowchannels" ->
            write(
                AsteriskReplies.emptyList(id, "Channels will follow", "CoreShowChannelsComplete"));
        default -> write(AsteriskReplies.unknownCommand(id, action));
      }
    }
  }
}
