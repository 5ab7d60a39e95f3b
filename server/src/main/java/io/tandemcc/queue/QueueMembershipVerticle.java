package io.tandemcc.queue;

import io.tandemcc.agent.AgentAddresses;
import io.tandemcc.agent.AgentState;
import io.tandemcc.agent.AgentStateChanged;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.call.AgentLocator;
import io.tandemcc.call.AgentRef;
import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.PbxAddresses;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.PbxEvent.QueueMemberListed;
import io.tandemcc.pbx.PbxLink;
import io.tandemcc.pbx.QueueAddResult;
import io.tandemcc.pbx.QueueMemberState;
import io.tandemcc.pbx.QueueRef;
import io.tandemcc.tenant.RosterChanged;
import io.tandemcc.tenant.TenantAddresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the PBX's queue membership follow agent states: every state change is turned into QueueAdd,
 * QueuePause or QueueRemove for each queue of the agent's groups, in order per agent; every time
 * the PBX link comes up, membership and pause states reported by QueueStatus are compared with our
 * agent states and Asterisk is corrected. Idempotent; every PBX refusal is logged and reported to
 * the agent's browsers.
 */
public final class QueueMembershipVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(QueueMembershipVerticle.class);

  private final PbxLink link;
  private final AgentLocator locator;
  private final AgentStateClient agents;
  private final Map<Long, Future<Void>> chains = new HashMap<>();
  private boolean resyncing;
  private boolean resyncAgain;

  public QueueMembershipVerticle(PbxLink link, AgentLocator locator, AgentStateClient agents) {
    this.link = link;
    this.locator = locator;
    this.agents = agents;
  }

  @Override
  public Future<?> start() {
    var states =
        vertx
            .eventBus()
            .<AgentStateChanged>consumer(
                AgentAddresses.STATE_CHANGED, m -> onStateChanged(m.body()));
    var pbx =
        vertx
            .eventBus()
            .<PbxEvent>consumer(
                PbxAddresses.EVENTS,
                m -> {
                  if (m.body() instanceof PbxEvent.LinkUp) {
                    resynchronise();
                  }
                });
    // an administrator changed groups or agents (issue 14): a removed member leaves the queue, a
    // new member of a
    // group joins it if Ready; the comparison is the one of a link-up, run once the PBX has the new
    // queues
    var roster =
        vertx
            .eventBus()
            .<RosterChanged>consumer(TenantAddresses.ROSTER_APPLIED, m -> resynchroniseSoon());
    return Future.all(states.completion(), pbx.completion(), roster.completion());
  }

  private void onStateChanged(AgentStateChanged e) {
    inOrder(
        e.agentId(),
        () ->
            locator
                .byId(e.tenantId(), e.agentId())
                .compose(
                    ref -> {
                      if (ref.isEmpty() || ref.get().queues().isEmpty()) {
                        return Future.succeededFuture();
                      }
                      MemberState was = MemberState.of(e.previous(), ref.get().staticMember());
                      MemberState now = MemberState.of(e.current(), ref.get().staticMember());
                      if (was.equals(now)) {
                        return Future.succeededFuture();
                      }
                      return applyToAll(ref.get(), now, was.member());
                    }));
  }

  /**
   * Runs steps for one agent strictly one after another, whatever the outcome of the previous one.
   */
  private void inOrder(long agentId, Supplier<Future<Void>> step) {
    Future<Void> previous = chains.getOrDefault(agentId, Future.succeededFuture());
    Future<Void> next =
        previous.transform(ignored -> step.get()).transform(ar -> Future.<Void>succeededFuture());
    chains.put(agentId, next);
    next.onComplete(v -> chains.remove(agentId, next));
  }

  private Future<Void> applyToAll(AgentRef agent, MemberState target, boolean wasMember) {
    List<Future<Void>> steps = new ArrayList<>();
    for (String queueName : agent.queues()) {
      steps.add(apply(agent, queueName, target, wasMember ? Boolean.TRUE : null));
    }
    return Future.join(steps).mapEmpty();
  }

  /**
   * Brings one membership to the target. {@code knownMember} is what we believe (null = unknown, so
   * QueueAdd is tried first and an "already a member" answer falls back to QueuePause).
   */
  private Future<Void> apply(
      AgentRef agent, String queueName, MemberState target, Boolean knownMember) {
    Optional<QueueRef> queue = QueueRef.parse(queueName);
    if (queue.isEmpty() || !queue.get().tenant().equals(agent.domain())) {
      LOG.error(
          "tenant {}: queue name '{}' of agent {} does not carry the tenant prefix; skipped",
          agent.domain(),
          queueName,
          agent.agentNumber());
      return Future.succeededFuture();
    }
    AgentEndpoint endpoint = new AgentEndpoint(agent.domain(), agent.extension());
    var commands = link.commands();
    Future<Void> result;
    if (!target.member()) {
      result = commands.queueRemove(queue.get(), endpoint).mapEmpty();
    } else if (Boolean.TRUE.equals(knownMember)) {
      result = commands.queuePause(queue.get(), endpoint, target.paused(), target.reason());
    } else {
      result =
          commands
              .queueAdd(
                  queue.get(), endpoint, agent.displayName(), target.paused(), target.reason())
              .compose(
                  added ->
                      added == QueueAddResult.ALREADY_MEMBER
                          ? commands.queuePause(
                              queue.get(), endpoint, target.paused(), target.reason())
                          : Future.succeededFuture());
    }
    String action = !target.member() ? "remove" : target.paused() ? "pause" : "unpause";
    return result.recover(
        err -> {
          LOG.error(
              "tenant {}: PBX refused to {} agent {} in queue {}: {}",
              agent.domain(),
              action,
              agent.agentNumber(),
              queueName,
              err.getMessage());
          vertx
              .eventBus()
              .publish(
                  QueueAddresses.ACTION_FAILED,
                  new QueueActionFailed(
                      agent.tenantId(), agent.agentId(), queueName, action, err.getMessage()));
          return Future.succeededFuture();
        });
  }

  /**
   * A burst of administration changes is one comparison: a request while one runs makes one more
   * after it.
   */
  private void resynchroniseSoon() {
    if (resyncing) {
      resyncAgain = true;
      return;
    }
    resyncing = true;
    resynchronise()
        .onComplete(
            ar -> {
              resyncing = false;
              if (resyncAgain) {
                resyncAgain = false;
                resynchroniseSoon();
              }
            });
  }

  /** Compares the PBX's members with our states and corrects the PBX. */
  private Future<Void> resynchronise() {
    return Future.all(link.commands().queueStatusAll(), locator.allWithQueues())
        .onComplete(
            ar -> {
              if (ar.failed()) {
                LOG.error("queue resynchronisation failed: {}", ar.cause().getMessage());
                return;
              }
              List<QueueMemberListed> listed = ar.result().resultAt(0);
              List<AgentRef> refs = ar.result().resultAt(1);
              Map<String, QueueMemberState> actual = new HashMap<>();
              listed.forEach(
                  l ->
                      actual.put(
                          key(l.member().queue().pbxName(), l.member().agent().endpointName()),
                          l.member()));
              Map<String, Boolean> expectedKeys = new HashMap<>();
              for (AgentRef ref : refs) {
                for (String q : ref.queues()) {
                  expectedKeys.put(
                      key(q, io.tandemcc.pbx.AgentEndpoint.nameOf(ref.domain(), ref.extension())),
                      Boolean.TRUE);
                }
                inOrder(
                    ref.agentId(),
                    () ->
                        agents
                            .current(ref.tenantId(), ref.agentId())
                            .compose(state -> correct(ref, state, actual)));
              }
              // members of our tenants' queues that no agent of ours should be in (left the group,
              // deleted)
              for (QueueMemberListed l : listed) {
                String k = key(l.member().queue().pbxName(), l.member().agent().endpointName());
                boolean ours =
                    refs.stream().anyMatch(r -> r.domain().equals(l.member().queue().tenant()));
                if (ours && !expectedKeys.containsKey(k)) {
                  LOG.warn(
                      "tenant {}: {} is a member of {} but not of its group; removing",
                      l.tenant(),
                      l.member().agent(),
                      l.member().queue());
                  link.commands()
                      .queueRemove(l.member().queue(), l.member().agent())
                      .onFailure(
                          e ->
                              LOG.error(
                                  "could not remove {} from {}: {}",
                                  l.member().agent(),
                                  l.member().queue(),
                                  e.getMessage()));
                }
              }
              LOG.info(
                  "queue resynchronisation: {} members listed by the PBX, {} agents checked",
                  listed.size(),
                  refs.size());
            })
        .mapEmpty();
  }

  private Future<Void> correct(
      AgentRef ref, AgentState state, Map<String, QueueMemberState> actual) {
    MemberState target = MemberState.of(state, ref.staticMember());
    List<Future<Void>> steps = new ArrayList<>();
    for (String q : ref.queues()) {
      QueueMemberState is =
          actual.get(key(q, io.tandemcc.pbx.AgentEndpoint.nameOf(ref.domain(), ref.extension())));
      boolean right =
          is == null
              ? !target.member()
              : target.member()
                  && is.paused() == target.paused()
                  && (!target.paused() || is.pausedReason().equals(target.reason()));
      if (!right) {
        LOG.info(
            "tenant {}: correcting agent {} in {} to {}",
            ref.domain(),
            ref.agentNumber(),
            q,
            target);
        steps.add(apply(ref, q, target, is != null));
      }
    }
    return Future.join(steps).mapEmpty();
  }

  private static String key(String queue, String endpoint) {
    return queue + "|" + endpoint;
  }
}
