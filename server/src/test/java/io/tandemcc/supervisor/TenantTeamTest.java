package io.tandemcc.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.agent.ActiveCall;
import io.tandemcc.agent.AgentState;
import io.tandemcc.agent.AgentStatus;
import io.tandemcc.agent.CallKind;
import io.tandemcc.agent.CallState;
import io.tandemcc.agent.Reason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A tenant's live team: members, queue figures and the updates each change yields")
class TenantTeamTest {
  private static final long TENANT = 7;
  private static final long SUPPORT = 10;
  private static final long SALES = 11;
  private static final long ALICE = 100;
  private static final long BOB = 101;
  private static final long CAROL = 102;
  private static final Reason LUNCH = new Reason("lunch", "Lunch");
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  private final Map<String, Instant> supportWaiting = new LinkedHashMap<>();
  private TenantTeam team;

  @BeforeEach
  void build() {
    team = new TenantTeam(TENANT, "acme", ZoneId.of("Europe/Berlin"), T0);
    QueueFigures support = new QueueFigures(SUPPORT, "Support", "acme-support", 20, supportWaiting);
    support.startDay(new QueueFigures.Day(3, 1, 2, 45, 3, 300));
    team.addQueue(support);
    team.addQueue(new QueueFigures(SALES, "Sales", "acme-sales", 30, new LinkedHashMap<>()));
    team.addMember(
        new TeamMember(
            ALICE, "Alice Agent", "1001", "1001", Set.of(SUPPORT), AgentState.loggedOut(T0)));
    team.addMember(
        new TeamMember(BOB, "Bob Agent", "1002", "1002", Set.of(SUPPORT), notReady(LUNCH, T0)));
    team.addMember(new TeamMember(CAROL, "Carol Agent", "1003", "1003", Set.of(SALES), ready(T0)));
    team.ready();
  }

  @Test
  @DisplayName(
      "a supervisor's snapshot holds the agents and queues of its groups only; an admin's holds all")
  void snapshotsAreScoped() {
    JsonObject sam = new JsonObject(team.snapshot(Set.of(SUPPORT), false, T0));
    assertThat(sam.getLong("version")).isEqualTo(1);
    assertThat(ids(sam.getJsonArray("agents"), "agentId")).containsExactly(ALICE, BOB);
    assertThat(ids(sam.getJsonArray("queues"), "groupId")).containsExactly(SUPPORT);

    JsonObject admin = new JsonObject(team.snapshot(Set.of(), true, T0));
    assertThat(ids(admin.getJsonArray("agents"), "agentId")).containsExactly(ALICE, BOB, CAROL);
    assertThat(ids(admin.getJsonArray("queues"), "groupId")).containsExactly(SUPPORT, SALES);
  }

  @Test
  @DisplayName(
      "a state change pushes the member to its groups, and the queue when its agent counts move")
  void stateChangeUpdatesMemberAndQueue() {
    JsonObject support = queue(team.snapshot(Set.of(SUPPORT), false, T0), SUPPORT);
    assertThat(support.getInteger("ready")).isZero();
    assertThat(support.getInteger("notReady")).isEqualTo(1);

    List<TeamUpdate> updates = team.state(ALICE, ready(T0.plusSeconds(5)), T0.plusSeconds(5));

    assertThat(updates).hasSize(2);
    JsonObject agent = message(updates.get(0));
    assertThat(agent.getString("type")).isEqualTo("team.agent");
    assertThat(agent.getLong("version")).isEqualTo(2);
    assertThat(agent.getJsonObject("agent").getString("status")).isEqualTo("READY");
    assertThat(agent.getJsonObject("agent").getLong("version")).isEqualTo(2);
    assertThat(updates.get(0).groupIds()).containsExactly(SUPPORT);
    JsonObject q = message(updates.get(1));
    assertThat(q.getString("type")).isEqualTo("team.queue");
    assertThat(q.getLong("version")).isEqualTo(3);
    assertThat(q.getJsonObject("queue").getInteger("ready")).isEqualTo(1);
    assertThat(updates.get(1).groupIds()).containsExactly(SUPPORT);

    assertThat(team.state(ALICE, ready(T0.plusSeconds(5)), T0.plusSeconds(6)))
        .as("same state: nothing")
        .isEmpty();
  }

  @Test
  @DisplayName(
      "the current call shows its party and queue as the PBX announced them, its start and answer times")
  void callDetails() {
    Instant ring = T0.plusSeconds(10);
    team.state(ALICE, ready(T0), T0);
    team.state(ALICE, withCall(ready(T0), ActiveCall.ringing("c-1", CallKind.QUEUE, ring)), ring);
    List<TeamUpdate> offered =
        team.party(
            "1001", new CallParty("c-1", "acme-support", "+14155550123", "Jane Customer"), ring);
    JsonObject call = message(offered.get(0)).getJsonObject("agent").getJsonObject("call");
    assertThat(call.getString("state")).isEqualTo("RINGING");
    assertThat(call.getString("partyNumber")).isEqualTo("+14155550123");
    assertThat(call.getString("partyName")).isEqualTo("Jane Customer");
    assertThat(call.getJsonObject("queue"))
        .isEqualTo(new JsonObject().put("name", "acme-support").put("label", "Support"));
    assertThat(call.getString("startedAt")).isEqualTo(ring.toString());
    assertThat(call.getValue("answeredAt")).isNull();

    Instant answer = ring.plusSeconds(3);
    ActiveCall talking =
        ActiveCall.ringing("c-1", CallKind.QUEUE, ring).movedTo(CallState.TALKING, answer);
    List<TeamUpdate> answered = team.state(ALICE, withCall(ready(T0), talking), answer);
    call = message(answered.get(0)).getJsonObject("agent").getJsonObject("call");
    assertThat(call.getString("state")).isEqualTo("TALKING");
    assertThat(call.getString("answeredAt")).isEqualTo(answer.toString());
    assertThat(call.getString("startedAt")).isEqualTo(ring.toString());
    assertThat(call.getString("partyName")).isEqualTo("Jane Customer");
    assertThat(queue(team.snapshot(Set.of(SUPPORT), false, answer), SUPPORT).getInteger("busy"))
        .isEqualTo(1);

    Instant hold = answer.plusSeconds(20);
    team.state(ALICE, withCall(ready(T0), talking.movedTo(CallState.HELD, hold)), hold);
    call = agent(team.snapshot(Set.of(SUPPORT), false, hold), ALICE).getJsonObject("call");
    assertThat(call.getString("answeredAt"))
        .as("hold keeps the answer time")
        .isEqualTo(answer.toString());

    team.state(ALICE, ready(T0), hold.plusSeconds(1));
    assertThat(agent(team.snapshot(Set.of(SUPPORT), false, hold), ALICE).getValue("call")).isNull();
  }

  @Test
  @DisplayName("the party of another call than the current one is not shown")
  void staleOfferIsHidden() {
    team.state(ALICE, withCall(ready(T0), ActiveCall.ringing("c-2", CallKind.DIRECT, T0)), T0);
    assertThat(team.party("1001", new CallParty("c-1", "acme-support", "1", "x"), T0)).isEmpty();
    JsonObject call = agent(team.snapshot(Set.of(SUPPORT), false, T0), ALICE).getJsonObject("call");
    assertThat(call.getString("partyNumber")).isEmpty();
    assertThat(call.getValue("queue")).isNull();
  }

  @Test
  @DisplayName(
      "webphone registration and browser connections change the member, once per real change")
  void phoneAndBrowser() {
    assertThat(agent(team.snapshot(Set.of(SUPPORT), false, T0), ALICE).getValue("phoneRegistered"))
        .isNull();
    assertThat(
            message(team.phone("1001", true, T0).get(0))
                .getJsonObject("agent")
                .getBoolean("phoneRegistered"))
        .isTrue();
    assertThat(team.phone("1001", true, T0)).isEmpty();
    assertThat(team.phone("1901", true, T0)).as("not an agent").isEmpty();
    assertThat(
            message(team.browsers(ALICE, 2, T0).get(0))
                .getJsonObject("agent")
                .getBoolean("browserConnected"))
        .isTrue();
    assertThat(team.browsers(ALICE, 2, T0)).isEmpty();
    assertThat(
            message(team.browsers(ALICE, 0, T0).get(0))
                .getJsonObject("agent")
                .getBoolean("browserConnected"))
        .isFalse();
    assertThat(team.phonesUnknown(T0)).hasSize(1);
  }

  @Test
  @DisplayName("waiting callers, answered and abandoned calls, service level and averages")
  void queueFigures() {
    JsonObject q = queue(team.snapshot(Set.of(SUPPORT), false, T0), SUPPORT);
    assertThat(q.getInteger("answered")).isEqualTo(3);
    assertThat(q.getInteger("abandoned")).isEqualTo(1);
    assertThat(q.getInteger("serviceLevel")).as("2 of 4 in time").isEqualTo(50);
    assertThat(q.getLong("averageWaitSeconds")).isEqualTo(15);
    assertThat(q.getLong("averageTalkSeconds")).isEqualTo(100);
    assertThat(q.getInteger("waiting")).isZero();
    assertThat(q.getValue("longestWaitSince")).isNull();

    supportWaiting.put("c-1", T0.plusSeconds(1));
    supportWaiting.put("c-2", T0.plusSeconds(4));
    q = message(team.waitingChanged("acme-support", T0).get(0)).getJsonObject("queue");
    assertThat(q.getInteger("waiting")).isEqualTo(2);
    assertThat(q.getString("longestWaitSince")).isEqualTo(T0.plusSeconds(1).toString());

    team.answered("acme-support", 20, T0);
    team.answered("acme-support", 21, T0);
    q = message(team.abandoned("acme-support", T0).get(0)).getJsonObject("queue");
    assertThat(q.getInteger("answered")).isEqualTo(5);
    assertThat(q.getInteger("abandoned")).isEqualTo(2);
    assertThat(q.getInteger("serviceLevel")).as("3 of 7 within 20 s").isEqualTo(43);
    assertThat(q.getLong("averageWaitSeconds")).isEqualTo(17);
    q = message(team.talked("acme-support", 40, T0).get(0)).getJsonObject("queue");
    assertThat(q.getLong("averageTalkSeconds")).isEqualTo(85);
    assertThat(team.answered("other-queue", 1, T0)).as("a queue of no group").isEmpty();
  }

  @Test
  @DisplayName("at midnight in the tenant's zone the day's counters start from zero")
  void dayRollsOverAtLocalMidnight() {
    assertThat(team.startOfDay()).isEqualTo(Instant.parse("2026-11-21T23:00:00Z"));
    assertThat(team.rollDay(Instant.parse("2026-11-22T22:59:59Z"))).isEmpty();
    List<TeamUpdate> updates = team.rollDay(Instant.parse("2026-11-22T23:00:00Z"));
    assertThat(updates).hasSize(2);
    JsonObject q = message(updates.get(0)).getJsonObject("queue");
    assertThat(q.getInteger("answered")).isZero();
    assertThat(q.getValue("serviceLevel")).isNull();
    assertThat(q.getValue("averageWaitSeconds")).isNull();
  }

  @Test
  @DisplayName(
      "queue counts kept change by change equal a count over every member, through every kind of state")
  void countsFollowEveryChange() {
    team.addMember(
        new TeamMember(
            103, "Dan Agent", "1004", "1004", Set.of(SUPPORT, SALES), AgentState.loggedOut(T0)));
    team.ready();
    List<List<Object>> steps =
        List.of(
            List.of(ALICE, ready(T0)),
            List.of(103L, ready(T0)),
            List.of(BOB, ready(T0)),
            List.of(ALICE, withCall(ready(T0), ActiveCall.ringing("c1", CallKind.QUEUE, T0))),
            List.of(103L, notReady(LUNCH, T0)),
            List.of(BOB, AgentState.loggedOut(T0)),
            List.of(ALICE, new AgentState(AgentStatus.WRAPUP, null, T0, T0.plusSeconds(30), null)),
            List.of(
                103L, withCall(notReady(LUNCH, T0), ActiveCall.ringing("c2", CallKind.DIRECT, T0))),
            List.of(CAROL, AgentState.loggedOut(T0)),
            List.of(ALICE, ready(T0)),
            List.of(103L, AgentState.loggedOut(T0)));
    Instant at = T0;
    for (List<Object> step : steps) {
      at = at.plusSeconds(1);
      team.state((Long) step.get(0), (AgentState) step.get(1), at);
      for (long group : List.of(SUPPORT, SALES)) {
        JsonObject q = queue(team.snapshot(Set.of(), true, at), group);
        int[] expected = new int[3];
        for (TeamMember m : team.members()) {
          if (m.groupIds.contains(group) && m.state.status() != AgentStatus.LOGGED_OUT) {
            expected[
                m.state.onCall() || m.state.inWrapup()
                    ? 1
                    : m.state.status() == AgentStatus.READY ? 0 : 2]++;
          }
        }
        assertThat(List.of(q.getInteger("ready"), q.getInteger("busy"), q.getInteger("notReady")))
            .as("group %d after %s", group, step)
            .containsExactly(expected[0], expected[1], expected[2]);
      }
    }
  }

  private static AgentState ready(Instant since) {
    return new AgentState(AgentStatus.READY, null, since, null, null);
  }

  private static AgentState notReady(Reason reason, Instant since) {
    return new AgentState(AgentStatus.NOT_READY, reason, since, null, null);
  }

  private static AgentState withCall(AgentState s, ActiveCall call) {
    return new AgentState(s.status(), s.reason(), s.since(), s.wrapupEndsAt(), call);
  }

  private static JsonObject message(TeamUpdate u) {
    assertThat(u.tenantId()).isEqualTo(TENANT);
    return new JsonObject(u.message());
  }

  private static List<Long> ids(JsonArray array, String field) {
    return array.stream().map(o -> ((JsonObject) o).getLong(field)).toList();
  }

  private static JsonObject agent(String snapshot, long agentId) {
    return new JsonObject(snapshot)
        .getJsonArray("agents").stream()
            .map(JsonObject.class::cast)
            .filter(a -> a.getLong("agentId") == agentId)
            .findFirst()
            .orElseThrow();
  }

  private static JsonObject queue(String snapshot, long groupId) {
    return new JsonObject(snapshot)
        .getJsonArray("queues").stream()
            .map(JsonObject.class::cast)
            .filter(q -> q.getLong("groupId") == groupId)
            .findFirst()
            .orElseThrow();
  }
}
