package io.tandemcc.agent;

import io.tandemcc.agent.AgentRepository.HistoryEntry;
import io.tandemcc.agent.Decision.Accepted;
import io.tandemcc.db.DatabaseUnavailableException;
import io.tandemcc.db.DbFailures;
import io.tandemcc.db.DeadLetters;
import io.tandemcc.db.Journal;
import io.tandemcc.tenant.RosterChanged;
import io.tandemcc.tenant.TenantAddresses;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single owner of every agent's state. Commands arrive on {@link AgentAddresses#COMMANDS}; each
 * is decided by the pure {@link AgentStateMachine}, the result is recorded in the history,
 * published on {@link AgentAddresses#STATE_CHANGED}, and its effects (wrap-up timers) are carried
 * out. All state is touched only on this verticle's event loop.
 *
 * <p>A command is answered once its change is durable (in the state journal, see {@link
 * HistoryWriter} and docs/durability.md): what the API acknowledged survives a crash. The push goes
 * out at once, before that.
 */
public final class AgentStateVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AgentStateVerticle.class);
  public static final int NOT_FOUND = 404;
  public static final int FAILED = 500;

  /**
   * The database is unavailable (an agent not yet loaded), or the change could not be made durable.
   */
  public static final int UNAVAILABLE = 503;

  /**
   * How long a stopping owner waits for the database to take what it holds; the journal keeps the
   * rest.
   */
  private static final long STOP_WAIT_MS = 5_000;

  private final AgentRepository repository;
  private final Clock clock;
  private final Journal journal;
  private final DeadLetters deadLetters;
  private final AgentStateMachine machine = new AgentStateMachine();
  private final Map<AgentKey, Future<Slot>> slots = new HashMap<>();
  private HistoryWriter history;
  private MessageConsumer<AgentCommand> consumer;
  private MessageConsumer<AgentStateQuery> queries;

  private final StateCensus census;

  /**
   * @param journal the state journal (DATA_DIR), closed when this verticle stops
   * @param deadLetters where history rows the database keeps refusing are set aside
   * @param census kept up to date with every state this owner loads or changes (read by the
   *     metrics)
   */
  public AgentStateVerticle(
      AgentRepository repository,
      Clock clock,
      Journal journal,
      DeadLetters deadLetters,
      StateCensus census) {
    this.repository = repository;
    this.clock = clock;
    this.journal = journal;
    this.deadLetters = deadLetters;
    this.census = census;
  }

  private record AgentKey(long tenantId, long agentId) {}

  /** One agent's live state; mutated only on this verticle's context. */
  private static final class Slot {
    /**
     * Replaced when an administrator changes the agent's or the tenant's wrap-up rules (no re-login
     * needed).
     */
    AgentProfile profile;

    AgentState state;
    long wrapupTimer = -1;

    /**
     * Completes once the latest change of this agent is durable: a command's reply waits for it.
     */
    Future<Void> recorded = Future.succeededFuture();

    Slot(AgentProfile profile, AgentState state) {
      this.profile = profile;
      this.state = state;
    }
  }

  @Override
  public Future<?> start() {
    history = new HistoryWriter(vertx, repository, journal, deadLetters);
    // what the previous run acknowledged but did not write goes in before any agent is loaded; if
    // the database
    // cannot take it now, the owner starts anyway and agents are loaded (503 until then) once it
    // has
    Promise<Void> replayed = Promise.promise();
    history.recover().onComplete(ar -> replayed.tryComplete());
    vertx.setTimer(STOP_WAIT_MS, id -> replayed.tryComplete());
    consumer = vertx.eventBus().consumer(AgentAddresses.COMMANDS, this::onCommand);
    queries = vertx.eventBus().consumer(AgentAddresses.QUERIES, this::onQuery);
    var roster =
        vertx
            .eventBus()
            .<RosterChanged>consumer(
                TenantAddresses.ROSTER_CHANGED, m -> refreshProfiles(m.body().tenantId()));
    var settings =
        vertx
            .eventBus()
            .<Long>consumer(TenantAddresses.SETTINGS_CHANGED, m -> refreshProfiles(m.body()));
    return Future.all(
        consumer.completion(),
        queries.completion(),
        roster.completion(),
        settings.completion(),
        replayed.future());
  }

  @Override
  public Future<?> stop() {
    Promise<Void> stopped = Promise.promise();
    history.drained().onComplete(ar -> stopped.tryComplete());
    vertx.setTimer(
        STOP_WAIT_MS,
        id -> {
          if (stopped.tryComplete()) {
            LOG.warn(
                "stopping with {} agent state rows not yet in the database; the journal keeps them for the next start",
                history.backlog());
          }
        });
    return stopped.future().onComplete(ar -> journal.close());
  }

  /**
   * Reloads the profiles of the tenant's agents held here: the next decision uses the
   * administrator's new rules. Commands that arrive meanwhile wait for the reload (each slot's
   * future is chained to it), so a change the administrator saw acknowledged applies to the very
   * next event; a failed reload keeps the old rules.
   */
  private void refreshProfiles(long tenantId) {
    if (slots.keySet().stream().noneMatch(k -> k.tenantId() == tenantId)) {
      return;
    }
    Future<Map<Long, AgentProfile>> fresh =
        repository
            .profiles(tenantId)
            .onFailure(
                e ->
                    LOG.error(
                        "tenant {}: agent profiles not refreshed: {}", tenantId, e.getMessage()));
    // only slots already loaded: a load still under way reads the committed rules itself, and its
    // own clean-up
    // (slot()) must still find it in the map if it fails
    slots.replaceAll(
        (key, loading) -> {
          if (key.tenantId() != tenantId || !loading.succeeded() || loading.result() == null) {
            return loading;
          }
          Slot slot = loading.result();
          return fresh
              .map(
                  profiles -> {
                    AgentProfile profile = profiles.get(key.agentId());
                    if (profile != null) {
                      slot.profile = profile;
                    }
                    return slot;
                  })
              .otherwise(slot);
        });
  }

  private void onCommand(Message<AgentCommand> message) {
    AgentCommand cmd = message.body();
    slot(new AgentKey(cmd.tenantId(), cmd.agentId()))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                message.fail(failureCode(ar.cause()), "agent state unavailable");
                return;
              }
              Slot slot = ar.result();
              if (slot == null) {
                message.fail(NOT_FOUND, "no such agent");
                return;
              }
              Decision decision = apply(slot, cmd.event(), cmd.cause());
              AgentCommandReply reply = new AgentCommandReply(decision, slot.state);
              slot.recorded.onComplete(
                  durable -> {
                    if (durable.succeeded()) {
                      message.reply(reply);
                    } else {
                      message.fail(UNAVAILABLE, "the state change could not be recorded");
                    }
                  });
            });
  }

  private void onQuery(Message<AgentStateQuery> message) {
    AgentStateQuery q = message.body();
    slot(new AgentKey(q.tenantId(), q.agentId()))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                message.fail(failureCode(ar.cause()), "agent state unavailable");
              } else if (ar.result() == null) {
                message.fail(NOT_FOUND, "no such agent");
              } else {
                message.reply(ar.result().state);
              }
            });
  }

  private static int failureCode(Throwable failure) {
    return DbFailures.isUnavailable(failure) ? UNAVAILABLE : FAILED;
  }

  private Future<Slot> slot(AgentKey key) {
    Future<Slot> existing = slots.get(key);
    if (existing != null) {
      return existing;
    }
    if (!history.recovered().succeeded()) {
      // the journal of the previous run is not in the database yet: its last row may be this
      // agent's
      return Future.failedFuture(
          new DatabaseUnavailableException("the state journal is not replayed yet"));
    }
    Future<Slot> loading =
        repository
            .load(key.tenantId(), key.agentId())
            .map(
                found -> {
                  if (found.isEmpty()) {
                    return null;
                  }
                  Instant now = clock.instant();
                  AgentState restored = StateRestore.restore(found.get().last(), now);
                  Slot slot = new Slot(found.get().profile(), restored);
                  census.moved(key.tenantId(), null, restored.status());
                  boolean corrected =
                      found
                          .get()
                          .last()
                          .map(last -> !last.state().equals(RecordedState.of(restored)))
                          .orElse(false);
                  if (corrected) {
                    slot.recorded =
                        history.append(
                            HistoryEntry.of(
                                key.tenantId(), key.agentId(), restored, "restored", now));
                  }
                  if (restored.wrapupEndsAt() != null) {
                    scheduleWrapupEnd(slot, restored.wrapupEndsAt());
                  }
                  return slot;
                });
    slots.put(key, loading);
    // a failed or empty load is not cached, so the next command tries again
    loading.onComplete(
        ar -> {
          if (ar.failed() || ar.result() == null) {
            slots.remove(key, loading);
            if (ar.failed()) {
              LOG.error(
                  "cannot load agent {} of tenant {}", key.agentId(), key.tenantId(), ar.cause());
            }
          }
        });
    return loading;
  }

  private Decision apply(Slot slot, AgentEvent event, String cause) {
    Instant now = clock.instant();
    Decision decision = machine.decide(slot.state, event, slot.profile.policy(), now);
    if (decision instanceof Accepted accepted) {
      AgentState previous = slot.state;
      slot.state = accepted.state();
      census.moved(slot.profile.tenantId(), previous.status(), accepted.state().status());
      accepted.effects().forEach(effect -> carryOut(slot, effect));
      if (accepted.changed()) {
        AgentProfile p = slot.profile;
        slot.recorded =
            history.append(
                HistoryEntry.of(
                    p.tenantId(), p.agentId(), accepted.state(), cause(event, cause), now));
        vertx
            .eventBus()
            .publish(
                AgentAddresses.STATE_CHANGED,
                new AgentStateChanged(
                    p.tenantId(), p.agentId(), p.groupIds(), previous, accepted.state(), cause));
      }
    }
    return decision;
  }

  private static String cause(AgentEvent event, String cause) {
    String name = event.getClass().getSimpleName();
    String full = name + ":" + cause;
    return full.length() > 64 ? full.substring(0, 64) : full;
  }

  private void carryOut(Slot slot, Effect effect) {
    if (effect instanceof Effect.StartWrapupTimer start) {
      scheduleWrapupEnd(slot, start.endsAt());
    } else if (effect instanceof Effect.CancelWrapupTimer) {
      cancelWrapupTimer(slot);
    }
  }

  private void scheduleWrapupEnd(Slot slot, Instant endsAt) {
    cancelWrapupTimer(slot);
    long delay = Math.max(1, Duration.between(clock.instant(), endsAt).toMillis());
    slot.wrapupTimer =
        vertx.setTimer(
            delay,
            id -> {
              slot.wrapupTimer = -1;
              apply(slot, new AgentEvent.WrapupExpired(endsAt), "timer");
            });
  }

  private void cancelWrapupTimer(Slot slot) {
    if (slot.wrapupTimer >= 0) {
      vertx.cancelTimer(slot.wrapupTimer);
      slot.wrapupTimer = -1;
    }
  }
}
