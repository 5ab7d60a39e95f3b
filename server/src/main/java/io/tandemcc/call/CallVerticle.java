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
import io.tandemcc.pbx.PbxEvent.ChannelListed;
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
import io.tandemcc.pbx.PbxLink;
import io.tandemcc.pbx.PbxLinks;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows calls from the PBX's events: drives the call overlay of the agents involved, offers calls to their
 * browsers with attached data and popup, keeps a record of every call, and takes attached data pushed by CRMs.
 * Events of one agent are handled in the order the PBX sent them. Every time a PBX link comes up it assumes nothing
 * from before: the legs the PBX lists are compared with the calls it follows and the agents' call overlays are
 * corrected ({@link CallResync}).
 */
public final class CallVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(CallVerticle.class);
  private static final String CAUSE = "pbx";
  private static final String RESYNC_CAUSE = "pbx-resync";

  private final CallDirectory directory;
  private final CallRecords records;
  private final AgentStateClient agents;
  private final Clock clock;
  private final Map<String, LiveCall> live = new HashMap<>();
  private final CallOffers offers;
  private final PbxLinks links;
  /** Calls that saw an event while a resynchronisation was under way; its list is older for them. */
  private final Set<String> touchedDuringResync = new HashSet<>();
  private long resyncGeneration;
  private boolean resyncing;

  /** @param links the PBX links, asked for the legs in progress when one comes up */
  public CallVerticle(CallDirectory directory, CallRecords records, AgentStateClient agents, Clock clock,
      PbxLinks links) {
    this.directory = directory;
    this.records = records;
    this.agents = agents;
    this.clock = clock;
    this.offers = new CallOffers();
    this.links = links;
  }

  @Override
  public Future<?> start() {
    var events = vertx.eventBus().<PbxEvent>consumer(PbxAddresses.EVENTS, m -> onEvent(m.body()));
    var attach = vertx.eventBus().<AttachData>consumer(CallAddresses.ATTACH_DATA, this::onAttachData);
    return Future.all(events.completion(), attach.completion());
  }

  private void onEvent(PbxEvent event) {
    if (event instanceof PbxEvent.LinkUp up) {
      links.find(up.pbx()).ifPresent(this::resynchronise);
      return;
    }
    if (!(event instanceof PbxEvent.TenantEvent e)) {
      return;
    }
    if (resyncing) {
      CallResync.callIdOf(e).ifPresent(touchedDuringResync::add);
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
          legEnded(c, agent.agentId());
        }
      });
    }
  }

  /** An agent's leg ended: the outcome of a direct or outbound call the agent never connected follows from it. */
  private void legEnded(LiveCall c, long agentId) {
    finish(c, agentId, c.kind == CallKind.QUEUE ? null
        : c.answeredBy != null ? null : c.kind == CallKind.DIRECT ? "not_answered" : "failed");
  }

  // ---- resynchronisation when a PBX link comes up

  private void resynchronise(PbxLink link) {
    long generation = ++resyncGeneration;
    resyncing = true;
    touchedDuringResync.clear();
    link.commands().coreShowChannels().compose(channels -> legs(channels).map(legs -> {
      if (generation == resyncGeneration) {
        Set<String> listedCallIds = channels.stream().map(ChannelListed::callId).collect(Collectors.toSet());
        List<CallResync.Step> steps = CallResync.plan(legs, listedCallIds, List.copyOf(live.values()),
            Set.copyOf(touchedDuringResync));
        steps.forEach(this::apply);
        LOG.info("PBX {}: calls resynchronised: {} leg(s) in progress, {} of agents; {} correction(s)", link.pbx(),
            channels.size(), legs.size(), steps.size());
      }
      return null;
    })).onComplete(done -> {
      if (generation == resyncGeneration) {
        resyncing = false;
        touchedDuringResync.clear();
      }
      if (done.failed()) {
        LOG.warn("PBX {}: calls in progress not resynchronised: {}", link.pbx(), done.cause().getMessage());
      }
    });
  }

  /** The agent legs among the listed channels, with their agents (legs of unknown endpoints are left out). */
  private Future<List<CallResync.Leg>> legs(List<ChannelListed> channels) {
    List<Future<Optional<CallResync.Leg>>> lookups = new ArrayList<>();
    for (ChannelListed channel : channels) {
      channel.agent().ifPresent(endpoint -> lookups.add(directory.agent(endpoint.tenant(), endpoint.extension())
          .map(agent -> agent.map(a -> new CallResync.Leg(a, channel)))));
    }
    return Future.all(lookups).map(all -> {
      List<CallResync.Leg> legs = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        Optional<CallResync.Leg> leg = all.resultAt(i);
        leg.ifPresent(legs::add);
      }
      return legs;
    });
  }

  private void apply(CallResync.Step step) {
    if (step instanceof CallResync.End end) {
      LOG.info("tenant {}: agent {} is no longer on call {} (its end was missed); ending it", end.tenantId(),
          end.agentId(), end.callId());
      toAgent(end.tenantId(), end.agentId(), new AgentEvent.CallEnded(end.callId()));
      LiveCall c = live.get(key(end.tenantId(), end.callId()));
      if (c != null) {
        legEnded(c, end.agentId());
      }
    } else if (step instanceof CallResync.Forget forget) {
      LiveCall c = live.remove(key(forget.tenantId(), forget.callId()));
      if (c != null) {
        record(c, new Update(null, null, null, null, null, null, null, null, now(), null, null));
      }
    } else if (step instanceof CallResync.Bring bring) {
      bringIn(bring.leg(), bring.known());
    }
  }

  /** The agent is on this listed leg: follow the call and bring the agent's call overlay in line. */
  private void bringIn(CallResync.Leg leg, boolean known) {
    CallDirectory.AgentInfo agent = leg.agent();
    ChannelListed channel = leg.channel();
    String callId = channel.callId();
    LiveCall c = live.computeIfAbsent(key(agent.tenantId(), callId),
        k -> new LiveCall(agent.tenantId(), callId, leg.kind(), now().minus(channel.duration())));
    boolean newAnswer = leg.answered() && c.answeredBy == null;
    c.agents.add(agent.agentId());
    if (newAnswer) {
      c.answeredBy = agent.agentId();
    }
    if (!known) {
      c.callerNumber = channel.connectedNumber();
      c.callerName = channel.connectedName();
    }
    AgentEvent start = c.kind == CallKind.OUTBOUND ? new AgentEvent.CallDialing(callId)
        : new AgentEvent.CallRinging(callId, c.kind);
    Future<?> sent = send(agent.tenantId(), agent.agentId(), start);
    if (leg.answered()) {
      sent.onComplete(v -> toAgent(agent.tenantId(), agent.agentId(), new AgentEvent.CallAnswered(callId)));
    }
    if (!known) {
      LOG.info("tenant {}: agent {} is on call {} ({}, {}), found at resynchronisation", agent.domain(),
          agent.agentNumber(), callId, c.kind, leg.answered() ? "connected" : "not yet connected");
      offer(c, agent);
      boolean outbound = c.kind == CallKind.OUTBOUND;
      record(c, new Update(c.kind.name().toLowerCase(Locale.ROOT), null, agent.agentId(),
          outbound ? null : c.callerNumber, outbound ? null : c.callerName, outbound ? c.callerNumber : null,
          c.startedAt, newAnswer ? now() : null, null, null, newAnswer ? "answered" : null));
    } else if (newAnswer) {
      record(c, new Update(null, null, agent.agentId(), null, null, null, null, now(), null, null, "answered"));
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

  private void toAgent(long tenantId, long agentId, AgentEvent event) {
    send(tenantId, agentId, event);
  }

  private Future<?> send(long tenantId, long agentId, AgentEvent event) {
    return agents.send(tenantId, agentId, event, RESYNC_CAUSE).onFailure(err -> LOG.error(
        "tenant {}: agent {} could not take {}: {}", tenantId, agentId, event.getClass().getSimpleName(),
        err.getMessage()));
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
