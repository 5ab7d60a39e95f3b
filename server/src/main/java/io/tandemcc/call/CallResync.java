package io.tandemcc.call;

import io.tandemcc.agent.CallKind;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.PbxEvent.ChannelListed;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the call side corrects when a PBX link comes up, having assumed nothing about what happened
 * while it was down: the legs the PBX lists (CoreShowChannels) against the calls the {@link
 * CallVerticle} believes live. Plain Java: the verticle gathers the facts, {@link #plan} decides,
 * the verticle carries the steps out.
 *
 * <ul>
 *   <li>an agent leg in progress → the agent is on that call: {@link Bring} (ringing, dialling or
 *       talking);
 *   <li>an agent we believe on a call whose leg is no longer listed → {@link End} (its hang-up was
 *       missed);
 *   <li>a call of which no leg at all is listed any more → {@link Forget}.
 * </ul>
 *
 * Calls that saw a live event after the query was sent are left alone: that event is newer than the
 * list.
 */
final class CallResync {
  private CallResync() {}

  /** An agent's leg as the PBX lists it, with the agent it belongs to. */
  record Leg(CallDirectory.AgentInfo agent, ChannelListed channel) {
    String callId() {
      return channel.callId();
    }

    long tenantId() {
      return agent.tenantId();
    }

    /**
     * Connected: {@code Up}. Anything else (Ringing for a called phone, Ring for a dialling one) is
     * not yet.
     */
    boolean answered() {
      return "Up".equalsIgnoreCase(channel.state());
    }

    /**
     * From the application the leg runs: a phone called by a queue runs {@code AppQueue}, a phone
     * called by Dial() (a direct call) {@code AppDial}; otherwise it is the agent's own originating
     * channel (running Dial itself, or the dialplan), an outbound call.
     */
    CallKind kind() {
      return switch (channel.application()) {
        case "AppQueue" -> CallKind.QUEUE;
        case "AppDial" -> CallKind.DIRECT;
        default -> CallKind.OUTBOUND;
      };
    }
  }

  sealed interface Step permits Bring, End, Forget {}

  /** The agent is on this call; {@code known} when the verticle already follows the call. */
  record Bring(Leg leg, boolean known) implements Step {}

  /** The agent's leg of this call is gone. */
  record End(long tenantId, long agentId, String callId) implements Step {}

  /** No leg of this call is listed any more: stop following it. */
  record Forget(long tenantId, String callId) implements Step {}

  /**
   * @param legs the agent legs listed, with their agents
   * @param listedCallIds the call ids of every leg listed (agents' and customers')
   * @param live the calls the verticle follows
   * @param touched call ids that saw a live event since the query was sent
   * @return the ends first (an agent's vanished call ends before a listed one is brought in), then
   *     the legs
   */
  static List<Step> plan(
      List<Leg> legs, Set<String> listedCallIds, Collection<LiveCall> live, Set<String> touched) {
    Set<String> listedLegs = new HashSet<>();
    legs.forEach(
        leg -> listedLegs.add(legKey(leg.tenantId(), leg.callId(), leg.agent().agentId())));
    List<Step> steps = new ArrayList<>();
    live.stream()
        .filter(c -> !touched.contains(c.callId))
        .sorted(Comparator.comparing((LiveCall c) -> c.startedAt).thenComparing(c -> c.callId))
        .forEach(
            c -> {
              c.agents.stream()
                  .sorted()
                  .filter(agentId -> !listedLegs.contains(legKey(c.tenantId, c.callId, agentId)))
                  .forEach(agentId -> steps.add(new End(c.tenantId, agentId, c.callId)));
              if (!listedCallIds.contains(c.callId)) {
                steps.add(new Forget(c.tenantId, c.callId));
              }
            });
    Set<String> liveKeys = new HashSet<>();
    live.forEach(c -> liveKeys.add(LiveCalls.key(c.tenantId, c.callId)));
    legs.stream()
        .filter(leg -> !touched.contains(leg.callId()))
        .forEach(
            leg ->
                steps.add(
                    new Bring(
                        leg, liveKeys.contains(LiveCalls.key(leg.tenantId(), leg.callId())))));
    return steps;
  }

  /** The call an event is about, for the events that concern one call. */
  static Optional<String> callIdOf(PbxEvent.TenantEvent e) {
    String id = null;
    if (e instanceof PbxEvent.QueueCallerJoined x) {
      id = x.callId();
    } else if (e instanceof PbxEvent.QueueCallerLeft x) {
      id = x.callId();
    } else if (e instanceof PbxEvent.QueueCallOffered x) {
      id = x.callId();
    } else if (e instanceof PbxEvent.QueueCallAnswered x) {
      id = x.callId();
    } else if (e instanceof PbxEvent.QueueCallEnded x) {
      id = x.callId();
    } else if (e instanceof PbxEvent.QueueCallNotAnswered x) {
      id = x.callId();
    } else if (e instanceof PbxEvent.QueueCallAbandoned x) {
      id = x.callId();
    } else if (e instanceof PbxEvent.DirectCallOffered x) {
      id = x.callId();
    } else if (e instanceof PbxEvent.DirectCallAnswered x) {
      id = x.callId();
    } else if (e instanceof PbxEvent.OutboundCallStarted x) {
      id = x.callId();
    } else if (e instanceof PbxEvent.OutboundCallAnswered x) {
      id = x.callId();
    } else if (e instanceof PbxEvent.AgentChannelHungUp x) {
      id = x.callId();
    } else if (e instanceof PbxEvent.CallHeld x) {
      id = x.callId();
    } else if (e instanceof PbxEvent.CallUnheld x) {
      id = x.callId();
    }
    return Optional.ofNullable(id);
  }

  private static String legKey(long tenantId, String callId, long agentId) {
    return LiveCalls.key(tenantId, callId) + "|" + agentId;
  }
}
