package io.tandemcc.call;

import static io.tandemcc.call.CallEffect.PBX;

import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.CallKind;
import io.tandemcc.call.CallRecords.Update;
import io.tandemcc.call.CallWrite.PartyLeft;
import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.PbxEvent.AgentChannelHungUp;
import io.tandemcc.pbx.PbxEvent.CallHeld;
import io.tandemcc.pbx.PbxEvent.CallTransferred;
import io.tandemcc.pbx.PbxEvent.CallUnheld;
import io.tandemcc.pbx.PbxEvent.DirectCallAnswered;
import io.tandemcc.pbx.PbxEvent.DirectCallOffered;
import io.tandemcc.pbx.PbxEvent.OutboundCallAnswered;
import io.tandemcc.pbx.PbxEvent.OutboundCallStarted;
import io.tandemcc.pbx.PbxEvent.OutsideLegDialed;
import io.tandemcc.pbx.PbxEvent.OutsideLegHungUp;
import io.tandemcc.pbx.PbxEvent.QueueCallAbandoned;
import io.tandemcc.pbx.PbxEvent.QueueCallAnswered;
import io.tandemcc.pbx.PbxEvent.QueueCallEnded;
import io.tandemcc.pbx.PbxEvent.QueueCallNotAnswered;
import io.tandemcc.pbx.PbxEvent.QueueCallOffered;
import io.tandemcc.pbx.PbxEvent.QueueCallerJoined;
import io.tandemcc.pbx.PbxEvent.RecordingStarted;
import io.tandemcc.pbx.PbxEvent.RecordingStopped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Follows calls: {@code (calls, input, now) → effects}. Decides what a PBX event or request means
 * for the live calls (it updates {@link LiveCalls} in place) and returns what is to be done about
 * it — tell an agent, offer a call, publish, write a fact — as {@link CallEffect} values for {@link
 * CallVerticle} to carry out. Plain Java, no Vert.x, no I/O: the lookups an input needs come with
 * it ({@link CallInput}). The leg lifecycle shared with the reattach and resynchronisation paths is
 * in {@link CallLegs}.
 *
 * <p>Events that belong to other owners first — a conference's legs ({@link Conferences}), a call
 * held for its agent's reloaded page ({@link Reattaches}) — are routed by the verticle before they
 * reach the tracker.
 */
final class CallTracker {
  private static final CallOffers OFFERS = new CallOffers();

  private final LiveCalls calls;
  private final Instant now;
  private final Effects out = new Effects();
  private final CallLegs legs;

  private CallTracker(LiveCalls calls, Instant now) {
    this.calls = calls;
    this.now = now;
    this.legs = new CallLegs(calls, now, out);
  }

  /** One step: the calls move on, the effects say what to do. */
  static List<CallEffect> on(LiveCalls calls, CallInput input, Instant now) {
    CallTracker t = new CallTracker(calls, now);
    t.step(input);
    return t.out.list();
  }

  /**
   * The agent's leg of the call ended (its hang-up, or found gone at link-up) and is no
   * conference's.
   */
  static List<CallEffect> legEnded(
      LiveCalls calls, LiveCall c, long agentId, String channelId, Instant now) {
    CallTracker t = new CallTracker(calls, now);
    t.legs.legEnded(c, agentId, channelId);
    return t.out.list();
  }

  /** The call is over for this agent (a call held for its page that ends: {@link Reattaches}). */
  static List<CallEffect> finish(LiveCalls calls, LiveCall c, long agentId, Instant now) {
    CallTracker t = new CallTracker(calls, now);
    t.legs.finish(c, agentId, null);
    return t.out.list();
  }

  /**
   * The agent's reloaded page took the call back on a new leg: the hold ends, the leg joins,
   * answered.
   */
  static List<CallEffect> rejoined(
      LiveCalls calls, LiveCall c, long agentId, String channelId, Instant now) {
    CallTracker t = new CallTracker(calls, now);
    t.legs.endHold(c);
    t.legs.joined(c, agentId, channelId, PartyRole.PRIMARY);
    t.legs.legAnswered(c, channelId);
    return t.out.list();
  }

  /** The hold of the call's customer ended (it is counted on the record). */
  static List<CallEffect> endHold(LiveCalls calls, LiveCall c, Instant now) {
    CallTracker t = new CallTracker(calls, now);
    t.legs.endHold(c);
    return t.out.list();
  }

  /** The offer of the call to the agent, as it stands. */
  static CallEffect.Offer offer(
      LiveCall c, CallDirectory.AgentInfo agent, CallSettings settings, Instant now) {
    return new CallEffect.Offer(OFFERS.offer(c, agent, settings, now));
  }

  /**
   * The agent an event concerns, for the events the tracker handles per agent; empty for the
   * others.
   */
  static Optional<AgentEndpoint> agentOf(PbxEvent.TenantEvent e) {
    AgentEndpoint a = null;
    if (e instanceof QueueCallOffered x) {
      a = x.agent();
    } else if (e instanceof QueueCallAnswered x) {
      a = x.agent();
    } else if (e instanceof QueueCallEnded x) {
      a = x.agent();
    } else if (e instanceof QueueCallNotAnswered x) {
      a = x.agent();
    } else if (e instanceof DirectCallOffered x) {
      a = x.agent();
    } else if (e instanceof DirectCallAnswered x) {
      a = x.agent();
    } else if (e instanceof OutboundCallStarted x) {
      a = x.agent();
    } else if (e instanceof OutboundCallAnswered x) {
      a = x.agent();
    } else if (e instanceof CallHeld x) {
      a = x.agent();
    } else if (e instanceof CallUnheld x) {
      a = x.agent();
    } else if (e instanceof CallTransferred x) {
      a = x.agent();
    } else if (e instanceof AgentChannelHungUp x) {
      a = x.agent();
    }
    return Optional.ofNullable(a);
  }

  /**
   * Whether the tracker handles the event per tenant (it names no agent leg the tracker follows).
   */
  static boolean ofTenant(PbxEvent.TenantEvent e) {
    return e instanceof QueueCallerJoined
        || e instanceof QueueCallAbandoned
        || e instanceof OutsideLegDialed
        || e instanceof OutsideLegHungUp
        || e instanceof RecordingStarted
        || e instanceof RecordingStopped;
  }

  private void step(CallInput input) {
    if (input instanceof CallInput.OfAgent a) {
      ofAgent(a.event(), a.agent(), a.settings());
    } else if (input instanceof CallInput.OfTenant t) {
      ofTenant(t.event(), t.tenantId());
    } else if (input instanceof CallInput.Originated o) {
      originated(o.originated(), o.agent(), o.settings());
    } else if (input instanceof CallInput.ConsultAsked a) {
      consultAsked(a.request());
    } else if (input instanceof CallInput.RecordingAsked r) {
      LiveCall c = calls.get(r.request().tenantId(), r.request().callId());
      if (c != null) {
        c.recordingFiles.put(r.request().channelId(), r.request().file());
      }
    } else if (input instanceof CallInput.Resynced r) {
      legs.resynced(r.step(), r.settings());
    }
  }

  private void ofTenant(PbxEvent.TenantEvent e, long tenantId) {
    if (e instanceof QueueCallerJoined j) {
      LiveCall c = calls.open(tenantId, j.callId(), CallKind.QUEUE, now);
      c.queue = j.queue().pbxName();
      c.callerNumber = j.callerNumber();
      c.callerName = j.callerName();
      legs.record(c, Update.queued(c.queue, j.callerNumber(), j.callerName()));
    } else if (e instanceof QueueCallAbandoned ab) {
      LiveCall c = calls.open(tenantId, ab.callId(), CallKind.QUEUE, now);
      legs.record(c, Update.abandoned(now, (int) ab.holdTime().toSeconds()));
      if (c.agents.isEmpty()) {
        calls.remove(tenantId, ab.callId());
      }
    } else if (e instanceof OutsideLegDialed o) {
      Optional.ofNullable(calls.get(tenantId, o.callId()))
          .ifPresent(c -> CallControlFeed.outsideLeg(out, c, o.channelId(), o.answered()));
    } else if (e instanceof OutsideLegHungUp o) {
      Optional.ofNullable(calls.get(tenantId, o.callId()))
          .ifPresent(c -> CallControlFeed.outsideLegEnded(out, c, o.channelId()));
    } else if (e instanceof RecordingStarted rs) {
      recording(tenantId, rs.callId(), rs.agentChannelId(), true);
    } else if (e instanceof RecordingStopped rx) {
      recording(tenantId, rx.callId(), rx.agentChannelId(), false);
    }
  }

  private void ofAgent(
      PbxEvent.TenantEvent e, CallDirectory.AgentInfo agent, CallSettings settings) {
    long tenantId = agent.tenantId();
    long agentId = agent.agentId();
    if (e instanceof QueueCallOffered o) {
      LiveCall c = calls.open(tenantId, o.callId(), CallKind.QUEUE, now);
      c.queue = o.queue().pbxName();
      c.callerNumber = o.callerNumber();
      c.callerName = o.callerName();
      o.attachedData().forEach(c.attachedData::putIfAbsent);
      c.agents.add(agentId);
      out.add(
          offer(
              c, agent, settings,
              now)); // first: the screen-pop leaves before this event's writes start
      toAgent(agent, new AgentEvent.CallRinging(o.callId(), CallKind.QUEUE));
      legs.record(c, Update.offeredFromQueue(c.queue, o.callerNumber(), o.callerName(), now));
      legs.joined(
          c,
          agentId,
          o.agentChannelId(),
          PartyRole.PRIMARY); // after the record: its row refers to it
      legs.attach(c, o.attachedData(), "pbx");
    } else if (e instanceof QueueCallAnswered a) {
      LiveCall c = calls.open(tenantId, a.callId(), CallKind.QUEUE, now);
      c.answeredBy = agentId;
      c.everAnswered = true;
      legs.legAnswered(c, a.agentChannelId());
      toAgent(agent, new AgentEvent.CallAnswered(a.callId()));
      legs.record(c, Update.answered(agentId, now, (int) a.holdTime().toSeconds()));
    } else if (e instanceof QueueCallEnded x) {
      toAgent(agent, new AgentEvent.CallEnded(x.callId()));
      LiveCall c = calls.get(tenantId, x.callId());
      if (c != null) {
        legs.finish(c, agentId, null);
      }
    } else if (e instanceof QueueCallNotAnswered n) {
      toAgent(agent, new AgentEvent.CallNotAnswered(n.callId()));
      LiveCall c = calls.get(tenantId, n.callId());
      if (c != null) {
        c.agents.remove(agentId);
        // the history shows whom it rang in vain
        out.write(
            new PartyLeft(
                tenantId, c.callId, n.agentChannelId(), PartyEndReason.NOT_ANSWERED, now));
      }
    } else if (e instanceof DirectCallOffered d) {
      directOffered(d, agent, settings);
    } else if (e instanceof DirectCallAnswered da) {
      answered(agent, da.callId(), da.agentChannelId());
    } else if (e instanceof OutboundCallStarted s) {
      LiveCall c = calls.open(tenantId, s.callId(), CallKind.OUTBOUND, now);
      legs.dialled(c, agentId);
      c.callerNumber = s.dialedNumber();
      c.agents.add(agentId);
      out.add(offer(c, agent, settings, now));
      toAgent(agent, new AgentEvent.CallDialing(s.callId()));
      legs.record(c, Update.dialled(agentId, null, s.dialedNumber(), now));
      legs.joined(
          c,
          agentId,
          s.agentChannelId(),
          PartyRole.PRIMARY); // after the record: its row refers to it
    } else if (e instanceof OutboundCallAnswered oa) {
      answered(agent, oa.callId(), oa.agentChannelId());
    } else if (e instanceof CallHeld h) {
      toAgent(agent, new AgentEvent.CallHeld(h.callId()));
      LiveCall c = calls.get(tenantId, h.callId());
      if (c != null && c.heldSince == null) {
        c.heldSince = now;
      }
      if (c != null && c.answeredBy != null && c.answeredBy == agentId) {
        CallControlFeed.ownerHeld(out, c);
      }
    } else if (e instanceof CallUnheld u) {
      toAgent(agent, new AgentEvent.CallResumed(u.callId()));
      LiveCall c = calls.get(tenantId, u.callId());
      if (c != null) {
        legs.endHold(c);
        CallControlFeed.ownerUnheld(out, c);
      }
    } else if (e instanceof CallTransferred t) {
      LiveCall c = calls.get(tenantId, t.callId());
      if (c != null) {
        legs.transferred(c, agentId, t);
      }
    } else if (e instanceof AgentChannelHungUp h) {
      toAgent(agent, new AgentEvent.CallEnded(h.callId()));
      LiveCall c = calls.get(tenantId, h.callId());
      if (c != null) {
        legs.legEnded(c, agentId, h.agentChannelId());
      }
    }
  }

  private void directOffered(
      DirectCallOffered d, CallDirectory.AgentInfo agent, CallSettings settings) {
    LiveCall c = calls.open(agent.tenantId(), d.callId(), CallKind.DIRECT, now);
    PartyRole role = PartyRole.ofNewLeg(c, agent.agentId());
    if (role == PartyRole.CONSULT) {
      c.consultTarget = agent.agentId();
      CallControlFeed.consultRinging(out, c, agent.agentId(), agent.displayName());
    } else if (role == PartyRole.PRIMARY) {
      c.callerNumber = d.callerNumber();
      c.callerName = d.callerName();
    }
    c.transferPending = false;
    c.agents.add(agent.agentId());
    out.add(offer(c, agent, settings, now));
    toAgent(agent, new AgentEvent.CallRinging(d.callId(), CallKind.DIRECT));
    legs.record(
        c,
        role == PartyRole.PRIMARY
            ? Update.directTo(agent.agentId(), d.callerNumber(), d.callerName(), now)
            : Update.directAlsoOffered(now));
    legs.joined(c, agent.agentId(), d.agentChannelId(), role);
  }

  /** A direct or outbound leg of the agent answered. */
  private void answered(CallDirectory.AgentInfo agent, String callId, String channelId) {
    LiveCall c = calls.open(agent.tenantId(), callId, CallKind.DIRECT, now);
    toAgent(agent, new AgentEvent.CallAnswered(callId));
    legs.legAnswered(c, channelId);
    if (c.consultTarget != null && c.consultTarget == agent.agentId()) {
      CallControlFeed.consultAnswered(out, c);
      return; // talking with the consulting agent; the customer stays with that agent
    }
    c.answeredBy = agent.agentId();
    c.everAnswered = true;
    legs.record(c, Update.answered(agent.agentId(), now, null));
  }

  /** A click-to-dial call: followed like an agent's outbound call, with the CRM's attached data. */
  private void originated(CallOriginated o, CallDirectory.AgentInfo agent, CallSettings settings) {
    LiveCall c = calls.open(agent.tenantId(), o.callId(), CallKind.OUTBOUND, now);
    c.kind = CallKind.OUTBOUND;
    legs.dialled(c, agent.agentId());
    c.callerNumber = o.number();
    c.callerName = o.customerName();
    c.attachedData.putAll(o.attachedData());
    c.agents.add(agent.agentId());
    out.add(offer(c, agent, settings, now));
    toAgent(agent, new AgentEvent.CallDialing(o.callId()));
    if (c.everAnswered) {
      toAgent(agent, new AgentEvent.CallAnswered(o.callId()));
    }
    legs.record(c, Update.dialled(agent.agentId(), o.customerName(), o.number(), now));
    if (!c.legs.containsKey(agent.agentId())) {
      legs.joined(
          c,
          agent.agentId(),
          o.agentChannelId(),
          PartyRole.PRIMARY); // after the record (refers to it)
    }
    legs.attach(c, o.attachedData(), "api");
    out.write(new CallWrite.ClickToDial(c.tenantId, c.callId)); // its direction in the history
  }

  private void consultAsked(ConsultRequest r) {
    LiveCall c = calls.get(r.tenantId(), r.callId());
    if (c != null && c.answeredBy != null && c.answeredBy == r.agentId()) {
      CallControlFeed.requested(out, c, r.number());
      if (r.number() != null) {
        out.add(new CallEffect.OutboundSeen(c.tenantId, r.agentId()));
      }
    }
  }

  private void recording(long tenantId, String callId, String channelId, boolean started) {
    LiveCall c = calls.get(tenantId, callId);
    if (c == null) {
      return;
    }
    c.recording = started;
    String file = started ? c.recordingFiles.remove(channelId) : null;
    // the agents on the call now hear of it once the call record has it (a note may follow at once)
    List<CallEffect.Publish> told = new ArrayList<>();
    for (Long agentId : new java.util.TreeSet<>(c.agents)) {
      told.add(
          new CallEffect.Publish(
              CallAddresses.RECORDING_CHANGED,
              new CallRecordingChanged(tenantId, agentId, callId, started)));
    }
    out.add(
        new CallEffect.Write(
            new CallWrite.Recording(tenantId, callId, channelId, started, now, file), told));
  }

  private void toAgent(CallDirectory.AgentInfo agent, AgentEvent event) {
    out.toAgent(agent.tenantId(), agent.agentId(), event, PBX);
  }
}
