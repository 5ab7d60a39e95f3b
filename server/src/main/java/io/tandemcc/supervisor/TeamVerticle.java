package io.tandemcc.supervisor;

import io.tandemcc.agent.AgentAddresses;
import io.tandemcc.agent.AgentState;
import io.tandemcc.agent.AgentStateChanged;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.common.ApiException;
import io.tandemcc.common.LocalTopic;
import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.PbxAddresses;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.PbxLink;
import io.tandemcc.pbx.PbxLinks;
import io.tandemcc.supervisor.TeamRepository.Roster;
import io.tandemcc.supervisor.TeamRepository.RosterAgent;
import io.tandemcc.supervisor.TeamRepository.RosterGroup;
import io.tandemcc.tenant.RosterChanged;
import io.tandemcc.tenant.TenantAddresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner of the live team view. A tenant's team is loaded when its first supervisor asks for it
 * (roster from the database, states from the agent state owner, today's figures from the call
 * records) and from then on follows every agent state change, call announced by the PBX, phone
 * registration, browser connection and queue event, publishing a {@link TeamUpdate} for each
 * change. What cannot be read back later (waiting callers, registrations, browser connections, each
 * phone's latest call party and each agent's latest state) is followed for every tenant from the
 * start, loaded or not. All state is touched on this verticle's event loop only.
 */
public final class TeamVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(TeamVerticle.class);
  static final long DAY_CHECK_MS = 30_000;
  public static final int NOT_FOUND = 404;

  private final TeamRepository repository;
  private final AgentStateClient agents;
  private final Clock clock;
  private final Map<Long, Future<TenantTeam>> teams = new HashMap<>();
  private final Map<String, TenantTeam> byDomain = new HashMap<>();
  private final Map<AgentKey, AgentState> latestStates = new HashMap<>();

  /** PBX endpoint name → the party of its latest call. */
  private final Map<String, CallParty> parties = new HashMap<>();

  private final Map<AgentKey, Map<String, Integer>> presence = new HashMap<>();

  /** PBX endpoint name → registered; absent while unknown. */
  private final Map<String, Boolean> phones = new HashMap<>();

  /** PBX queue name → call id → when the caller joined. */
  private final Map<String, Map<String, Instant>> waiting = new HashMap<>();

  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private final LocalTopic<TeamUpdate> updates;

  /**
   * The PBX links, asked at link-up for callers who were waiting already; null: none (tests of the
   * view alone).
   */
  private final PbxLinks pbx;

  /**
   * PBX queue name → call ids that left since the latest link-up's list was asked for (the list may
   * predate them).
   */
  private final Map<String, Set<String>> leftSinceListing = new HashMap<>();

  private long dayTimer = -1;

  /**
   * @param updates where the team deltas go: a {@link LocalTopic}, not the event bus, so that the
   *     push hub on this event loop writes a delta inside the handling of the change (see {@link
   *     LocalTopic})
   */
  public TeamVerticle(
      TeamRepository repository,
      AgentStateClient agents,
      Clock clock,
      LocalTopic<TeamUpdate> updates) {
    this(repository, agents, clock, updates, null);
  }

  public TeamVerticle(
      TeamRepository repository,
      AgentStateClient agents,
      Clock clock,
      LocalTopic<TeamUpdate> updates,
      PbxLinks pbx) {
    this.pbx = pbx;
    this.updates = updates;
    this.repository = repository;
    this.agents = agents;
    this.clock = clock;
  }

  private record AgentKey(long tenantId, long agentId) {}

  @Override
  public Future<?> start() {
    var bus = vertx.eventBus();
    consumers.add(bus.<TeamQuery>consumer(SupervisorAddresses.TEAM_QUERY, this::onQuery));
    consumers.add(
        bus.<AgentStateChanged>consumer(AgentAddresses.STATE_CHANGED, m -> onState(m.body())));
    consumers.add(
        bus.<BrowserPresence>consumer(
            SupervisorAddresses.PRESENCE_CHANGED, m -> onPresence(m.body())));
    consumers.add(bus.<PbxEvent>consumer(PbxAddresses.EVENTS, m -> onPbx(m.body())));
    consumers.add(
        bus.<RosterChanged>consumer(
            TenantAddresses.ROSTER_CHANGED, m -> onRoster(m.body().tenantId())));
    dayTimer =
        vertx.setPeriodic(
            DAY_CHECK_MS, id -> byDomain.values().forEach(t -> publish(t.rollDay(now()))));
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList());
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(dayTimer);
    return Future.succeededFuture();
  }

  // ---- queries
  // ------------------------------------------------------------------------------------------------

  private void onQuery(Message<TeamQuery> message) {
    TeamQuery q = message.body();
    team(q.tenantId())
        .onComplete(
            ar -> {
              if (ar.failed()) {
                LOG.error("tenant {}: team view unavailable", q.tenantId(), ar.cause());
                message.fail(500, "team view unavailable");
              } else if (ar.result() == null) {
                message.fail(NOT_FOUND, "no such tenant");
              } else {
                message.reply(
                    new TeamSnapshot(ar.result().snapshot(q.groupIds(), q.wholeTenant(), now())));
              }
            });
  }

  private Future<TenantTeam> team(long tenantId) {
    Future<TenantTeam> existing = teams.get(tenantId);
    if (existing != null) {
      return existing;
    }
    Future<TenantTeam> loading = repository.roster(tenantId).compose(this::load);
    teams.put(tenantId, loading);
    loading.onComplete(
        ar -> {
          if (ar.failed() || ar.result() == null) {
            teams.remove(tenantId, loading); // the next query tries again
          } else {
            byDomain.put(ar.result().domain, ar.result());
            LOG.info(
                "tenant {}: team view loaded ({} agents)",
                ar.result().domain,
                ar.result().members().size());
          }
        });
    return loading;
  }

  /**
   * An administrator changed the tenant's users, agents or groups: a loaded team is loaded again
   * from the database and its supervisors get the differences at once (queries meanwhile wait for
   * the new roster). A team not loaded yet needs nothing: its first query reads the new roster.
   */
  private void onRoster(long tenantId) {
    Future<TenantTeam> current = teams.get(tenantId);
    if (current == null) {
      return;
    }
    Future<TenantTeam> reloading =
        current
            .recover(e -> Future.succeededFuture(null))
            .compose(
                old ->
                    repository
                        .roster(tenantId)
                        .compose(this::load)
                        .map(
                            fresh -> {
                              if (fresh != null) {
                                byDomain.put(fresh.domain, fresh);
                                if (old != null) {
                                  publish(fresh.replacing(old, now()));
                                }
                              }
                              return fresh;
                            }));
    teams.put(tenantId, reloading);
    reloading.onComplete(
        ar -> {
          if (ar.failed() || ar.result() == null) {
            LOG.warn("tenant {}: team view not reloaded", tenantId, ar.cause());
            teams.remove(tenantId, reloading);
          }
        });
  }

  private Future<TenantTeam> load(Optional<Roster> found) {
    if (found.isEmpty()) {
      return Future.succeededFuture(null);
    }
    Roster roster = found.get();
    TenantTeam team = new TenantTeam(roster.tenantId(), roster.domain(), roster.zone(), now());
    List<Future<AgentState>> states =
        roster.agents().stream().map(a -> stateOf(roster.tenantId(), a)).toList();
    return Future.all(states)
        .compose(all -> repository.day(roster.tenantId(), team.startOfDay()))
        .map(
            days -> {
              for (RosterGroup g : roster.groups()) {
                QueueFigures q =
                    new QueueFigures(
                        g.groupId(),
                        g.name(),
                        g.queueName(),
                        g.serviceLevelSeconds(),
                        waitingIn(g.queueName()));
                q.startDay(days.getOrDefault(g.queueName(), QueueFigures.Day.EMPTY));
                team.addQueue(q);
              }
              for (int i = 0; i < roster.agents().size(); i++) {
                RosterAgent a = roster.agents().get(i);
                AgentKey key = new AgentKey(roster.tenantId(), a.agentId());
                // a change published while loading is newer than the answer to our query
                AgentState state = latestStates.getOrDefault(key, states.get(i).result());
                TeamMember m =
                    new TeamMember(
                        a.agentId(),
                        a.displayName(),
                        a.agentNumber(),
                        a.extension(),
                        a.groupIds(),
                        state);
                m.setParty(
                    parties.get(
                        io.tandemcc.pbx.AgentEndpoint.nameOf(roster.domain(), a.extension())));
                m.setPhoneRegistered(
                    phones.get(
                        io.tandemcc.pbx.AgentEndpoint.nameOf(roster.domain(), a.extension())));
                m.setBrowsers(browsers(key));
                team.addMember(m);
              }
              team.ready();
              return team;
            });
  }

  private Future<AgentState> stateOf(long tenantId, RosterAgent agent) {
    return agents
        .current(tenantId, agent.agentId())
        .recover(
            e ->
                e instanceof ApiException api && api.status() == 404
                    ? Future.succeededFuture(AgentState.loggedOut(now()))
                    : Future.failedFuture(e));
  }

  // ---- events
  // -------------------------------------------------------------------------------------------------

  private void onState(AgentStateChanged e) {
    latestStates.put(new AgentKey(e.tenantId(), e.agentId()), e.current());
    loaded(e.tenantId()).ifPresent(t -> publish(t.state(e.agentId(), e.current(), now())));
  }

  private void onPresence(BrowserPresence p) {
    AgentKey key = new AgentKey(p.tenantId(), p.agentId());
    Map<String, Integer> hubs = presence.computeIfAbsent(key, k -> new HashMap<>());
    if (p.connections() > 0) {
      hubs.put(p.hub(), p.connections());
    } else {
      hubs.remove(p.hub());
    }
    int total = browsers(key);
    if (hubs.isEmpty()) {
      presence.remove(key);
    }
    loaded(p.tenantId()).ifPresent(t -> publish(t.browsers(p.agentId(), total, now())));
  }

  private void onPbx(PbxEvent event) {
    Instant now = now();
    if (event instanceof PbxEvent.LinkDown) {
      // registrations and waiting callers can no longer be followed; they are unknown until events
      // come again
      phones.clear();
      waiting.values().forEach(Map::clear);
      for (TenantTeam t : byDomain.values()) {
        publish(t.phonesUnknown(now));
        waiting.keySet().forEach(queue -> publish(t.waitingChanged(queue, now)));
      }
      return;
    }
    if (event instanceof PbxEvent.LinkUp up) {
      listWaitingCallers(up.pbx());
      return;
    }
    if (!(event instanceof PbxEvent.TenantEvent e)) {
      return;
    }
    TenantTeam team = byDomain.get(e.tenant());
    List<TeamUpdate> updates = List.of();
    if (e instanceof PbxEvent.QueueCallerJoined j) {
      waitingIn(j.queue().pbxName()).put(j.callId(), now);
      updates = team == null ? List.of() : team.waitingChanged(j.queue().pbxName(), now);
    } else if (e instanceof PbxEvent.QueueCallerLeft l) {
      updates = left(team, l.queue().pbxName(), l.callId(), now);
    } else if (e instanceof PbxEvent.QueueCallAbandoned a) {
      left(team, a.queue().pbxName(), a.callId(), now);
      updates = team == null ? List.of() : team.abandoned(a.queue().pbxName(), now);
    } else if (e instanceof PbxEvent.QueueCallAnswered a && team != null) {
      updates = team.answered(a.queue().pbxName(), a.holdTime().toSeconds(), now);
    } else if (e instanceof PbxEvent.QueueCallEnded x && team != null) {
      updates = team.talked(x.queue().pbxName(), x.talkTime().toSeconds(), now);
    } else if (e instanceof PbxEvent.QueueCallOffered o) {
      updates =
          party(
              team,
              o.agent(),
              new CallParty(o.callId(), o.queue().pbxName(), o.callerNumber(), o.callerName()),
              now);
    } else if (e instanceof PbxEvent.DirectCallOffered d) {
      updates =
          party(
              team,
              d.agent(),
              new CallParty(d.callId(), null, d.callerNumber(), d.callerName()),
              now);
    } else if (e instanceof PbxEvent.OutboundCallStarted o) {
      updates = party(team, o.agent(), new CallParty(o.callId(), null, o.dialedNumber(), ""), now);
    } else if (e instanceof PbxEvent.EndpointRegistered r) {
      updates = phone(team, r.endpoint().endpointName(), r.endpoint().extension(), true, now);
    } else if (e instanceof PbxEvent.EndpointUnregistered u) {
      updates = phone(team, u.endpoint().endpointName(), u.endpoint().extension(), false, now);
    }
    publish(updates);
  }

  /**
   * Callers already waiting when the link came up (the server started, or Asterisk came back) sent
   * no QueueCallerJoin we saw: the PBX's list of waiting callers adds them, with the time they
   * joined.
   */
  private void listWaitingCallers(String pbxId) {
    Optional<PbxLink> link = pbx == null ? Optional.empty() : pbx.find(pbxId);
    if (link.isEmpty()) {
      return;
    }
    leftSinceListing.clear();
    link.get()
        .commands()
        .queueCallers()
        .onComplete(
            ar -> {
              if (ar.failed()) {
                LOG.warn(
                    "PBX {}: waiting callers not listed at link-up: {}",
                    pbxId,
                    ar.cause().getMessage());
                return;
              }
              Instant now = now();
              Set<String> changed = new LinkedHashSet<>();
              Map<String, String> tenantOf = new HashMap<>();
              for (PbxEvent.QueueCallerListed c : ar.result()) {
                String queue = c.queue().pbxName();
                if (leftSinceListing.getOrDefault(queue, Set.of()).contains(c.callId())) {
                  continue; // it left while the list was on its way
                }
                if (waitingIn(queue).putIfAbsent(c.callId(), now.minus(c.waited())) == null) {
                  changed.add(queue);
                  tenantOf.put(queue, c.tenant());
                }
              }
              leftSinceListing.clear();
              for (String queue : changed) {
                TenantTeam team = byDomain.get(tenantOf.get(queue));
                if (team != null) {
                  publish(team.waitingChanged(queue, now));
                }
              }
              if (!changed.isEmpty()) {
                LOG.info(
                    "PBX {}: {} queue(s) had callers waiting at link-up", pbxId, changed.size());
              }
            });
  }

  private List<TeamUpdate> left(TenantTeam team, String queue, String callId, Instant now) {
    leftSinceListing.computeIfAbsent(queue, q -> new HashSet<>()).add(callId);
    boolean removed = waitingIn(queue).remove(callId) != null;
    return removed && team != null ? team.waitingChanged(queue, now) : List.of();
  }

  private List<TeamUpdate> party(
      TenantTeam team, AgentEndpoint endpoint, CallParty party, Instant now) {
    parties.put(endpoint.endpointName(), party);
    return team == null ? List.of() : team.party(endpoint.extension(), party, now);
  }

  private List<TeamUpdate> phone(
      TenantTeam team, String endpoint, String extension, boolean registered, Instant now) {
    phones.put(endpoint, registered);
    return team == null ? List.of() : team.phone(extension, registered, now);
  }

  // ---- helpers
  // ------------------------------------------------------------------------------------------------

  private Optional<TenantTeam> loaded(long tenantId) {
    Future<TenantTeam> f = teams.get(tenantId);
    return f != null && f.succeeded() ? Optional.ofNullable(f.result()) : Optional.empty();
  }

  private Map<String, Instant> waitingIn(String queue) {
    return waiting.computeIfAbsent(queue, q -> new LinkedHashMap<>());
  }

  private int browsers(AgentKey key) {
    return presence.getOrDefault(key, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
  }

  private void publish(List<TeamUpdate> deltas) {
    deltas.forEach(updates::publish);
  }

  private Instant now() {
    return clock.instant();
  }
}
