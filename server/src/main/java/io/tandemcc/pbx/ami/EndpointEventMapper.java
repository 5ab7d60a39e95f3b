package io.tandemcc.pbx.ami;

import static io.tandemcc.pbx.ami.MalformedEventException.require;

import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.PbxEvent.AgentChannelHungUp;
import io.tandemcc.pbx.PbxEvent.CallHeld;
import io.tandemcc.pbx.PbxEvent.CallUnheld;
import io.tandemcc.pbx.PbxEvent.ChannelListed;
import io.tandemcc.pbx.PbxEvent.DirectCallAnswered;
import io.tandemcc.pbx.PbxEvent.DirectCallOffered;
import io.tandemcc.pbx.PbxEvent.EndpointRegistered;
import io.tandemcc.pbx.PbxEvent.EndpointUnregistered;
import io.tandemcc.pbx.PbxEvent.OutboundCallAnswered;
import io.tandemcc.pbx.PbxEvent.OutboundCallStarted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.asteriskjava.manager.event.AbstractHoldEvent;
import org.asteriskjava.manager.event.ContactStatusEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.VarSetEvent;

/**
 * Channel-level events of agent phones (direct and outbound calls, hang-ups, hold), phone
 * registrations, and the {@code VarSet} bookkeeping. Part of {@link AmiEventTranslator}.
 */
final class EndpointEventMapper {
  /** Asterisk channel state 4 ("Ring"): the channel was created by the phone placing a call. */
  private static final int STATE_RING = 4;

  private static final String DIAL_ANSWER = "ANSWER";

  private final CallCorrelation calls;
  private final TranslationStats stats;

  EndpointEventMapper(CallCorrelation calls, TranslationStats stats) {
    this.calls = calls;
    this.stats = stats;
  }

  /**
   * Remembers our variables so that an offer can be completed even when channelvars are not
   * configured.
   */
  List<PbxEvent> varSet(VarSetEvent e) {
    String name = ChannelVars.plainName(require(e.getVariable(), "Variable"));
    if (ChannelVars.isOurs(name)) {
      calls.rememberVar(
          require(e.getUniqueId(), "Uniqueid"), name, e.getValue() == null ? "" : e.getValue());
    }
    return List.of();
  }

  List<PbxEvent> newChannel(NewChannelEvent e) {
    if (e.getUniqueId() != null) {
      calls.channelName(e.getUniqueId(), require(e.getChannel(), "Channel"));
    }
    Optional<AgentEndpoint> agent = AmiNames.endpointOfChannel(require(e.getChannel(), "Channel"));
    if (agent.isEmpty() || e.getChannelState() == null || e.getChannelState() != STATE_RING) {
      return List.of();
    }
    String leg = require(e.getUniqueId(), "Uniqueid");
    ChannelVars vars = varsOf(leg, e);
    return List.of(
        new OutboundCallStarted(
            tenantOf(vars, agent.get()),
            callId(vars, e.getLinkedid(), leg),
            agent.get(),
            leg,
            e.getExten()));
  }

  /** A Dial() towards an agent phone that no queue announced is a direct call. */
  List<PbxEvent> dialBegin(DialBeginEvent e) {
    Optional<AgentEndpoint> agent = AmiNames.endpointOfChannel(e.getDestChannel());
    if (agent.isEmpty()) {
      return outsideLeg(
          e.getChannel(),
          e.getDestChannel(),
          e.getUniqueId(),
          e.getDestUniqueId(),
          e.getExten(),
          e,
          false);
    }
    String leg = require(e.getDestUniqueId(), "DestUniqueid");
    if (e.getChannel() == null || isQueueLeg(leg, e.getUniqueId())) {
      return List
          .of(); // queue offers come from AgentCalled; an Originate's DialBegin has no calling side
    }
    ChannelVars vars = varsOf(e.getUniqueId(), e);
    String callId = callId(vars, e.getLinkedId(), e.getUniqueId());
    return List.of(
        new DirectCallOffered(
            tenantOf(vars, agent.get()),
            callId,
            agent.get(),
            leg,
            e.getCallerIdNum(),
            e.getCallerIdName()));
  }

  List<PbxEvent> dialEnd(DialEndEvent e) {
    if (!DIAL_ANSWER.equals(e.getDialStatus())) {
      return List.of();
    }
    List<PbxEvent> out = new ArrayList<>(2);
    Optional<AgentEndpoint> called = AmiNames.endpointOfChannel(e.getDestChannel());
    if (called.isEmpty()) {
      out.addAll(
          outsideLeg(
              e.getChannel(),
              e.getDestChannel(),
              e.getUniqueId(),
              e.getDestUniqueId(),
              e.getExten(),
              e,
              true));
    }
    if (called.isPresent()
        && e.getChannel() != null
        && !isQueueLeg(e.getDestUniqueId(), e.getUniqueId())) {
      String leg = require(e.getDestUniqueId(), "DestUniqueid");
      ChannelVars vars = varsOf(e.getUniqueId(), e);
      out.add(
          new DirectCallAnswered(
              tenantOf(vars, called.get()),
              callId(vars, e.getLinkedId(), e.getUniqueId()),
              called.get(),
              leg));
    }
    Optional<AgentEndpoint> calling = AmiNames.endpointOfChannel(e.getChannel());
    if (calling.isPresent()) {
      String leg = require(e.getUniqueId(), "Uniqueid");
      ChannelVars vars = varsOf(leg, e);
      out.add(
          new OutboundCallAnswered(
              tenantOf(vars, calling.get()),
              callId(vars, e.getLinkedId(), leg),
              calling.get(),
              leg));
    }
    return out;
  }

  /**
   * A Local channel's Dial() to a phone that is no agent's (Atxfer to a number: the agent's leg
   * dials {@code Local/<number>@<tenant>-agents}, whose {@code ;2} half Dials the trunk, traces 11
   * and 08). Ours only when the Local half carries the call's CC_TENANT and CC_CALLID, and the
   * tenant matches the Local channel's context.
   */
  private List<PbxEvent> outsideLeg(
      String channel,
      String destChannel,
      String uniqueId,
      String destUniqueId,
      String exten,
      ManagerEvent e,
      boolean answered) {
    if (channel == null
        || !channel.startsWith("Local/")
        || destChannel == null
        || destUniqueId == null) {
      return List.of();
    }
    ChannelVars vars = varsOf(uniqueId, e);
    Optional<String> tenant = vars.tenant();
    if (tenant.isEmpty()
        || vars.callId().isEmpty()
        || !channel.contains("@" + tenant.get() + "-")) {
      return List.of();
    }
    calls.outsideLeg(destUniqueId, tenant.get(), vars.callId().get());
    return List.of(
        new PbxEvent.OutsideLegDialed(
            tenant.get(), vars.callId().get(), destUniqueId, exten, answered));
  }

  /** Every leg of an agent phone ends with a Hangup, also when AgentComplete never comes. */
  List<PbxEvent> hangup(HangupEvent e) {
    String leg = require(e.getUniqueId(), "Uniqueid");
    try {
      Optional<AgentEndpoint> agent =
          AmiNames.endpointOfChannel(require(e.getChannel(), "Channel"));
      if (agent.isEmpty()) {
        // the outside leg of a consultation of a number hung up (or never answered): its Hangup is
        // the only sign
        return calls
            .outsideLegGone(leg)
            .<List<PbxEvent>>map(
                call -> List.of(new PbxEvent.OutsideLegHungUp(call[0], call[1], leg)))
            .orElse(List.of());
      }
      ChannelVars vars = varsOf(leg, e);
      int cause = e.getCause() == null ? 0 : e.getCause();
      return List.of(
          new AgentChannelHungUp(
              tenantOf(vars, agent.get()),
              callId(vars, e.getLinkedId(), leg),
              agent.get(),
              leg,
              cause,
              e.getCauseTxt()));
    } finally {
      calls.channelGone(leg);
    }
  }

  /** Hold/Unhold are raised on the party that holds; only agent phones matter to us. */
  List<PbxEvent> hold(AbstractHoldEvent e, boolean held) {
    Optional<AgentEndpoint> agent = AmiNames.endpointOfChannel(require(e.getChannel(), "Channel"));
    if (agent.isEmpty()) {
      stats.unattributed(AmiEventTranslator.nameOf(e));
      return List.of();
    }
    String leg = require(e.getUniqueId(), "Uniqueid");
    ChannelVars vars = varsOf(leg, e);
    String tenant = tenantOf(vars, agent.get());
    String callId = callId(vars, e.getLinkedId(), leg);
    return List.of(
        held
            ? new CallHeld(tenant, callId, agent.get(), leg)
            : new CallUnheld(tenant, callId, agent.get(), leg));
  }

  /**
   * ContactStatus: {@code Created}, {@code NonQualified}, {@code Reachable} and {@code Updated}
   * mean a registered contact, {@code Removed} means it is gone. {@code Unreachable}/{@code
   * Unknown} (qualify results) are ignored.
   */
  List<PbxEvent> contactStatus(ContactStatusEvent e) {
    String status = require(e.getContactStatus(), "ContactStatus");
    String name =
        e.getEndpointName() != null ? e.getEndpointName() : require(e.getAor(), "EndpointName");
    Optional<AgentEndpoint> endpoint = AgentEndpoint.parse(name);
    if (endpoint.isEmpty()) {
      stats.unattributed(AmiEventTranslator.nameOf(e));
      return List.of();
    }
    AgentEndpoint ep = endpoint.get();
    return switch (status) {
      case "Created", "NonQualified", "Reachable", "Updated" ->
          List.of(new EndpointRegistered(ep.tenant(), ep, e.getUri()));
      case "Removed" -> List.of(new EndpointUnregistered(ep.tenant(), ep, e.getUri()));
      default -> List.of();
    };
  }

  /** A CoreShowChannel list item: ours when it is an agent phone's leg or carries CC_TENANT. */
  Optional<ChannelListed> channelListed(CoreShowChannelEvent e) {
    String leg = require(e.getUniqueid(), "Uniqueid");
    Optional<AgentEndpoint> agent = AmiNames.endpointOfChannel(require(e.getChannel(), "Channel"));
    ChannelVars vars = ChannelVars.fromEvent(e.getChannelVariables());
    Optional<String> tenant = agent.map(a -> tenantOf(vars, a)).or(vars::tenant);
    if (tenant.isEmpty()) {
      stats.unattributed(AmiEventTranslator.nameOf(e));
      return Optional.empty();
    }
    return Optional.of(
        new ChannelListed(
            tenant.get(),
            callId(vars, e.getLinkedid(), leg),
            leg,
            agent,
            e.getChannelStateDesc(),
            e.getCallerIdNum(),
            e.getCallerIdName(),
            e.getConnectedLineNum(),
            e.getConnectedLineName(),
            e.getBridgeid(),
            e.getApplication(),
            duration(e.getDuration())));
  }

  private boolean isQueueLeg(String agentLeg, String callerChannel) {
    return calls.isQueueLeg(agentLeg) || calls.isWaitingInQueue(callerChannel);
  }

  ChannelVars varsOf(String channelId, ManagerEvent e) {
    ChannelVars cached = channelId == null ? ChannelVars.none() : calls.varsOf(channelId);
    return cached.overriddenBy(ChannelVars.fromEvent(e.getChannelVariables()));
  }

  static String callId(ChannelVars vars, String linkedId, String uniqueId) {
    return vars.callId()
        .orElse(linkedId != null && !linkedId.isBlank() ? linkedId : require(uniqueId, "Uniqueid"));
  }

  /**
   * A call carrying another tenant's CC_TENANT on this tenant's phone is a misconfiguration:
   * dropped.
   */
  static String tenantOf(ChannelVars vars, AgentEndpoint agent) {
    Optional<String> declared = vars.tenant();
    if (declared.isPresent() && !declared.get().equals(agent.tenant())) {
      throw new MalformedEventException(
          "CC_TENANT " + declared.get() + " on a phone of tenant " + agent.tenant());
    }
    return agent.tenant();
  }

  /** CoreShowChannel's Duration is {@code HH:MM:SS}; unreadable values count as zero. */
  static Duration duration(String hms) {
    if (hms == null || hms.isBlank()) {
      return Duration.ZERO;
    }
    try {
      String[] parts = hms.trim().split(":");
      long seconds = 0;
      for (String part : parts) {
        seconds = seconds * 60 + Long.parseLong(part);
      }
      return Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      return Duration.ZERO;
    }
  }
}
