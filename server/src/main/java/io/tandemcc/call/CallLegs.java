package io.tandemcc.call;

import static io.tandemcc.call.CallEffect.RESYNC;

import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.CallKind;
import io.tandemcc.call.CallRecords.Update;
import io.tandemcc.call.CallWrite.PartyLeft;
import io.tandemcc.pbx.PbxEvent.CallTransferred;
import io.tandemcc.pbx.PbxEvent.ChannelListed;
import io.tandemcc.pbx.TransferKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The agent legs of a call as the {@link CallTracker} moves them: joining, answering, holding,
 * handing on, ending, and the corrections of a resynchronisation. Plain Java, one step's helper: it
 * updates the calls and adds effects.
 */
final class CallLegs {
  private final LiveCalls calls;
  private final Instant now;
  private final Effects out;

  CallLegs(LiveCalls calls, Instant now, Effects out) {
    this.calls = calls;
    this.now = now;
    this.out = out;
  }

  void record(LiveCall c, Update u) {
    out.write(new CallWrite.Upsert(c.tenantId, c.callId, c.startedAt, u));
  }

  void attach(LiveCall c, Map<Integer, String> values, String source) {
    if (!values.isEmpty()) {
      out.write(new CallWrite.Attached(c.tenantId, c.callId, values, source));
    }
  }

  void joined(LiveCall c, long agentId, String channelId, PartyRole role) {
    c.legs.put(agentId, new LiveCall.Leg(channelId, role));
    out.write(new CallWrite.PartyJoined(c.tenantId, c.callId, agentId, channelId, role, now));
  }

  void legAnswered(LiveCall c, String channelId) {
    out.write(new CallWrite.PartyAnswered(c.tenantId, c.callId, channelId, now));
  }

  /**
   * The agent dialled this outbound call: it counts as its outside call from now on, instead of its
   * claim.
   */
  void dialled(LiveCall c, long agentId) {
    if (c.dialledBy == null) {
      c.dialledBy = agentId;
      out.add(new CallEffect.OutboundSeen(c.tenantId, agentId));
    }
  }

  void endHold(LiveCall c) {
    if (c.heldSince != null) {
      out.write(new CallWrite.Held(c.tenantId, c.callId, c.heldSince, now));
      c.heldSince = null;
    }
  }

  /**
   * The owner handed the call on: blind → the next agent offered takes it; attended → the consulted
   * agent has it.
   */
  void transferred(LiveCall c, long agentId, CallTransferred t) {
    endHold(c);
    CallControlFeed.ended(out, c);
    out.write(new CallWrite.Transferred(c.tenantId, c.callId, t.agentChannelId()));
    if (t.kind() == TransferKind.ATTENDED && c.consultTarget != null) {
      c.answeredBy = c.consultTarget;
      c.consultTarget = null;
      record(c, Update.ownedBy(c.answeredBy));
    } else {
      c.transferPending = true;
      c.answeredBy = null;
    }
    c.agents.remove(agentId);
  }

  /**
   * An agent's leg of the call ended (its hang-up, or found gone when the link came back); no
   * conference's.
   */
  void legEnded(LiveCall c, long agentId, String channelId) {
    if (c.consultTarget != null && c.consultTarget == agentId) {
      // the consulted agent hung up or refused: the consulting agent is back with the customer
      c.consultTarget = null;
      CallControlFeed.ended(out, c);
      c.agents.remove(agentId);
      c.legs.remove(agentId);
      if (channelId != null) {
        out.write(
            new PartyLeft(c.tenantId, c.callId, channelId, PartyEndReason.CONSULT_ENDED, now));
      }
    } else {
      finish(
          c,
          agentId,
          c.kind == CallKind.QUEUE
              ? null
              : c.answeredBy != null
                  ? null
                  : c.kind == CallKind.DIRECT ? CallOutcome.NOT_ANSWERED : CallOutcome.FAILED);
    }
  }

  /**
   * The agent's leg ended: the call is over for this agent, and over for good when no agent is left
   * on it.
   */
  void finish(LiveCall c, long agentId, CallOutcome outcomeIfUnanswered) {
    if (c.answeredBy != null && c.answeredBy == agentId) {
      CallControlFeed.ended(out, c);
    }
    c.agents.remove(agentId);
    LiveCall.Leg leg = c.legs.remove(agentId);
    if (leg != null) {
      out.write(new PartyLeft(c.tenantId, c.callId, leg.channelId(), PartyEndReason.HANGUP, now));
    }
    boolean owner = c.answeredBy != null && c.answeredBy == agentId;
    if (owner) {
      endHold(c);
      record(c, Update.ended(now));
    } else if (outcomeIfUnanswered != null && !c.everAnswered) {
      record(c, Update.endedUnanswered(now, outcomeIfUnanswered));
    }
    if (c.agents.isEmpty() && !c.transferPending && (c.answeredBy == null || owner)) {
      if (!owner && c.everAnswered) {
        record(c, Update.ended(now));
      }
      calls.remove(c.tenantId, c.callId);
    }
  }

  // ---- resynchronisation when a PBX link comes up

  void resynced(CallResync.Step step, CallSettings settings) {
    if (step instanceof CallResync.End end) {
      out.toAgent(end.tenantId(), end.agentId(), new AgentEvent.CallEnded(end.callId()), RESYNC);
    } else if (step instanceof CallResync.Forget forget) {
      LiveCall c = calls.remove(forget.tenantId(), forget.callId());
      if (c != null) {
        record(c, Update.ended(now));
      }
    } else if (step instanceof CallResync.Bring bring) {
      bringIn(bring.leg(), bring.known(), settings);
    }
  }

  /**
   * The agent is on this listed leg: follow the call and bring the agent's call overlay in line.
   */
  private void bringIn(CallResync.Leg leg, boolean known, CallSettings settings) {
    CallDirectory.AgentInfo agent = leg.agent();
    ChannelListed channel = leg.channel();
    String callId = channel.callId();
    long agentId = agent.agentId();
    LiveCall c = calls.open(agent.tenantId(), callId, leg.kind(), now.minus(channel.duration()));
    if (!known) {
      c.callerNumber = channel.connectedNumber();
      c.callerName = channel.connectedName();
      record(c, Update.found(c.kind, agentId, c.callerNumber, c.callerName, c.startedAt));
    }
    if (!c.legs.containsKey(agentId)) {
      PartyRole role = PartyRole.ofNewLeg(c, agentId);
      if (role == PartyRole.CONSULT) {
        c.consultTarget = agentId;
      }
      joined(c, agentId, channel.channelId(), role);
    }
    c.agents.add(agentId);
    boolean consulted = c.consultTarget != null && c.consultTarget == agentId;
    boolean newAnswer =
        leg.answered() && (c.answeredBy == null || c.answeredBy != agentId) && !consulted;
    if (leg.answered()) {
      legAnswered(c, channel.channelId());
    }
    if (newAnswer) {
      c.answeredBy = agentId;
      c.everAnswered = true;
      record(c, Update.answered(agentId, now, null));
    }
    if (!known && settings != null) {
      out.add(CallTracker.offer(c, agent, settings, now));
    }
    AgentEvent start =
        c.kind == CallKind.OUTBOUND
            ? new AgentEvent.CallDialing(callId)
            : new AgentEvent.CallRinging(callId, c.kind);
    List<AgentEvent> told =
        leg.answered() ? List.of(start, new AgentEvent.CallAnswered(callId)) : List.of(start);
    out.add(new CallEffect.ToAgentInOrder(agent.tenantId(), agentId, told, RESYNC));
  }
}
