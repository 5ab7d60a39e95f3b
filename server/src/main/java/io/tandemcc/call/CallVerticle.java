package io.tandemcc.call;

import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.agent.CallKind;
import io.tandemcc.call.CallRecords.Update;
import io.tandemcc.pbx.PbxAddresses;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.PbxEvent.AgentChannelHungUp;
import io.tandemcc.pbx.PbxEvent.CallHeld;
import io.tandemcc.pbx.PbxEvent.CallTransferred;
import io.tandemcc.pbx.PbxEvent.RecordingStarted;
import io.tandemcc.pbx.PbxEvent.RecordingStopped;
import io.tandemcc.pbx.PbxEvent.CallUnheld;
import io.tandemcc.pbx.PbxEvent.DirectCallAnswered;
import io.tandemcc.pbx.PbxEvent.DirectCallOffered;
import io.tandemcc.pbx.PbxEvent.OutboundCallAnswered;
import io.tandemcc.pbx.PbxEvent.OutboundCallStarted;
import io.tandemcc.pbx.PbxEvent.QueueCallAbandoned;
import io.tandemcc.pbx.PbxEvent.QueueCallAnswered;
import io.tandemcc.pbx.PbxEvent.QueueCallEnded;
import io.tandemcc.pbx.PbxEvent.QueueCallNotAnswered;
import io.tandemcc.pbx.PbxEvent.QueueCallOffered;
import io.tandemcc.pbx.PbxEvent.QueueCallerJoined;
import io.tandemcc.pbx.TransferKind;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows calls from the PBX's events: drives the call overlay of the agents involved, offers calls to their
 * browsers with attached data and popup, keeps a record of every call, and takes attached data pushed by CRMs.
 * Events of one agent are handled in the order the PBX sent them.
 */
public final class CallVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(CallVerticle.class);
  private static final String CAUSE = "pbx";

  private final CallDirectory directory;
  private final CallRecords records;
  private final AgentStateClient agents;
  private final Clock clock;
  private final Map<String, LiveCall> live = new HashMap<>();
  private Future<Void> pending = Future.succeededFuture();
  private Future<Void> lookup = Future.succeededFuture();
  private final CallOffers offers;
  private final CallParties parties;

  public CallVerticle(CallDirectory directory, CallRecords records, CallParties parties, AgentStateClient agents,
      Clock clock) {
    this.directory = directory;
    this.records = records;
    this.parties = parties;
    this.agents = agents;
    this.clock = clock;
    this.offers = new CallOffers();
  }

  @Override
  public Future<?> start() {
    var events = vertx.eventBus().<PbxEvent>consumer(PbxAddresses.EVENTS, m -> onEvent(m.body()));
    var attach = vertx.eventBus().<AttachData>consumer(CallAddresses.ATTACH_DATA, this::onAttachData);
    var current = vertx.eventBus().<AgentCallQuery>consumer(CallAddresses.AGENT_CALL,
        m -> m.reply(AgentCallViews.of(live.values(), m.body())));
    return Future.all(events.completion(), attach.completion(), current.completion());
  }

  /**
   * Events are handled one after the other, across agents too: the next waits until the previous one's lookups are
   * done, so a transfer target's first (uncached) lookup cannot let the transferring agent's later events overtake.
   */
  private void onEvent(PbxEvent event) {
    pending = pending.transform(ignored -> {
      lookup = Future.succeededFuture();
      try {
        dispatch(event);
      } catch (RuntimeException e) {
        LOG.error("PBX event {} not handled", event.getClass().getSimpleName(), e);
      }
      return lookup;
    });
  }

  private void dispatch(PbxEvent event) {
    if (!(event instanceof PbxEvent.TenantEvent e)) {
      return;
    }
    // one dispatch per event type; everything else (membership, registrations) is for other owners
    if (e instanceof QueueCallerJoined j) {
      withTenant(j.tenant(), tenantId -> {
        LiveCall c = call(tenantId, j.callId(), CallKind.QUEUE);
        c.queue = j.queue().pbxName();
        c.callerNumber = j.callerNumber();
        c.callerName = j.callerName();
        record(c, new Update("queue", c.queue, null, j.callerNumber(), j.callerName(), null, null, null, null, null,
            null));
      });
    } else if (e instanceof QueueCallOffered o) {
      withAgent(o.tenant(), o.agent().extension(), agent -> {
        LiveCall c = call(agent.tenantId(), o.callId(), CallKind.QUEUE);
        c.queue = o.queue().pbxName();
        c.callerNumber = o.callerNumber();
        c.callerName = o.callerName();
        o.attachedData().forEach(c.attachedData::putIfAbsent);
        c.agents.add(agent.agentId());
        joined(c, agent.agentId(), o.agentChannelId(), "primary");
        offer(c, agent);
        toAgent(agent, new AgentEvent.CallRinging(o.callId(), CallKind.QUEUE));
        record(c, new Update("queue", c.queue, null, o.callerNumber(), o.callerName(), null, now(), null, null, null,
            null));
        attachRecord(c, o.attachedData(), "pbx");
      });
    } else if (e instanceof QueueCallAnswered a) {
      withAgent(a.tenant(), a.agent().extension(), agent -> {
        LiveCall c = call(agent.tenantId(), a.callId(), CallKind.QUEUE);
        c.answeredBy = agent.agentId();
        c.everAnswered = true;
        legAnswered(c, a.agentChannelId());
        toAgent(agent, new AgentEvent.CallAnswered(a.callId()));
        record(c, new Update(null, null, agent.agentId(), null, null, null, null, now(), null,
            (int) a.holdTime().toSeconds(), "answered"));
      });
    } else if (e instanceof QueueCallEnded x) {
      withAgent(x.tenant(), x.agent().extension(), agent -> {
        toAgent(agent, new AgentEvent.CallEnded(x.callId()));
        LiveCall c = live.get(key(agent.tenantId(), x.callId()));
        if (c != null) {
          finish(c, agent.agentId(), null);
        }
      });
    } else if (e instanceof QueueCallNotAnswered n) {
      withAgent(n.tenant(), n.agent().extension(), agent -> {
        toAgent(agent, new AgentEvent.CallNotAnswered(n.callId()));
        LiveCall c = live.get(key(agent.tenantId(), n.callId()));
        if (c != null) {
          c.agents.remove(agent.agentId());
        }
      });
    } else if (e instanceof QueueCallAbandoned ab) {
      withTenant(ab.tenant(), tenantId -> {
        LiveCall c = call(tenantId, ab.callId(), CallKind.QUEUE);
        record(c, new Update(null, null, null, null, null, null, null, null, now(), (int) ab.holdTime().toSeconds(),
            "abandoned"));
        if (c.agents.isEmpty()) {
          live.remove(key(tenantId, ab.callId()));
        }
      });
    } else if (e instanceof DirectCallOffered d) {
      withAgent(d.tenant(), d.agent().extension(), agent -> {
        LiveCall c = call(agent.tenantId(), d.callId(), CallKind.DIRECT);
        String role = CallRoles.ofNewLeg(c, agent.agentId());
        if (role.equals("consult")) {
          c.consultTarget = agent.agentId();
        } else if (role.equals("primary")) {
          c.callerNumber = d.callerNumber();
          c.callerName = d.callerName();
        }
        c.transferPending = false;
        c.agents.add(agent.agentId());
        offer(c, agent);
        toAgent(agent, new AgentEvent.CallRinging(d.callId(), CallKind.DIRECT));
        boolean first = role.equals("primary");
        record(c, new Update("direct", null, first ? agent.agentId() : null, first ? d.callerNumber() : null,
            first ? d.callerName() : null, null, now(), null, null, null, null));
        joined(c, agent.agentId(), d.agentChannelId(), role);
      });
    } else if (e instanceof DirectCallAnswered da) {
      answered(da.tenant(), da.agent().extension(), da.callId(), da.agentChannelId());
    } else if (e instanceof OutboundCallStarted s) {
      withAgent(s.tenant(), s.agent().extension(), agent -> {
        LiveCall c = call(agent.tenantId(), s.callId(), CallKind.OUTBOUND);
        c.callerNumber = s.dialedNumber();
        c.agents.add(agent.agentId());
        joined(c, agent.agentId(), s.agentChannelId(), "primary");
        offer(c, agent);
        toAgent(agent, new AgentEvent.CallDialing(s.callId()));
        record(c, new Update("outbound", null, agent.agentId(), null, null, s.dialedNumber(), now(), null, null,
            null, null));
      });
    } else if (e instanceof OutboundCallAnswered oa) {
      answered(oa.tenant(), oa.agent().extension(), oa.callId(), oa.agentChannelId());
    } else if (e instanceof CallHeld h) {
      withAgent(h.tenant(), h.agent().extension(), agent -> {
        toAgent(agent, new AgentEvent.CallHeld(h.callId()));
        LiveCall c = live.get(key(agent.tenantId(), h.callId()));
        if (c != null && c.heldSince == null) {
          c.heldSince = now();
        }
      });
    } else if (e instanceof CallUnheld u) {
      withAgent(u.tenant(), u.agent().extension(), agent -> {
        toAgent(agent, new AgentEvent.CallResumed(u.callId()));
        LiveCall c = live.get(key(agent.tenantId(), u.callId()));
        if (c != null) {
          endHold(c);
        }
      });
    } else if (e instanceof CallTransferred t) {
      withAgent(t.tenant(), t.agent().extension(), agent -> {
        LiveCall c = live.get(key(agent.tenantId(), t.callId()));
        if (c != null) {
          transferred(c, agent.agentId(), t);
        }
      });
    } else if (e instanceof RecordingStarted rs) {
      recording(rs.tenant(), rs.callId(), rs.agentChannelId(), true);
    } else if (e instanceof RecordingStopped rx) {
      recording(rx.tenant(), rx.callId(), rx.agentChannelId(), false);
    } else if (e instanceof AgentChannelHungUp h) {
      withAgent(h.tenant(), h.agent().extension(), agent -> {
        toAgent(agent, new AgentEvent.CallEnded(h.callId()));
        LiveCall c = live.get(key(agent.tenantId(), h.callId()));
        if (c != null && agent.agentId() == (c.consultTarget == null ? -1 : c.consultTarget)) {
          // the consulted agent hung up or refused: the consulting agent is back with the customer
          c.consultTarget = null;
          c.agents.remove(agent.agentId());
          c.legs.remove(agent.agentId());
          blocking(c, () -> parties.leftBlocking(c.tenantId, h.agentChannelId(), "consult_ended", now()));
        } else if (c != null) {
          finish(c, agent.agentId(), c.kind == CallKind.QUEUE ? null
              : c.answeredBy != null ? null : c.kind == CallKind.DIRECT ? "not_answered" : "failed");
        }
      });
    }
  }

  private void answered(String tenant, String extension, String callId, String channelId) {
    withAgent(tenant, extension, agent -> {
      LiveCall c = call(agent.tenantId(), callId, CallKind.DIRECT);
      toAgent(agent, new AgentEvent.CallAnswered(callId));
      legAnswered(c, channelId);
      if (c.consultTarget != null && c.consultTarget == agent.agentId()) {
        return; // talking with the consulting agent; the customer stays with that agent
      }
      c.answeredBy = agent.agentId();
      c.everAnswered = true;
      record(c, new Update(null, null, agent.agentId(), null, null, null, null, now(), null, null, "answered"));
    });
  }

  /** The owner handed the call on: blind → the next agent offered takes it; attended → the consulted agent has it. */
  private void transferred(LiveCall c, long agentId, CallTransferred t) {
    endHold(c);
    blocking(c, () -> {
      parties.transferredBlocking(c.tenantId, c.callId);
      parties.endReasonBlocking(c.tenantId, t.agentChannelId(), "transferred");
    });
    if (t.kind() == TransferKind.ATTENDED && c.consultTarget != null) {
      c.answeredBy = c.consultTarget;
      c.consultTarget = null;
      record(c, new Update(null, null, c.answeredBy, null, null, null, null, null, null, null, null));
    } else {
      c.transferPending = true;
      c.answeredBy = null;
    }
    c.agents.remove(agentId);
  }

  private void endHold(LiveCall c) {
    if (c.heldSince != null) {
      int seconds = (int) java.time.Duration.between(c.heldSince, now()).toSeconds();
      c.heldSince = null;
      blocking(c, () -> parties.heldBlocking(c.tenantId, c.callId, seconds));
    }
  }

  private void joined(LiveCall c, long agentId, String channelId, String role) {
    c.legs.put(agentId, new LiveCall.Leg(channelId, role));
    Instant at = now();
    blocking(c, () -> parties.joinedBlocking(c.tenantId, c.callId, agentId, channelId, role, at));
  }

  private void legAnswered(LiveCall c, String channelId) {
    Instant at = now();
    blocking(c, () -> parties.answeredBlocking(c.tenantId, channelId, at));
  }

  private void recording(String tenant, String callId, String channelId, boolean started) {
    withTenant(tenant, tenantId -> {
      LiveCall c = live.get(key(tenantId, callId));
      if (c != null) {
        c.recording = started;
        Instant at = now();
        blocking(c, () -> parties.recordingBlocking(tenantId, callId, channelId, started, at));
      }
    });
  }

  private void blocking(LiveCall c, Runnable write) {
    vertx.executeBlocking(() -> {
      write.run();
      return null;
    }, true).onFailure(err -> LOG.error("tenant {}: call-control facts of {} not written", c.tenantId, c.callId,
        err));
  }

  /** The agent's leg ended: the call is over for this agent, and over for good when no agent is left on it. */
  private void finish(LiveCall c, long agentId, String outcomeIfUnanswered) {
    c.agents.remove(agentId);
    LiveCall.Leg leg = c.legs.remove(agentId);
    if (leg != null) {
      Instant at = now();
      blocking(c, () -> parties.leftBlocking(c.tenantId, leg.channelId(), "hangup", at));
    }
    boolean owner = c.answeredBy != null && c.answeredBy == agentId;
    if (owner) {
      endHold(c);
      record(c, new Update(null, null, null, null, null, null, null, null, now(), null, null));
    } else if (outcomeIfUnanswered != null && !c.everAnswered) {
      record(c, new Update(null, null, null, null, null, null, null, null, now(), null, outcomeIfUnanswered));
    }
    if (c.agents.isEmpty() && !c.transferPending && (c.answeredBy == null || owner)) {
      if (!owner && c.everAnswered) {
        record(c, new Update(null, null, null, null, null, null, null, null, now(), null, null));
      }
      live.remove(key(c.tenantId, c.callId));
    }
  }

  /** Publishes the offer; the tenant's settings are loaded already (see {@link #withAgent}). */
  private void offer(LiveCall c, CallDirectory.AgentInfo agent) {
    directory.settings(agent.tenantId()).onSuccess(settings -> vertx.eventBus().publish(CallAddresses.OFFERED,
        offers.offer(c, agent, settings, now())));
  }

  private void onAttachData(Message<AttachData> m) {
    AttachData a = m.body();
    LiveCall c = live.get(key(a.tenantId(), a.callId()));
    if (c != null) {
      c.attachedData.putAll(a.values());
      directory.settings(a.tenantId()).onSuccess(settings -> c.agents.forEach(agentId -> vertx.eventBus().publish(
          CallAddresses.DATA_CHANGED, new CallDataChanged(a.tenantId(), agentId, c.callId,
              offers.items(c.attachedData, settings)))));
    }
    int notified = c == null ? 0 : c.agents.size();
    records.find(a.tenantId(), a.callId()).onComplete(ar -> {
      boolean known = c != null || ar.succeeded() && ar.result().isPresent();
      if (known) {
        vertx.executeBlocking(() -> {
          records.attachBlocking(a.tenantId(), a.callId(), a.values(), "api");
          return null;
        }, true).onComplete(done -> m.reply(new AttachData.Result(true, notified)));
      } else {
        m.reply(new AttachData.Result(false, 0));
      }
    });
  }

  private LiveCall call(long tenantId, String callId, CallKind kind) {
    return live.computeIfAbsent(key(tenantId, callId), k -> new LiveCall(tenantId, callId, kind, now()));
  }

  private void toAgent(CallDirectory.AgentInfo agent, AgentEvent event) {
    agents.send(agent.tenantId(), agent.agentId(), event, CAUSE).onFailure(err ->
        LOG.error("tenant {}: agent {} could not take {}: {}", agent.domain(), agent.agentNumber(),
            event.getClass().getSimpleName(), err.getMessage()));
  }

  private void record(LiveCall c, Update u) {
    Instant at = c.startedAt;
    vertx.executeBlocking(() -> {
      records.upsertBlocking(c.tenantId, c.callId, at, u);
      return null;
    }, true).onFailure(err -> LOG.error("tenant {}: call record {} not written", c.tenantId, c.callId, err));
  }

  private void attachRecord(LiveCall c, Map<Integer, String> values, String source) {
    if (values.isEmpty()) {
      return;
    }
    vertx.executeBlocking(() -> {
      records.attachBlocking(c.tenantId, c.callId, values, source);
      return null;
    }, true).onFailure(err -> LOG.error("tenant {}: attached data of {} not written", c.tenantId, c.callId, err));
  }

  private void withTenant(String domain, Consumer<Long> action) {
    lookup = directory.tenantId(domain).transform(ar -> {
      if (ar.succeeded() && ar.result().isPresent()) {
        action.accept(ar.result().get());
      } else if (ar.failed()) {
        LOG.error("tenant lookup failed for '{}'", domain, ar.cause());
      } else {
        LOG.warn("PBX event for unknown tenant '{}' dropped", domain);
      }
      return Future.<Void>succeededFuture();
    });
  }

  /**
   * Runs {@code action} once the agent and its tenant's call settings are known. Every event of an agent goes
   * through the same chain of (cached) lookups, so they are handled in the order they came, and an offer is
   * built with the settings at hand: it reaches the browser before the state change it goes with.
   */
  private void withAgent(String domain, String extension, Consumer<CallDirectory.AgentInfo> action) {
    lookup = directory.agent(domain, extension).compose(agent -> agent.isEmpty() ? Future.succeededFuture(agent)
        : directory.settings(agent.get().tenantId()).map(settings -> agent)).transform(ar -> {
      Optional<CallDirectory.AgentInfo> agent = ar.succeeded() ? ar.result() : Optional.empty();
      if (agent.isPresent()) {
        action.accept(agent.get());
      } else if (ar.failed()) {
        LOG.error("agent lookup failed for {}-{}", domain, extension, ar.cause());
      } else {
        LOG.debug("PBX event for {}-{}, which is no agent, ignored", domain, extension);
      }
      return Future.<Void>succeededFuture();
    });
  }

  private Instant now() {
    return clock.instant();
  }

  static String key(long tenantId, String callId) {
    return tenantId + "|" + callId;
  }
}
