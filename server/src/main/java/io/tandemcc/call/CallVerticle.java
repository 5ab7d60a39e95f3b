package io.tandemcc.call;

import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.agent.CallKind;
import io.tandemcc.call.CallRecords.Update;
import io.tandemcc.pbx.PbxAddresses;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.PbxEvent.AgentChannelHungUp;
import io.tandemcc.pbx.PbxEvent.CallHeld;
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
  private final CallOffers offers;

  public CallVerticle(CallDirectory directory, CallRecords records, AgentStateClient agents, Clock clock) {
    this.directory = directory;
    this.records = records;
    this.agents = agents;
    this.clock = clock;
    this.offers = new CallOffers();
  }

  @Override
  public Future<?> start() {
    var events = vertx.eventBus().<PbxEvent>consumer(PbxAddresses.EVENTS, m -> onEvent(m.body()));
    var attach = vertx.eventBus().<AttachData>consumer(CallAddresses.ATTACH_DATA, this::onAttachData);
    return Future.all(events.completion(), attach.completion());
  }

  private void onEvent(PbxEvent event) {
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
        toAgent(agent, new AgentEvent.CallRinging(o.callId(), CallKind.QUEUE));
        offer(c, agent);
        record(c, new Update("queue", c.queue, null, o.callerNumber(), o.callerName(), null, now(), null, null, null,
            null));
        attachRecord(c, o.attachedData(), "pbx");
      });
    } else if (e instanceof QueueCallAnswered a) {
      withAgent(a.tenant(), a.agent().extension(), agent -> {
        LiveCall c = call(agent.tenantId(), a.callId(), CallKind.QUEUE);
        c.answeredBy = agent.agentId();
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
        c.callerNumber = d.callerNumber();
        c.callerName = d.callerName();
        c.agents.add(agent.agentId());
        toAgent(agent, new AgentEvent.CallRinging(d.callId(), CallKind.DIRECT));
        offer(c, agent);
        record(c, new Update("direct", null, agent.agentId(), d.callerNumber(), d.callerName(), null, now(), null,
            null, null, null));
      });
    } else if (e instanceof DirectCallAnswered da) {
      answered(da.tenant(), da.agent().extension(), da.callId());
    } else if (e instanceof OutboundCallStarted s) {
      withAgent(s.tenant(), s.agent().extension(), agent -> {
        LiveCall c = call(agent.tenantId(), s.callId(), CallKind.OUTBOUND);
        c.callerNumber = s.dialedNumber();
        c.agents.add(agent.agentId());
        toAgent(agent, new AgentEvent.CallDialing(s.callId()));
        offer(c, agent);
        record(c, new Update("outbound", null, agent.agentId(), null, null, s.dialedNumber(), now(), null, null,
            null, null));
      });
    } else if (e instanceof OutboundCallAnswered oa) {
      answered(oa.tenant(), oa.agent().extension(), oa.callId());
    } else if (e instanceof CallHeld h) {
      withAgent(h.tenant(), h.agent().extension(), agent -> toAgent(agent, new AgentEvent.CallHeld(h.callId())));
    } else if (e instanceof CallUnheld u) {
      withAgent(u.tenant(), u.agent().extension(), agent -> toAgent(agent, new AgentEvent.CallResumed(u.callId())));
    } else if (e instanceof AgentChannelHungUp h) {
      withAgent(h.tenant(), h.agent().extension(), agent -> {
        toAgent(agent, new AgentEvent.CallEnded(h.callId()));
        LiveCall c = live.get(key(agent.tenantId(), h.callId()));
        if (c != null) {
          finish(c, agent.agentId(), c.kind == CallKind.QUEUE ? null
              : c.answeredBy != null ? null : c.kind == CallKind.DIRECT ? "not_answered" : "failed");
        }
      });
    }
  }

  private void answered(String tenant, String extension, String callId) {
    withAgent(tenant, extension, agent -> {
      LiveCall c = call(agent.tenantId(), callId, CallKind.DIRECT);
      c.answeredBy = agent.agentId();
      toAgent(agent, new AgentEvent.CallAnswered(callId));
      record(c, new Update(null, null, agent.agentId(), null, null, null, null, now(), null, null, "answered"));
    });
  }

  /** The agent's leg ended: the call is over for this agent, and over for good when no agent is left on it. */
  private void finish(LiveCall c, long agentId, String outcomeIfUnanswered) {
    c.agents.remove(agentId);
    if (c.answeredBy != null && c.answeredBy == agentId) {
      record(c, new Update(null, null, null, null, null, null, null, null, now(), null, null));
    } else if (outcomeIfUnanswered != null) {
      record(c, new Update(null, null, null, null, null, null, null, null, now(), null, outcomeIfUnanswered));
    }
    if (c.agents.isEmpty() && (c.answeredBy == null || c.answeredBy == agentId)) {
      live.remove(key(c.tenantId, c.callId));
    }
  }

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
    directory.tenantId(domain).onComplete(ar -> {
      if (ar.succeeded() && ar.result().isPresent()) {
        action.accept(ar.result().get());
      } else if (ar.failed()) {
        LOG.error("tenant lookup failed for '{}'", domain, ar.cause());
      } else {
        LOG.warn("PBX event for unknown tenant '{}' dropped", domain);
      }
    });
  }

  private void withAgent(String domain, String extension, Consumer<CallDirectory.AgentInfo> action) {
    directory.agent(domain, extension).onComplete(ar -> {
      Optional<CallDirectory.AgentInfo> agent = ar.succeeded() ? ar.result() : Optional.empty();
      if (agent.isPresent()) {
        action.accept(agent.get());
      } else if (ar.failed()) {
        LOG.error("agent lookup failed for {}-{}", domain, extension, ar.cause());
      } else {
        LOG.debug("PBX event for {}-{}, which is no agent, ignored", domain, extension);
      }
    });
  }

  private Instant now() {
    return clock.instant();
  }

  static String key(long tenantId, String callId) {
    return tenantId + "|" + callId;
  }
}
