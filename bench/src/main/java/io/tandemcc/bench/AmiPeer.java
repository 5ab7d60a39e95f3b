package io.tandemcc.bench;

import io.tandemcc.testkit.AsteriskReplies;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Asterisk the server under test connects to: a TCP server speaking AMI like Asterisk 22. It
 * answers the login handshake asterisk-java performs (Challenge, Login, CoreSettings), Ping and
 * Logoff with the test kit's {@link AsteriskReplies} (the answers the server's tests get too), the
 * queue actions (QueueAdd, QueuePause, QueueRemove, QueueStatus) with the replies and QueueMember*
 * events of the traces, and keeps each member's queue and pause state as Asterisk would. {@link
 * CallGenerator} plays queue calls through {@link #write}. One server connection at a time (the
 * server has one AMI link).
 */
final class AmiPeer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AmiPeer.class);
  static final String BANNER = AsteriskReplies.BANNER + "\r\n";

  /**
   * A CLI command the server sent (provisioning's reloads), with the System.nanoTime() it arrived
   * at.
   */
  record Command(String command, long receivedNanos) {}

  /** Every command received, in order. */
  final java.util.List<Command> commands = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A queue member as Asterisk sees it. Written by the session's reader and the call generator. */
  static final class Member {
    final String iface;
    final String queue;
    final String name;
    volatile boolean paused;

    /** The call ringing or connected to this member, or null. */
    volatile String call;

    /**
     * The member's call ended; it waits for the pause that wrap-up brings before it can be called
     * again.
     */
    volatile boolean awaitingPause;

    Member(String iface, String queue, String name, boolean paused) {
      this.iface = iface;
      this.queue = queue;
      this.name = name;
      this.paused = paused;
    }

    boolean ready() {
      return !paused && call == null && !awaitingPause;
    }
  }

  private final ServerSocket server;
  private final Thread acceptor;
  private final Map<String, Member> members = new ConcurrentHashMap<>();
  private final AtomicLong eventsSent = new AtomicLong();
  private final AtomicLong membershipEvents = new AtomicLong();
  private final AtomicLong actions = new AtomicLong();
  private volatile Session session;
  private volatile boolean closed;

  AmiPeer() throws IOException {
    server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    acceptor = new Thread(this::acceptLoop, "ami-peer-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  Map<String, Member> members() {
    return members;
  }

  /** Event frames written so far (calls and membership). */
  long eventsSent() {
    return eventsSent.get();
  }

  long membershipEvents() {
    return membershipEvents.get();
  }

  long actionsReceived() {
    return actions.get();
  }

  boolean connected() {
    return session != null;
  }

  /** Writes one event frame (buffered; see {@link #flush}). */
  void write(CharSequence frame) throws IOException {
    Session s = session;
    if (s == null) {
      throw new IOException("the server is not connected");
    }
    s.write(frame);
    eventsSent.incrementAndGet();
  }

  void flush() throws IOException {
    Session s = session;
    if (s != null) {
      s.flush();
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing
    }
    Session s = session;
    if (s != null) {
      s.close();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        Session s = new Session(socket);
        session = s;
        s.write(BANNER);
        s.flush();
        Thread reader = new Thread(s::readLoop, "ami-peer-reader");
        reader.setDaemon(true);
        reader.start();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("AMI peer: accept failed: {}", e.toString());
        }
      }
    }
  }

  private final class Session {
    private final Socket socket;
    private final OutputStream out;

    Session(Socket socket) throws IOException {
      this.socket = socket;
      this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    }

    synchronized void write(CharSequence text) throws IOException {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    synchronized void flush() throws IOException {
      out.flush();
    }

    void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing
      }
    }

    void readLoop() {
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
        Map<String, String> frame = new HashMap<>();
        String line;
        while ((line = in.readLine()) != null) {
          if (line.isEmpty()) {
            if (!frame.isEmpty()) {
              actions.incrementAndGet();
              answer(frame);
              flush();
              frame = new HashMap<>();
            }
            continue;
          }
          int colon = line.indexOf(':');
          if (colon > 0) {
            frame.putIfAbsent(
                line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                line.substring(colon + 1).trim());
          }
        }
      } catch (IOException e) {
        if (!closed) {
          LOG.info("AMI peer: session ended: {}", e.toString());
        }
      } finally {
        if (session == this) {
          session = null;
        }
        close();
      }
    }

    private void answer(Map<String, String> a) throws IOException {
      String action = a.getOrDefault("action", "").toLowerCase(Locale.ROOT);
      String id = AsteriskReplies.id(a.get("actionid"));
      switch (action) {
        case "challenge" -> write(AsteriskReplies.challenge(id));
        case "login" -> write(AsteriskReplies.loginAccepted(id) + AsteriskReplies.fullyBooted(4));
        case "coresettings" -> write(AsteriskReplies.coreSettings(id));
        case "ping" -> write(AsteriskReplies.pong(id));
        case "logoff" -> {
          write(AsteriskReplies.goodbye(id));
          flush();
          socket.shutdownOutput();
        }
        case "queueadd" -> queueAdd(a, id);
        case "queuepause" -> queuePause(a, id);
        case "queueremove" -> queueRemove(a, id);
        case "queuestatus" -> queueStatus(a, id);
        // the provisioning reloads (module reload res_pjsip.so, queue reload all, dialplan reload):
        // stamped when
        // received, so the admin benchmark measures a change until its reload command reaches
        // Asterisk
        case "command" -> {
          commands.add(new Command(a.getOrDefault("command", ""), System.nanoTime()));
          write(AsteriskReplies.commandOutput(id, java.util.List.of()));
        }
        // the server lists the calls in progress at link-up (trace 01's frames); the benchmark's
        // link comes up once,
        // before any call is played, so there are none
        case "coreshowchannels" ->
            write(
                AsteriskReplies.emptyList(id, "Channels will follow", "CoreShowChannelsComplete"));
        default -> write(AsteriskReplies.unknownCommand(id, a.get("action")));
      }
    }

    private void queueAdd(Map<String, String> a, String id) throws IOException {
      String iface = a.getOrDefault("interface", "");
      String queue = a.getOrDefault("queue", "");
      boolean paused = "true".equalsIgnoreCase(a.get("paused"));
      Member existing = members.get(iface);
      if (existing != null && existing.queue.equals(queue)) {
        reply("Response: Error", id, "Message: Unable to add interface: Already there");
        return;
      }
      Member m = new Member(iface, queue, a.getOrDefault("membername", iface), paused);
      members.put(iface, m);
      reply("Response: Success", id, "Message: Added interface to queue");
      memberEvent("QueueMemberAdded", m, paused ? a.getOrDefault("reason", "") : "");
    }

    private void queuePause(Map<String, String> a, String id) throws IOException {
      Member m = members.get(a.getOrDefault("interface", ""));
      String queue = a.get("queue");
      if (m == null || queue != null && !queue.equals(m.queue)) {
        reply("Response: Error", id, "Message: Interface not found");
        return;
      }
      boolean paused = "true".equalsIgnoreCase(a.get("paused"));
      m.paused = paused;
      if (paused) {
        m.awaitingPause = false;
      }
      reply(
          "Response: Success",
          id,
          "Message: Interface " + (paused ? "paused" : "unpaused") + " successfully");
      memberEvent("QueueMemberPause", m, paused ? a.getOrDefault("reason", "") : "");
    }

    private void queueRemove(Map<String, String> a, String id) throws IOException {
      Member m = members.get(a.getOrDefault("interface", ""));
      if (m == null || !m.queue.equals(a.get("queue"))) {
        reply("Response: Error", id, "Message: Unable to remove interface: Not there");
        return;
      }
      members.remove(m.iface);
      reply("Response: Success", id, "Message: Removed interface from queue");
      memberEvent("QueueMemberRemoved", m, "");
    }

    private void queueStatus(Map<String, String> a, String id) throws IOException {
      reply("Response: Success", id, "EventList: start", "Message: Queue status will follow");
      int items = 0;
      String only = a.get("queue");
      for (Member m : members.values()) {
        if (only != null && !only.equals(m.queue)) {
          continue;
        }
        items++;
        event(
            "Event: QueueMember",
            "Queue: " + m.queue,
            "Name: " + m.name,
            "Location: " + m.iface,
            "StateInterface: " + m.iface,
            "Membership: dynamic",
            "Penalty: 0",
            "CallsTaken: 0",
            "LastCall: 0",
            "LastPause: 0",
            "LoginTime: 1795315349",
            "InCall: " + (m.call == null ? 0 : 1),
            "Status: 1",
            "Paused: " + (m.paused ? 1 : 0),
            "PausedReason: ",
            "Wrapuptime: 0",
            id);
      }
      event("Event: QueueStatusComplete", id, "EventList: Complete", "ListItems: " + items);
    }

    private void memberEvent(String name, Member m, String reason) throws IOException {
      membershipEvents.incrementAndGet();
      eventsSent.incrementAndGet();
      event(
          "Event: " + name,
          "Privilege: agent,all",
          "Queue: " + m.queue,
          "MemberName: " + m.name,
          "Interface: " + m.iface,
          "StateInterface: " + m.iface,
          "Membership: dynamic",
          "Penalty: 0",
          "CallsTaken: 0",
          "LastCall: 0",
          "LastPause: 0",
          "LoginTime: 1795315349",
          "InCall: 0",
          "Status: 1",
          "Paused: " + (m.paused ? 1 : 0),
          "PausedReason: " + reason,
          "Ringinuse: 0",
          "Wrapuptime: 0");
    }

    private void reply(String... lines) throws IOException {
      event(lines);
    }

    private void event(String... lines) throws IOException {
      StringBuilder b = new StringBuilder();
      for (String l : lines) {
        b.append(l).append("\r\n");
      }
      write(b.append("\r\n"));
    }
  }
}
