package io.tandemcc.supervisor;

import io.tandemcc.agent.ActiveCall;
import io.tandemcc.agent.AgentState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * The JSON shapes of the team view (TeamAgent, TeamQueue and their push messages; see docs/api.md).
 */
final class TeamJson {
  private TeamJson() {}

  static JsonObject member(TeamMember m, UnaryOperator<String> queueLabel) {
    AgentState s = m.state;
    JsonArray groups = new JsonArray();
    m.groupIds.stream().sorted().forEach(groups::add);
    return new JsonObject()
        .put("agentId", m.agentId)
        .put("displayName", m.displayName)
        .put("agentNumber", m.agentNumber)
        .put("extension", m.extension)
        .put("groupIds", groups)
        .put("status", s.status().name())
        .put(
            "reason",
            s.reason() == null
                ? null
                : new JsonObject().put("code", s.reason().code()).put("label", s.reason().label()))
        .put("since", s.since().toString())
        .put("wrapupEndsAt", s.wrapupEndsAt() == null ? null : s.wrapupEndsAt().toString())
        .put("call", call(m, queueLabel))
        .put("phoneRegistered", m.phoneRegistered)
        .put("browserConnected", m.browsers > 0)
        .put("browsers", m.browsers)
        .put("version", m.version);
  }

  private static JsonObject call(TeamMember m, UnaryOperator<String> queueLabel) {
    ActiveCall c = m.state.call();
    if (c == null) {
      return null;
    }
    CallParty party = m.currentParty();
    String queue = party == null ? null : party.queue();
    return new JsonObject()
        .put("callId", c.callId())
        .put("kind", c.kind().name())
        .put("state", c.state().name())
        .put("since", c.since().toString())
        .put("startedAt", m.callStartedAt == null ? null : m.callStartedAt.toString())
        .put("answeredAt", m.callAnsweredAt == null ? null : m.callAnsweredAt.toString())
        .put(
            "queue",
            queue == null
                ? null
                : new JsonObject().put("name", queue).put("label", queueLabel.apply(queue)))
        .put("partyNumber", party == null ? "" : party.number())
        .put("partyName", party == null ? "" : party.name());
  }

  static JsonObject queue(QueueFigures q) {
    Instant oldest = q.oldestWaitingSince();
    return new JsonObject()
        .put("groupId", q.groupId)
        .put("name", q.groupName)
        .put("queue", q.queueName)
        .put("waiting", q.waiting.size())
        .put("longestWaitSince", oldest == null ? null : oldest.toString())
        .put("ready", q.ready)
        .put("busy", q.busy)
        .put("notReady", q.notReady)
        .put("answered", q.answered)
        .put("abandoned", q.abandoned)
        .put("serviceLevel", q.serviceLevel())
        .put("serviceLevelSeconds", q.serviceLevelSeconds)
        .put("averageWaitSeconds", q.averageWaitSeconds())
        .put("averageTalkSeconds", q.averageTalkSeconds())
        .put("version", q.version);
  }

  static String memberMessage(TeamMember m, UnaryOperator<String> queueLabel, Instant now) {
    return new JsonObject()
        .put("type", "team.agent")
        .put("version", m.version)
        .put("serverTime", now.toString())
        .put("agent", member(m, queueLabel))
        .encode();
  }

  static String queueMessage(QueueFigures q, Instant now) {
    return new JsonObject()
        .put("type", "team.queue")
        .put("version", q.version)
        .put("serverTime", now.toString())
        .put("queue", queue(q))
        .encode();
  }
}
