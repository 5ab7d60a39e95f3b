package io.tandemcc.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The browsers: agents and supervisors that log in through the real API ({@code POST /api/login}),
 * open the real push channel ({@code /api/push}, token as first message, per-message deflate as
 * browsers negotiate it) and read every message as JSON, as the web client does. Webphone
 * registration is left out. Against the bare baseline server the same clients connect without login
 * and read that server's payloads.
 */
final class Fleet {
  private final Vertx vertx;
  private final HttpClient http;
  private static final int SOCKETS_PER_SOURCE = 20_000;
  private final Map<Integer, WebSocketClient> webSockets = new ConcurrentHashMap<>();
  private final int port;
  private final Metrics metrics;
  private final CallGenerator calls;
  private final int agentCount;

  /** How long one sign-in may take, queued behind the others included. */
  int signInTimeoutSeconds = 120;

  /** Whether a login refused with 503 (login-busy) is tried again, as a person would. */
  boolean retryBusyLogins;

  /** Logins tried again after a 503. */
  final AtomicInteger busyRetries = new AtomicInteger();

  /**
   * Index of supervisor 1: above any agent's, so that the scale step's agents do not take
   * supervisors' places.
   */
  static final int SUPERVISOR_INDEX = 1_000_000;

  /** Clients by index: agent n at n-1, supervisor g at {@link #SUPERVISOR_INDEX} + g - 1. */
  private final Map<Integer, Client> clients = new ConcurrentHashMap<>();

  private final Map<Long, AgentClient> byAgentId = new ConcurrentHashMap<>();
  final AtomicLong badOffers = new AtomicLong();
  final AtomicLong errorMessages = new AtomicLong();
  final AtomicLong closedUnexpectedly = new AtomicLong();

  /** Push channels the server closed: "agent|supervisor close-code reason" → how many. */
  final Map<String, Integer> closes = new ConcurrentHashMap<>();

  Fleet(Vertx vertx, int port, Metrics metrics, CallGenerator calls, int agentCount) {
    this(vertx, port, metrics, calls, agentCount, 64);
  }

  /**
   * {@code httpConnections}: the most HTTP requests (logins, state changes) in flight at once; the
   * rest wait in the client's queue.
   */
  Fleet(
      Vertx vertx,
      int port,
      Metrics metrics,
      CallGenerator calls,
      int agentCount,
      int httpConnections) {
    this.vertx = vertx;
    this.port = port;
    this.metrics = metrics;
    this.calls = calls;
    this.agentCount = agentCount;
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(port)
                .setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(httpConnections));
  }

  /**
   * The WebSocket client for client {@code index}: one per source address 127.0.0.1, .2, ... each
   * for {@link #SOCKETS_PER_SOURCE} clients, because one source address has only the ephemeral
   * ports of ip_local_port_range (32768–60999, 28,232) towards the server's one port.
   */
  private WebSocketClient webSockets(int index) {
    return webSockets.computeIfAbsent(
        Math.max(0, index) / SOCKETS_PER_SOURCE,
        source ->
            vertx.createWebSocketClient(
                new WebSocketClientOptions()
                    .setLocalAddress("127.0.0." + (1 + source))
                    .setTryUsePerMessageCompression(true)
                    .setMaxFrameSize(1 << 20)
                    .setMaxMessageSize(1 << 20)
                    .setConnectTimeout(60_000)
                    // the default, 50 per server, would queue the 51st browser
                    .setMaxConnections(100_000)));
  }

  Map<Integer, Client> clients() {
    return clients;
  }

  AgentClient agent(long agentId) {
    return byAgentId.get(agentId);
  }

  int connected() {
    return (int)
        clients.values().stream().filter(c -> c.socket != null && !c.socket.isClosed()).count();
  }

  // ---- the clients

  /**
   * One browser tab. Fields are written on the socket's event loop and read after the run settles.
   */
  abstract class Client {
    final int index;
    final String username;
    String token;
    WebSocket socket;
    final Promise<Void> welcomed = Promise.promise();
    volatile long messages;
    volatile String step = "new";

    Client(int index, String username) {
      this.index = index;
      this.username = username;
    }

    void onText(String text) {
      long now = Clocks.epochMicros();
      messages++;
      JsonObject m = new JsonObject(text);
      String type = m.getString("type", "");
      switch (type) {
        case "welcome" -> welcomed.tryComplete();
        case "error" -> errorMessages.incrementAndGet();
        case "bare.hello" -> welcomed.tryComplete();
        default -> onMessage(type, m, now, text);
      }
    }

    abstract void onMessage(String type, JsonObject m, long now, String text);
  }

  final class AgentClient extends Client {
    final int extension;
    long agentId;
    final Set<String> offers = ConcurrentHashMap.newKeySet();
    final AtomicInteger stateMessages = new AtomicInteger();
    final AtomicInteger wrapups = new AtomicInteger();
    volatile JsonObject lastState;

    AgentClient(int n) {
      super(n - 1, Seeder.agentName(n));
      this.extension = Seeder.extension(n);
    }

    @Override
    void onMessage(String type, JsonObject m, long now, String text) {
      switch (type) {
        case "call.offer" -> {
          JsonObject call = m.getJsonObject("call");
          String callId = call.getString("callId");
          offers.add(callId);
          if (call.getJsonArray("attachedData").size() != 10
              || call.getJsonObject("popup") == null) {
            badOffers.incrementAndGet();
          }
          BenchCall c = calls == null ? null : calls.calls().get(callId);
          if (c != null && c.calledMicros > 0) {
            metrics.screenPop.record(now - c.calledMicros);
            long built = Clocks.micros(Instant.parse(call.getString("offeredAt")));
            metrics.popToOffer.record(built - c.calledMicros);
            metrics.offerToClient.record(now - built);
            metrics.log(c.calledMicros, 'O', index, text);
          }
        }
        case "agent.state" -> {
          JsonObject state = m.getJsonObject("state");
          boolean changed = lastState == null || !Checks.view(lastState).equals(Checks.view(state));
          lastState = state;
          if (!changed) {
            return;
          }
          stateMessages.incrementAndGet();
          if ("WRAPUP".equals(state.getString("status"))) {
            wrapups.incrementAndGet();
          }
          long change = changeMicros(state);
          metrics.agentFromChange.record(now - change);
          long stimulus = amiStimulus(extension, state);
          if (stimulus > 0) {
            metrics.agentFromAmi.record(now - stimulus);
          }
          metrics.log(stimulus > 0 ? stimulus : change, 'S', index, text);
        }
        case "bare.offer" -> metrics.bareOffer.record(now - m.getLong("t"));
        case "bare.state" -> metrics.bareState.record(now - m.getLong("t"));
        default -> {}
      }
    }
  }

  final class SupervisorClient extends Client {
    final Map<Long, JsonObject> team = new ConcurrentHashMap<>();
    final Map<Long, AtomicInteger> teamMessages = new ConcurrentHashMap<>();
    final Map<Long, AtomicInteger> teamWrapups = new ConcurrentHashMap<>();

    /**
     * Team updates that changed no agent's status or call state (phone, browser, call party, queue
     * figures).
     */
    final AtomicLong otherUpdates = new AtomicLong();

    SupervisorClient(int g) {
      super(SUPERVISOR_INDEX + g - 1, Seeder.supervisorName(g));
    }

    @Override
    void onMessage(String type, JsonObject m, long now, String text) {
      switch (type) {
        // the team view's delta: {"type":"team.agent","version","serverTime","agent":TeamAgent}
        case "team.agent" -> {
          if (!onTeam(
              m.getJsonObject("agent").getLong("agentId"), m.getJsonObject("agent"), now, text)) {
            logOther(m, text);
          }
        }
        // the push channel's older shape:
        // {"type":"team.agent.state","agentId","state":AgentStateView}
        case "team.agent.state" ->
            onTeam(m.getLong("agentId"), m.getJsonObject("state"), now, text);
        case "team.queue" -> {
          otherUpdates.incrementAndGet();
          logOther(m, text);
        }
        case "bare.team" -> metrics.bareTeam.record(now - m.getLong("t"));
        default -> {}
      }
    }

    /**
     * Pushes that are no state change are replayed to the baseline too (at the server's time, same
     * size).
     */
    private void logOther(JsonObject m, String text) {
      String at = m.getString("serverTime");
      if (at != null) {
        metrics.log(Clocks.micros(Instant.parse(at)), 'U', index, text);
      }
    }

    /**
     * Only a change of status or call state is a state change (true); other updates of the agent
     * are counted apart.
     */
    private boolean onTeam(long agentId, JsonObject state, long now, String text) {
      JsonObject previous = team.put(agentId, state);
      if (previous != null && Checks.view(previous).equals(Checks.view(state))) {
        otherUpdates.incrementAndGet();
        return false;
      }
      teamMessages.computeIfAbsent(agentId, id -> new AtomicInteger()).incrementAndGet();
      if ("WRAPUP".equals(state.getString("status"))) {
        teamWrapups.computeIfAbsent(agentId, id -> new AtomicInteger()).incrementAndGet();
      }
      long change = changeMicros(state);
      metrics.supervisorFromChange.record(now - change);
      AgentClient a = byAgentId.get(agentId);
      long stimulus = a == null ? 0 : amiStimulus(a.extension, state);
      if (stimulus > 0) {
        metrics.supervisorFromAmi.record(now - stimulus);
      }
      metrics.log(stimulus > 0 ? stimulus : change, 'T', index, text);
      return true;
    }
  }

  /** When the server changed this state: the later of the status's since and the call's since. */
  static long changeMicros(JsonObject state) {
    long since = Clocks.micros(Instant.parse(state.getString("since")));
    JsonObject call = state.getJsonObject("call");
    if (call != null) {
      since = Math.max(since, Clocks.micros(Instant.parse(call.getString("since"))));
    }
    return since;
  }

  /**
   * The send time of the AMI frame that caused this state, or 0 when no AMI frame did (a request, a
   * timer).
   */
  private long amiStimulus(int extension, JsonObject state) {
    if (calls == null) {
      return 0;
    }
    JsonObject call = state.getJsonObject("call");
    if (call != null) {
      BenchCall c = calls.calls().get(call.getString("callId"));
      if (c == null) {
        return 0;
      }
      return switch (call.getString("state")) {
        case "RINGING" -> c.calledMicros;
        case "TALKING" -> c.connectMicros;
        default -> 0;
      };
    }
    if ("WRAPUP".equals(state.getString("status"))) {
      BenchCall c = calls.latest(extension);
      return c == null ? 0 : c.completeMicros;
    }
    return 0;
  }

  // ---- signing in

  /**
   * Signs in and connects agents {@code numbers} (1-based) and supervisors, {@code concurrency} at
   * a time.
   */
  Future<Void> signIn(
      List<Integer> agentNumbers, List<Integer> supervisorNumbers, int concurrency, boolean ready) {
    int total = agentNumbers.size() + supervisorNumbers.size();
    IntFunction<Future<Void>> one =
        i ->
            i < supervisorNumbers.size()
                ? signIn(new SupervisorClient(supervisorNumbers.get(i)), false)
                : signIn(new AgentClient(agentNumbers.get(i - supervisorNumbers.size())), ready);
    return inParallel(total, concurrency, one);
  }

  private Future<Void> signIn(Client c, boolean ready) {
    clients.put(c.index, c);
    JsonObject body =
        new JsonObject()
            .put("username", c.username)
            .put("password", Seeder.PASSWORD)
            .put("domain", Seeder.DOMAIN);
    c.step = "login";
    return login(body)
        .compose(
            session -> {
              c.step = "push";
              c.token = session.getString("accessToken");
              if (c instanceof AgentClient a) {
                a.agentId = session.getJsonObject("agent").getLong("id");
                byAgentId.put(a.agentId, a);
              }
              return connect(
                  c, "/api/push", new JsonObject().put("type", "auth").put("token", c.token));
            })
        .compose(
            v ->
                c instanceof SupervisorClient sup
                    ? teamSnapshot(sup)
                    : Future.<Void>succeededFuture())
        .compose(
            v ->
                (c.step = "ready") != null && ready && c instanceof AgentClient
                    ? call(
                            HttpMethod.PUT,
                            "/api/agent/state",
                            c.token,
                            new JsonObject().put("status", "READY"))
                        .mapEmpty()
                    : Future.<Void>succeededFuture())
        .timeout(signInTimeoutSeconds, java.util.concurrent.TimeUnit.SECONDS)
        .recover(
            e ->
                Future.failedFuture(
                    new IllegalStateException(
                        c.username + " could not sign in (" + c.step + "): " + e, e)));
  }

  /**
   * Like the supervisor page: reads the team snapshot once the push channel is open (which also
   * makes the server load the tenant's team view); deltas that came first are newer and are kept.
   */
  private Future<Void> teamSnapshot(SupervisorClient sup) {
    sup.step = "team";
    return call(HttpMethod.GET, "/api/supervisor/team", sup.token, null)
        .map(
            snapshot -> {
              var agents = snapshot.getJsonArray("agents");
              for (int i = 0; agents != null && i < agents.size(); i++) {
                JsonObject a = agents.getJsonObject(i);
                sup.team.putIfAbsent(a.getLong("agentId"), a);
              }
              return null;
            });
  }

  /** Against the bare server: connects every client and says who it is. */
  Future<Void> connectBare(int agents, int supervisors, int concurrency) {
    IntFunction<Future<Void>> one =
        i -> {
          Client c = i < agents ? new AgentClient(i + 1) : new SupervisorClient(i - agents + 1);
          clients.put(c.index, c);
          return connect(c, "/push", new JsonObject().put("type", "hello").put("index", c.index));
        };
    return inParallel(agents + supervisors, concurrency, one);
  }

  private Future<Void> connect(Client c, String path, JsonObject first) {
    return webSockets(c.index)
        .connect(port, "127.0.0.1", path)
        .compose(
            ws -> {
              c.socket = ws;
              ws.textMessageHandler(c::onText);
              ws.closeHandler(
                  v -> {
                    closedUnexpectedly.incrementAndGet();
                    closes.merge(
                        (c instanceof AgentClient ? "agent " : "supervisor ")
                            + ws.closeStatusCode()
                            + " "
                            + ws.closeReason(),
                        1,
                        Integer::sum);
                  });
              ws.exceptionHandler(e -> {});
              ws.writeTextMessage(first.encode());
              return c.welcomed.future().timeout(60, java.util.concurrent.TimeUnit.SECONDS);
            });
  }

  /** The agent's state as the REST API reports it. */
  Future<JsonObject> restState(AgentClient a) {
    return call(HttpMethod.GET, "/api/agent/state", a.token, null);
  }

  Future<JsonObject> call(HttpMethod method, String path, String token, JsonObject body) {
    return http.request(method, path)
        .compose(
            req -> {
              req.putHeader("Accept", "application/json");
              if (token != null) {
                req.putHeader("Authorization", "Bearer " + token);
              }
              Future<io.vertx.core.http.HttpClientResponse> sent =
                  body == null
                      ? req.send()
                      : req.putHeader("Content-Type", "application/json")
                          .send(Buffer.buffer(body.encode()));
              return sent.compose(
                  resp ->
                      resp.body()
                          .compose(
                              b ->
                                  resp.statusCode() / 100 == 2
                                      ? Future.succeededFuture(
                                          b.length() == 0 ? new JsonObject() : b.toJsonObject())
                                      : Future.failedFuture(
                                          new Refused(
                                              method
                                                  + " "
                                                  + path
                                                  + " → "
                                                  + resp.statusCode()
                                                  + " "
                                                  + b,
                                              resp.statusCode(),
                                              resp.getHeader("Retry-After")))));
            });
  }

  /** A non-2xx answer. */
  static final class Refused extends RuntimeException {
    final int status;
    final String retryAfter;

    Refused(String message, int status, String retryAfter) {
      super(message, null, false, false);
      this.status = status;
      this.retryAfter = retryAfter;
    }
  }

  /**
   * The login, and when {@link #retryBusyLogins}: again after the 503's Retry-After plus up to a
   * second of jitter, as an agent does who is told "try again in a moment".
   */
  private Future<JsonObject> login(JsonObject body) {
    return call(HttpMethod.POST, "/api/login", null, body)
        .recover(
            e -> {
              if (!retryBusyLogins || !(e instanceof Refused r) || r.status != 503) {
                return Future.failedFuture(e);
              }
              busyRetries.incrementAndGet();
              long seconds = 1;
              try {
                seconds = Math.max(1, Long.parseLong(r.retryAfter));
              } catch (NumberFormatException ignored) {
                // no or an odd Retry-After: a second
              }
              long delay =
                  seconds * 1000 + java.util.concurrent.ThreadLocalRandom.current().nextLong(1000);
              Promise<JsonObject> again = Promise.promise();
              vertx.setTimer(delay, id -> login(body).onComplete(again));
              return again.future();
            });
  }

  /**
   * Runs {@code task(0..count-1)} with at most {@code concurrency} in flight; fails with the first
   * failure.
   */
  Future<Void> inParallel(int count, int concurrency, IntFunction<Future<Void>> task) {
    Promise<Void> done = Promise.promise();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    if (count == 0) {
      return Future.succeededFuture();
    }
    Runnable[] step = new Runnable[1];
    step[0] =
        () -> {
          int i = next.getAndIncrement();
          if (i >= count) {
            return;
          }
          task.apply(i)
              .onComplete(
                  ar -> {
                    if (ar.failed()) {
                      done.tryFail(ar.cause());
                      return;
                    }
                    if (finished.incrementAndGet() == count) {
                      done.tryComplete();
                    } else {
                      step[0].run();
                    }
                  });
        };
    for (int k = 0; k < Math.min(concurrency, count); k++) {
      vertx.runOnContext(v -> step[0].run());
    }
    return done.future();
  }

  void close() {
    clients
        .values()
        .forEach(
            c -> {
              if (c.socket != null) {
                c.socket.closeHandler(null);
                c.socket.close();
              }
            });
    http.close();
    webSockets.values().forEach(WebSocketClient::close);
  }
}
