package io.tandemcc.push;

import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.AgentState;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.agent.AgentStatus;
import io.tandemcc.agent.Reason;
import io.tandemcc.supervisor.BrowserPresence;
import io.tandemcc.supervisor.SupervisorAddresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dead browser never holds a seat: follows every push hub's page counts ({@link PagePresence})
 * and, when an agent has had no page for DISCONNECTED_AFTER_SECONDS, sets a Ready agent (or one in
 * wrap-up) Not Ready with the system reason {@link Reason#DISCONNECTED} (cause {@code presence}).
 * The queue member is then paused by the queue membership owner as for any Not Ready; the state
 * machine's rule for Not Ready during a call applies (Pending Not Ready), so a call in progress is
 * never touched here. An agent already Not Ready keeps its own reason. One instance, on the owners'
 * event loop.
 */
public final class PresenceVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(PresenceVerticle.class);
  public static final String CAUSE = "presence";

  private final AgentStateClient agents;
  private final Clock clock;
  private final PagePresence presence;
  private final Duration grace;
  private MessageConsumer<BrowserPresence> consumer;

  public PresenceVerticle(AgentStateClient agents, Clock clock, Duration disconnectedAfter) {
    this.agents = agents;
    this.clock = clock;
    this.presence = new PagePresence(disconnectedAfter);
    this.grace = disconnectedAfter;
  }

  @Override
  public Future<?> start() {
    consumer =
        vertx.eventBus().consumer(SupervisorAddresses.PRESENCE_CHANGED, m -> onPresence(m.body()));
    return consumer.completion();
  }

  private void onPresence(BrowserPresence p) {
    LOG.debug("presence {}", p);
    presence.report(p, clock.instant()).ifPresent(this::checkAt);
  }

  private void checkAt(Instant dueAt) {
    long delay = Math.max(1, Duration.between(clock.instant(), dueAt).toMillis());
    vertx.setTimer(delay, id -> checkDue());
  }

  private void checkDue() {
    List<PagePresence.AgentKey> due = presence.due(clock.instant());
    // the timer runs on the event loop's monotonic time, the grace on the clock: one that lags gets
    // another look
    if (due.isEmpty()) {
      presence
          .nextDue()
          .ifPresent(
              next ->
                  checkAt(next.isAfter(clock.instant()) ? next : clock.instant().plusMillis(100)));
    }
    for (PagePresence.AgentKey key : due) {
      agents
          .current(key.tenantId(), key.agentId())
          .compose(
              state ->
                  wouldBeReady(state)
                      ? agents
                          .send(
                              key.tenantId(),
                              key.agentId(),
                              new AgentEvent.NotReadyRequested(Reason.DISCONNECTED),
                              CAUSE)
                          .map(true)
                      : Future.succeededFuture(false))
          .onSuccess(
              changed -> {
                if (changed) {
                  LOG.info(
                      "agent {} of tenant {}: no page for the last {} s, set Not Ready (Disconnected)",
                      key.agentId(),
                      key.tenantId(),
                      grace.toSeconds());
                }
              })
          .onFailure(
              e ->
                  LOG.warn(
                      "agent {} of tenant {}: not set Not Ready after its page went: {}",
                      key.agentId(),
                      key.tenantId(),
                      e.getMessage()));
    }
  }

  /**
   * Ready now or after the wrap-up: those are the states in which queues offer (or will offer)
   * calls. The state may change between this query and the command only by PBX events (the agent
   * has no page): a call that starts meanwhile makes the machine answer Pending Not Ready, which is
   * right too.
   */
  static boolean wouldBeReady(AgentState state) {
    return state.status() == AgentStatus.READY || state.status() == AgentStatus.WRAPUP;
  }
}
