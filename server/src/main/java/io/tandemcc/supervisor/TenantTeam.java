package io.tandemcc.supervisor;

import io.tandemcc.agent.AgentState;
import io.tandemcc.agent.AgentStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The live team of one tenant: every agent with its state, call, phone and browser, and every
 * group's queue figures. Each change bumps the tenant's version and yields the {@link TeamUpdate}s
 * to push (a {@code team.agent} for the member, a {@code team.queue} for every queue whose figures
 * moved). Plain Java; used on the team owner's context only.
 */
final class TenantTeam {
  final long tenantId;
  final String domain;
  private final ZoneId zone;
  private LocalDate day;
  private long version;
  private final Map<Long, TeamMember> members = new LinkedHashMap<>();
  private final Map<String, Long> byExtension = new HashMap<>();
  private final Map<Long, QueueFigures> queues = new LinkedHashMap<>();
  private final Map<String, QueueFigures> byQueueName = new HashMap<>();

  TenantTeam(long tenantId, String domain, ZoneId zone, Instant now) {
    this.tenantId = tenantId;
    this.domain = domain;
    this.zone = zone;
    this.day = now.atZone(zone).toLocalDate();
  }

  // ---- building (at load)
  // -------------------------------------------------------------------------------------

  void addQueue(QueueFigures queue) {
    queues.put(queue.groupId, queue);
    byQueueName.put(queue.queueName, queue);
  }

  void addMember(TeamMember member) {
    members.put(member.agentId, member);
    byExtension.put(member.extension, member.agentId);
  }

  /** After loading: agent counts of every queue, and version 1 for everything. */
  void ready() {
    version = 1;
    members.values().forEach(m -> m.version = version);
    queues
        .values()
        .forEach(
            q -> {
              countAgents(q);
              q.version = version;
            });
  }

  /** Midnight of today in the tenant's zone, from which today's call records count. */
  Instant startOfDay() {
    return day.atStartOfDay(zone).toInstant();
  }

  // ---- changes
  // ------------------------------------------------------------------------------------------------

  List<TeamUpdate> state(long agentId, AgentState state, Instant now) {
    TeamMember m = members.get(agentId);
    if (m == null) {
      return List.of();
    }
    Kind before = Kind.of(m.state);
    if (!m.setState(state)) {
      return List.of();
    }
    Kind after = Kind.of(m.state);
    List<TeamUpdate> updates = new ArrayList<>();
    updates.add(memberChanged(m, now));
    // the member moves between its queues' counts: no count over the whole tenant on every change
    for (long groupId : before == after ? java.util.Set.<Long>of() : m.groupIds) {
      QueueFigures q = queues.get(groupId);
      if (q != null
          && q.setAgents(
              q.ready + after.ready - before.ready,
              q.busy + after.busy - before.busy,
              q.notReady + after.notReady - before.notReady)) {
        updates.add(queueChanged(q, now));
      }
    }
    return updates;
  }

  /**
   * The PBX announced a call of the agent with this extension (ringing, or dialled by the agent).
   */
  List<TeamUpdate> party(String extension, CallParty party, Instant now) {
    TeamMember m = member(extension);
    return m != null && m.setParty(party) ? List.of(memberChanged(m, now)) : List.of();
  }

  List<TeamUpdate> phone(String extension, Boolean registered, Instant now) {
    TeamMember m = member(extension);
    return m != null && m.setPhoneRegistered(registered)
        ? List.of(memberChanged(m, now))
        : List.of();
  }

  /** Every phone's registration became unknown (the PBX link went down). */
  List<TeamUpdate> phonesUnknown(Instant now) {
    List<TeamUpdate> updates = new ArrayList<>();
    for (TeamMember m : members.values()) {
      if (m.setPhoneRegistered(null)) {
        updates.add(memberChanged(m, now));
      }
    }
    return updates;
  }

  List<TeamUpdate> browsers(long agentId, int connections, Instant now) {
    TeamMember m = members.get(agentId);
    return m != null && m.setBrowsers(connections) ? List.of(memberChanged(m, now)) : List.of();
  }

  /**
   * The waiting callers of a queue changed (the owner keeps them); a no-op for queues of no group.
   */
  List<TeamUpdate> waitingChanged(String queueName, Instant now) {
    QueueFigures q = byQueueName.get(queueName);
    return q == null ? List.of() : List.of(queueChanged(q, now));
  }

  List<TeamUpdate> answered(String queueName, long waitedSeconds, Instant now) {
    QueueFigures q = byQueueName.get(queueName);
    if (q == null) {
      return List.of();
    }
    q.answered(waitedSeconds);
    return List.of(queueChanged(q, now));
  }

  List<TeamUpdate> abandoned(String queueName, Instant now) {
    QueueFigures q = byQueueName.get(queueName);
    if (q == null) {
      return List.of();
    }
    q.abandoned();
    return List.of(queueChanged(q, now));
  }

  List<TeamUpdate> talked(String queueName, long seconds, Instant now) {
    QueueFigures q = byQueueName.get(queueName);
    if (q == null) {
      return List.of();
    }
    q.talked(seconds);
    return List.of(queueChanged(q, now));
  }

  /** At midnight in the tenant's zone the day's counters start again from zero. */
  List<TeamUpdate> rollDay(Instant now) {
    LocalDate today = now.atZone(zone).toLocalDate();
    if (!today.isAfter(day)) {
      return List.of();
    }
    day = today;
    List<TeamUpdate> updates = new ArrayList<>();
    for (QueueFigures q : queues.values()) {
      q.startDay(QueueFigures.Day.EMPTY);
      updates.add(queueChanged(q, now));
    }
    return updates;
  }

  // ---- reading
  // ------------------------------------------------------------------------------------------------

  boolean hasQueue(String queueName) {
    return byQueueName.containsKey(queueName);
  }

  TeamMember member(String extension) {
    Long id = byExtension.get(extension);
    return id == null ? null : members.get(id);
  }

  Collection<TeamMember> members() {
    return members.values();
  }

  long version() {
    return version;
  }

  /**
   * After an administrator changed the roster (a reload that replaces {@code previous}, already
   * {@link #ready}): versions continue from the previous team's, and the deltas the connected
   * supervisors need — a {@code team.agent} for every member new or changed, a {@code
   * team.agent.removed} for every one gone, a {@code team.queue} for every queue (its agent counts
   * may have changed) and a {@code team.queue.removed} for every queue gone.
   */
  List<TeamUpdate> replacing(TenantTeam previous, Instant now) {
    version = previous.version;
    members.values().forEach(m -> m.version = version);
    queues.values().forEach(q -> q.version = version);
    List<TeamUpdate> deltas = new ArrayList<>();
    for (TeamMember m : members.values()) {
      TeamMember old = previous.members.get(m.agentId);
      if (old == null
          || !old.displayName.equals(m.displayName)
          || !old.agentNumber.equals(m.agentNumber)
          || !old.extension.equals(m.extension)
          || !old.groupIds.equals(m.groupIds)) {
        Set<Long> audience = new java.util.HashSet<>(m.groupIds);
        if (old != null) {
          audience.addAll(old.groupIds); // a supervisor of a group it left sees it go
        }
        m.version = ++version;
        deltas.add(
            new TeamUpdate(tenantId, audience, TeamJson.memberMessage(m, this::queueLabel, now)));
      }
    }
    for (TeamMember old : previous.members.values()) {
      if (!members.containsKey(old.agentId)) {
        deltas.add(
            new TeamUpdate(
                tenantId,
                old.groupIds,
                new JsonObject()
                    .put("type", "team.agent.removed")
                    .put("version", ++version)
                    .put("serverTime", now.toString())
                    .put("agentId", old.agentId)
                    .encode()));
      }
    }
    for (QueueFigures q : queues.values()) {
      deltas.add(queueChanged(q, now));
    }
    for (QueueFigures old : previous.queues.values()) {
      if (!queues.containsKey(old.groupId)) {
        deltas.add(
            new TeamUpdate(
                tenantId,
                Set.of(old.groupId),
                new JsonObject()
                    .put("type", "team.queue.removed")
                    .put("version", ++version)
                    .put("serverTime", now.toString())
                    .put("groupId", old.groupId)
                    .encode()));
      }
    }
    return deltas;
  }

  /** The snapshot a supervisor of {@code groupIds} (or an admin: the whole tenant) sees. */
  String snapshot(Set<Long> groupIds, boolean wholeTenant, Instant now) {
    JsonArray agents = new JsonArray();
    members.values().stream()
        .filter(m -> wholeTenant || m.groupIds.stream().anyMatch(groupIds::contains))
        .forEach(m -> agents.add(TeamJson.member(m, this::queueLabel)));
    JsonArray figures = new JsonArray();
    queues.values().stream()
        .filter(q -> wholeTenant || groupIds.contains(q.groupId))
        .forEach(q -> figures.add(TeamJson.queue(q)));
    return new JsonObject()
        .put("version", version)
        .put("serverTime", now.toString())
        .put("agents", agents)
        .put("queues", figures)
        .encode();
  }

  private String queueLabel(String queueName) {
    QueueFigures q = byQueueName.get(queueName);
    return q == null ? queueName : q.groupName;
  }

  private TeamUpdate memberChanged(TeamMember m, Instant now) {
    m.version = ++version;
    // an agent of no group reaches the admins only
    return new TeamUpdate(tenantId, m.groupIds, TeamJson.memberMessage(m, this::queueLabel, now));
  }

  private TeamUpdate queueChanged(QueueFigures q, Instant now) {
    q.version = ++version;
    return new TeamUpdate(tenantId, Set.of(q.groupId), TeamJson.queueMessage(q, now));
  }

  /** Which of a queue's agent counts a state falls in (none when logged out), as 0/1 per count. */
  private enum Kind {
    NONE(0, 0, 0),
    READY(1, 0, 0),
    BUSY(0, 1, 0),
    NOT_READY(0, 0, 1);

    final int ready;
    final int busy;
    final int notReady;

    Kind(int ready, int busy, int notReady) {
      this.ready = ready;
      this.busy = busy;
      this.notReady = notReady;
    }

    /** Ready = Ready and free; busy = on a call or in wrap-up; not ready = Not Ready and free. */
    static Kind of(AgentState state) {
      if (state.status() == AgentStatus.LOGGED_OUT) {
        return NONE;
      }
      if (state.onCall() || state.inWrapup()) {
        return BUSY;
      }
      return state.status() == AgentStatus.READY ? READY : NOT_READY;
    }
  }

  /**
   * Counts a queue's agents from scratch (when the team is loaded); {@link #state} keeps the counts
   * after that.
   */
  private boolean countAgents(QueueFigures q) {
    int ready = 0;
    int busy = 0;
    int notReady = 0;
    for (TeamMember m : members.values()) {
      if (m.groupIds.contains(q.groupId)) {
        Kind kind = Kind.of(m.state);
        ready += kind.ready;
        busy += kind.busy;
        notReady += kind.notReady;
      }
    }
    return q.setAgents(ready, busy, notReady);
  }
}
