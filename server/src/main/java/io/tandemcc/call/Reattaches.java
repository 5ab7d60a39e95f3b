package io.tandemcc.call;

import io.tandemcc.agent.AgentEvent;
import io.tandemcc.call.ReattachPlan.Phase;
import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.PbxCommandException;
import io.tandemcc.pbx.PbxCommands;
import io.tandemcc.pbx.QueueRef;
import io.tandemcc.pbx.ReattachDial;
import io.tandemcc.pbx.ReattachHold;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reload survival (docs/webphone.md): when an agent's SIP socket closes while the agent is
 * connected to a queue call, the customer is moved into the tenant's holding context (music on
 * hold) and the call waits, HELD, for the agent's reloaded page; {@code POST
 * /api/calls/{callId}/reattach} rings the page's phone and bridges it with the customer; after the
 * grace the call goes back to its queue's head or ends (tenant setting; the dialplan does it, this
 * class brings the call model in line). Runs on the call verticle's context, every entry point in
 * turn with the PBX events.
 */
final class Reattaches {
  private static final Logger LOG = LoggerFactory.getLogger(Reattaches.class);
  private static final PartyEndReason KEPT_REASON = PartyEndReason.PAGE_CLOSED;

  /**
   * What the call verticle does for this class: its own bookkeeping of agents, legs and call
   * records.
   */
  interface Host {
    void toAgent(long tenantId, long agentId, AgentEvent event);

    /** The call is over for this agent (its record ends when the agent owned it). */
    void finish(LiveCall c, long agentId);

    void partyLeft(LiveCall c, String channelId, PartyEndReason reason);

    /** The reloaded page's new leg joined the call and is answered (the hold ends). */
    void rejoined(LiveCall c, long agentId, String channelId);

    void endHold(LiveCall c);

    /**
     * Offers the call to the agent again: the reloaded page gets its attached data and popup (same
     * call id).
     */
    void offerAgain(LiveCall c, long agentId);

    /** Runs {@code step} in turn with the PBX events. */
    void inTurn(String what, Runnable step);

    /** Makes the event in turn wait for {@code work} (as the lookups of an event do). */
    void await(Future<?> work);
  }

  /** A call held for its agent's page. Mutated on the call verticle's context only. */
  static final class Pending {
    final long tenantId;
    final String callId;
    final long agentId;
    final String oldChannelId;
    final Instant until;
    final boolean requeue;
    Phase phase = Phase.HOLDING;
    long timer = -1;

    Pending(
        long tenantId,
        String callId,
        long agentId,
        String oldChannelId,
        Instant until,
        boolean requeue) {
      this.tenantId = tenantId;
      this.callId = callId;
      this.agentId = agentId;
      this.oldChannelId = oldChannelId;
      this.until = until;
      this.requeue = requeue;
    }
  }

  private final Vertx vertx;
  private final LiveCalls live;
  private final CallDirectory directory;
  private final ReattachRules rules;
  private final Supplier<Optional<PbxCommands>> pbx;
  private final Clock clock;
  private final Host host;
  private final java.util.function.BiPredicate<Long, String> inConference;
  private final Map<String, Pending> pending = new HashMap<>();

  Reattaches(
      Vertx vertx,
      LiveCalls live,
      CallDirectory directory,
      ReattachRules rules,
      Supplier<Optional<PbxCommands>> pbx,
      Clock clock,
      Host host,
      java.util.function.BiPredicate<Long, String> inConference) {
    this.vertx = vertx;
    this.live = live;
    this.directory = directory;
    this.rules = rules;
    this.pbx = pbx;
    this.clock = clock;
    this.host = host;
    this.inConference = inConference;
  }

  /**
   * An agent's SIP socket closed: every queue call the agent is connected to is kept for its page.
   */
  void socketClosed(SipSocketClosed closed) {
    if (!closed.pageWentAway()) {
      return; // the server stops or Asterisk's side failed: the call's media goes on or is gone
      // anyway
    }
    List<LiveCall> owned = new ArrayList<>();
    for (LiveCall c : live.values()) {
      if (c.tenantId == closed.tenantId() && c.answeredBy != null && !pending.containsKey(key(c))) {
        owned.add(c);
      }
    }
    if (owned.isEmpty()) {
      return;
    }
    // the owner's extension tells whose phone it was (the event names the user and the extension)
    List<Future<?>> lookups = new ArrayList<>();
    for (LiveCall c : owned) {
      long agentId = c.answeredBy;
      lookups.add(
          directory
              .agentById(c.tenantId, agentId)
              .compose(
                  agent -> {
                    if (agent.isEmpty() || !agent.get().extension().equals(closed.extension())) {
                      return Future.succeededFuture();
                    }
                    if (!ReattachPlan.keeps(c, agentId, inConference.test(c.tenantId, c.callId))) {
                      LOG.info(
                          "tenant {}: agent {}'s page went away during call {}, which is not kept (not a plain queue call)",
                          agent.get().domain(),
                          agent.get().agentNumber(),
                          c.callId);
                      return Future.succeededFuture();
                    }
                    return rules
                        .of(c.tenantId)
                        .compose(r -> hold(c, agent.get(), r, closed.reason()));
                  })
              .otherwise(
                  err -> {
                    LOG.warn(
                        "tenant {}: call {} not kept for its agent: {}",
                        c.tenantId,
                        c.callId,
                        err.getMessage());
                    return null;
                  }));
    }
    host.await(Future.join(lookups));
  }

  private Future<Void> hold(
      LiveCall c, CallDirectory.AgentInfo agent, ReattachRules.Rules r, String why) {
    Optional<PbxCommands> commands = pbx.get();
    if (commands.isEmpty()) {
      return Future
          .succeededFuture(); // no PBX link: nothing to move; the call ends as it would have
    }
    Instant now = clock.instant();
    LiveCall.Leg leg = c.legs.get(agent.agentId());
    Pending p =
        new Pending(
            c.tenantId,
            c.callId,
            agent.agentId(),
            leg.channelId(),
            ReattachPlan.until(now, r.graceSeconds()),
            r.requeue());
    // known before the Redirect: the old leg's hang-up that it causes must find it
    pending.put(key(c), p);
    QueueRef queue = r.requeue() ? QueueRef.parse(c.queue).orElse(null) : null;
    ReattachHold hold = new ReattachHold(agent.domain(), c.callId, r.graceSeconds(), queue);
    LOG.info(
        "tenant {}: agent {}'s page went away during call {} ({}); the customer waits {} s for it",
        agent.domain(),
        agent.agentNumber(),
        c.callId,
        why,
        r.graceSeconds());
    return commands
        .get()
        .holdForReattach(hold)
        .onSuccess(
            v -> {
              if (c.heldSince == null) {
                c.heldSince = now;
              }
              host.toAgent(c.tenantId, p.agentId, new AgentEvent.CallHeld(c.callId));
              p.timer =
                  vertx.setTimer(
                      Math.max(1, Duration.between(now, p.until).toMillis()),
                      t -> host.inTurn("reattach grace of " + c.callId, () -> expired(p)));
            })
        .recover(
            err -> {
              pending.remove(key(c));
              LOG.warn(
                  "tenant {}: the customer of call {} could not be kept: {}",
                  agent.domain(),
                  c.callId,
                  err.getMessage());
              return Future.succeededFuture();
            });
  }

  /**
   * The hang-up of an agent leg: true when it is the old leg of a call held for its agent's page
   * (or the new leg of a reattach that failed), which ends nothing.
   */
  boolean legGone(long tenantId, String callId, long agentId, String channelId) {
    Pending p = pending.get(key(tenantId, callId));
    if (p == null || p.agentId != agentId) {
      return false;
    }
    LiveCall c = live.get(tenantId, callId);
    if (c != null && channelId.equals(p.oldChannelId)) {
      host.partyLeft(c, channelId, KEPT_REASON);
    }
    return true;
  }

  /**
   * The queue's end of the agent's session (AgentComplete) while the call was held: Asterisk sends
   * it when the customer's channel ends, so the customer hung up while waiting. True when it was
   * such a call (now ended).
   */
  boolean queueSessionEnded(long tenantId, String callId, long agentId) {
    Pending p = pending.get(key(tenantId, callId));
    if (p == null || p.agentId != agentId) {
      return false;
    }
    LOG.info(
        "tenant {}: the customer of call {} hung up while waiting for the agent's page",
        tenantId,
        callId);
    forget(p);
    LiveCall c = live.get(tenantId, callId);
    host.toAgent(tenantId, agentId, new AgentEvent.CallEnded(callId));
    if (c != null) {
      host.finish(c, agentId);
    }
    return true;
  }

  /** The agent's page asks for the call back. Completes with the reply (never fails). */
  Future<ReattachReply> request(ReattachCommand cmd) {
    Pending p = pending.get(key(cmd.tenantId(), cmd.callId()));
    Instant now = clock.instant();
    ReattachPlan.Verdict verdict =
        ReattachPlan.request(
            p == null ? null : p.agentId,
            p == null ? null : p.phase,
            p == null ? now : p.until,
            cmd.agentId(),
            now);
    switch (verdict) {
      case NONE, NOT_YOURS:
        return Future.succeededFuture(
            ReattachReply.refused(
                404, "no-reattach", "There is no call waiting for you to take it back."));
      case BUSY:
        return Future.succeededFuture(
            ReattachReply.refused(
                409,
                "reattach-in-progress",
                "The call is being put through to your phone already."));
      case EXPIRED:
        return Future.succeededFuture(
            ReattachReply.refused(
                410, "reattach-expired", "The call waited too long and went on without you."));
      default:
        break;
    }
    LiveCall c = live.get(cmd.tenantId(), cmd.callId());
    Optional<PbxCommands> commands = pbx.get();
    if (c == null || commands.isEmpty()) {
      return Future.succeededFuture(
          ReattachReply.refused(503, "pbx-unavailable", "The phone system is unavailable."));
    }
    p.phase = Phase.DIALING;
    long started = System.nanoTime();
    return directory
        .agentById(cmd.tenantId(), cmd.agentId())
        .compose(
            agent -> {
              if (agent.isEmpty()) {
                throw new IllegalStateException("agent " + cmd.agentId() + " unknown");
              }
              AgentEndpoint endpoint =
                  new AgentEndpoint(agent.get().domain(), agent.get().extension());
              String name = c.callerName.isEmpty() ? c.callerNumber : c.callerName;
              return commands
                  .get()
                  .reattach(
                      new ReattachDial(endpoint, c.callId, c.callId, name, ReattachPlan.RING));
            })
        .transform(
            ar -> {
              // settled in turn with the PBX events: the new leg's own events must find it joined
              io.vertx.core.Promise<ReattachReply> reply = io.vertx.core.Promise.promise();
              host.inTurn(
                  "reattach of " + cmd.callId(),
                  () -> reply.complete(settle(p, c, cmd, ar, started)));
              return reply.future();
            });
  }

  private ReattachReply settle(
      Pending p,
      LiveCall c,
      ReattachCommand cmd,
      io.vertx.core.AsyncResult<String> ar,
      long started) {
    if (ar.succeeded()) {
      return reattached(p, c, ar.result(), (System.nanoTime() - started) / 1_000_000);
    }
    p.phase = Phase.HOLDING;
    Throwable err = ar.cause();
    LOG.info(
        "tenant {}: call {} not taken back: {}", cmd.tenantId(), cmd.callId(), err.getMessage());
    if (!clock.instant().isBefore(p.until)) {
      expired(p); // its grace ended while the phone rang
    }
    return err instanceof PbxCommandException
        ? ReattachReply.refused(
            502,
            "reattach-failed",
            "The call could not be put through to your phone: " + err.getMessage() + ". Try again.")
        : ReattachReply.refused(503, "pbx-unavailable", "The phone system is unavailable.");
  }

  private ReattachReply reattached(Pending p, LiveCall c, String newLeg, long millis) {
    forget(p);
    host.rejoined(c, p.agentId, newLeg);
    host.offerAgain(c, p.agentId);
    host.toAgent(c.tenantId, p.agentId, new AgentEvent.CallResumed(c.callId));
    LOG.info(
        "tenant {}: call {} taken back by agent {}'s reloaded page in {} ms",
        c.tenantId,
        c.callId,
        p.agentId,
        millis);
    return ReattachReply.done(c.callId, millis);
  }

  /**
   * The grace is over and the page did not take the call back: the dialplan requeues or ends it; so
   * does the model.
   */
  private void expired(Pending p) {
    if (pending.get(key(p.tenantId, p.callId)) != p || p.phase != Phase.HOLDING) {
      return; // taken back meanwhile, or a reattach is under way (it settles the call)
    }
    forget(p);
    LiveCall c = live.get(p.tenantId, p.callId);
    LOG.info(
        "tenant {}: nobody took call {} back in time; it {}",
        p.tenantId,
        p.callId,
        p.requeue ? "goes back to its queue" : "ends");
    host.toAgent(p.tenantId, p.agentId, new AgentEvent.CallEnded(p.callId));
    if (c == null) {
      return;
    }
    host.endHold(c);
    if (p.requeue) {
      // as a transfer to the queue: the next agent offered takes the call over
      c.agents.remove(p.agentId);
      c.legs.remove(p.agentId);
      c.answeredBy = null;
      c.transferPending = true;
    } else {
      host.finish(c, p.agentId);
    }
  }

  /** Whether a call is held for its agent's page (the call view shows it as held). */
  Optional<Instant> heldUntil(long tenantId, String callId) {
    return Optional.ofNullable(pending.get(key(tenantId, callId))).map(p -> p.until);
  }

  private void forget(Pending p) {
    pending.remove(key(p.tenantId, p.callId));
    if (p.timer >= 0) {
      vertx.cancelTimer(p.timer);
    }
  }

  private static String key(LiveCall c) {
    return key(c.tenantId, c.callId);
  }

  private static String key(long tenantId, String callId) {
    return LiveCalls.key(tenantId, callId);
  }
}
