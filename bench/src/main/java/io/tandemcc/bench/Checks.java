package io.tandemcc.bench;

import io.tandemcc.bench.Fleet.AgentClient;
import io.tandemcc.bench.Fleet.SupervisorClient;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * "Nothing lost": after a phase has settled, every agent's state as the REST API, the agent's own
 * push channel and its supervisor's push channel see it must agree (and be Ready, idle); every call
 * the AMI peer played must have reached its agent as an offer and must have a complete call record
 * (answered by that agent, ended, ten attached data values). Problems are listed, at most a few of
 * each kind.
 */
final class Checks {
  private final List<String> problems = new ArrayList<>();
  private final Map<String, Integer> counts = new HashMap<>();
  int agentsChecked;
  int callsChecked;

  List<String> problems() {
    return problems;
  }

  int problemCount() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  private void problem(String kind, String detail) {
    int n = counts.merge(kind, 1, Integer::sum);
    if (n <= 3) {
      problems.add(kind + ": " + detail);
    }
  }

  /** Compares REST, own push and supervisor push views of every signed-in agent. */
  void agentStates(
      Fleet fleet, Collection<AgentClient> agents, Collection<SupervisorClient> supervisors)
      throws Exception {
    Map<Long, JsonObject> supervised = new HashMap<>();
    supervisors.forEach(s -> supervised.putAll(s.team));
    List<AgentClient> list = new ArrayList<>(agents);
    Map<Long, JsonObject> rest = new java.util.concurrent.ConcurrentHashMap<>();
    fleet
        .inParallel(
            list.size(),
            32,
            i ->
                fleet
                    .restState(list.get(i))
                    .map(
                        s -> {
                          rest.put(list.get(i).agentId, s);
                          return null;
                        }))
        .toCompletionStage()
        .toCompletableFuture()
        .get();
    for (AgentClient a : list) {
      agentsChecked++;
      JsonObject truth = rest.get(a.agentId);
      String expected = "READY/idle";
      String server = view(truth);
      if (!expected.equals(server)) {
        problem("agent not Ready and idle at the end", a.username + " is " + server);
      }
      if (!Objects.equals(server, view(a.lastState))) {
        problem(
            "agent's own push view differs from the server",
            a.username + ": server " + server + ", push " + view(a.lastState));
      }
      if (!Objects.equals(server, view(supervised.get(a.agentId)))) {
        problem(
            "supervisor's view differs from the server",
            a.username + ": server " + server + ", supervisor " + view(supervised.get(a.agentId)));
      }
    }
  }

  /**
   * Per agent: state messages the agent got minus those its supervisors got (0 when fan-out lost
   * nothing).
   */
  static Map<Long, Integer> stateMessageBalance(
      Collection<AgentClient> agents, Collection<SupervisorClient> supervisors) {
    Map<Long, Integer> balance = new HashMap<>();
    agents.forEach(a -> balance.put(a.agentId, a.stateMessages.get()));
    supervisors.forEach(
        s -> s.teamMessages.forEach((id, n) -> balance.merge(id, -n.get(), Integer::sum)));
    return balance;
  }

  /**
   * Every agent state change since {@code before} ({@link #stateMessageBalance}) reached the agent
   * and its supervisor alike. (Before the agent's own push is connected, only its supervisor sees
   * its login.)
   */
  void fanOut(
      Collection<AgentClient> agents,
      Collection<SupervisorClient> supervisors,
      Map<Long, Integer> before) {
    Map<Long, Integer> now = stateMessageBalance(agents, supervisors);
    for (AgentClient a : agents) {
      int own = now.getOrDefault(a.agentId, 0);
      int sup = before.getOrDefault(a.agentId, 0);
      if (own != sup) {
        problem(
            "agent and supervisor got a different number of state messages",
            a.username + ": balance " + sup + " before, " + own + " after");
      }
    }
  }

  /** Every played call was offered to its agent and is recorded completely. */
  void calls(String jdbcUrl, Collection<BenchCall> calls, Map<Integer, AgentClient> byExtension)
      throws SQLException {
    Map<String, String[]> records = new HashMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", null);
        PreparedStatement ps =
            c.prepareStatement(
                "select r.call_id, r.outcome, r.answered_at is not null,"
                    + " r.ended_at is not null, r.agent_id, r.queue_name, (select count(*) from call_attached_data d"
                    + " where d.call_record_id = r.id) from call_record r join tenant t on t.id = r.tenant_id"
                    + " where t.domain = ?")) {
      ps.setString(1, Seeder.DOMAIN);
      try (ResultSet r = ps.executeQuery()) {
        while (r.next()) {
          records.put(
              r.getString(1),
              new String[] {
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getString(7)
              });
        }
      }
    }
    for (BenchCall call : calls) {
      callsChecked++;
      AgentClient a = byExtension.get(call.extension);
      if (a == null || !a.offers.contains(call.callId)) {
        problem("call not offered to its agent's client", call.callId + " → " + call.iface);
      }
      String[] r = records.get(call.callId);
      if (r == null) {
        problem("call record missing", call.callId);
        continue;
      }
      String got =
          r[0] + " answered=" + r[1] + " ended=" + r[2] + " agent=" + r[3] + " data=" + r[5];
      String want =
          "answered answered=t ended=t agent=" + (a == null ? "?" : a.agentId) + " data=10";
      if (!want.equals(got)) {
        problem("call record incomplete", call.callId + ": " + got + " (want " + want + ")");
      }
    }
  }

  static String view(JsonObject state) {
    if (state == null) {
      return "unknown";
    }
    JsonObject call = state.getJsonObject("call");
    return state.getString("status") + "/" + (call == null ? "idle" : call.getString("state"));
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get();
  }
}
