package io.tandemcc.pbx;

import static io.tandemcc.pbx.EventFields.id;
import static io.tandemcc.pbx.EventFields.sameTenant;
import static io.tandemcc.pbx.EventFields.text;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What happened on the PBX, in our own words. The AMI adapter ({@code io.tandemcc.pbx.ami}) is the
 * only producer; nothing here knows Asterisk's event names.
 *
 * <p>Every event about calls, queues or phones is a {@link TenantEvent} and carries its tenant
 * (taken from the tenant prefix of the queue or endpoint name, cross-checked with the {@code
 * CC_TENANT} channel variable when the call has one; events whose names disagree are dropped by the
 * adapter). The two {@link LinkEvent}s concern every tenant on one PBX and carry the PBX id
 * instead.
 *
 * <p>Text fields are never null: an unknown caller name or number is {@code ""}. A <em>call id</em>
 * is the {@code CC_CALLID} channel variable when the dialplan set it, otherwise the caller
 * channel's unique id (queue events) or the linked id of the agent's channel (endpoint events): all
 * legs of one customer call share it. A <em>channel id</em> identifies one leg (the agent's phone
 * leg for agent events).
 *
 * <h2>Catalogue</h2>
 *
 * <table>
 *   <caption>Events, their meaning and their source</caption>
 *   <tr><th>Event</th><th>Meaning</th><th>From (AMI)</th></tr>
 *   <tr><td>{@link LinkUp}</td><td>logged in and the PBX is fully booted; resynchronise now</td>
 *       <td>Login + FullyBooted</td></tr>
 *   <tr><td>{@link LinkDown}</td><td>the link was lost or could not be established (reason)</td>
 *       <td>EOF, Shutdown, failed Login, failed keep-alive</td></tr>
 *   <tr><td>{@link QueueMemberAdded}</td><td>an agent was checked into a queue</td><td>QueueMemberAdded</td></tr>
 *   <tr><td>{@link QueueMemberRemoved}</td><td>an agent was checked out of a queue</td><td>QueueMemberRemoved</td></tr>
 *   <tr><td>{@link QueueMemberPauseChanged}</td><td>a member was paused (with reason) or unpaused</td>
 *       <td>QueueMemberPause</td></tr>
 *   <tr><td>{@link QueueMemberStatusChanged}</td><td>a member's device state changed (free, ringing, in use,
 *       unavailable...)</td><td>QueueMemberStatus</td></tr>
 *   <tr><td>{@link QueueMemberListed}</td><td>a member as reported by a resync query</td>
 *       <td>QueueStatus → QueueMember</td></tr>
 *   <tr><td>{@link QueueCallerJoined}</td><td>a caller entered a queue</td><td>QueueCallerJoin</td></tr>
 *   <tr><td>{@link QueueCallerListed}</td><td>a waiting caller as reported by a resync query</td>
 *       <td>QueueStatus → QueueEntry</td></tr>
 *   <tr><td>{@link QueueCallerLeft}</td><td>a caller left a queue (answered, abandoned or redirected)</td>
 *       <td>QueueCallerLeave</td></tr>
 *   <tr><td>{@link QueueCallOffered}</td><td>a queue call rings an agent, with its attached data</td>
 *       <td>AgentCalled (+ VarSet/ChanVariable)</td></tr>
 *   <tr><td>{@link QueueCallAnswered}</td><td>the agent answered the queue call</td><td>AgentConnect</td></tr>
 *   <tr><td>{@link QueueCallEnded}</td><td>the answered queue call ended (talk time, who ended it)</td>
 *       <td>AgentComplete</td></tr>
 *   <tr><td>{@link QueueCallNotAnswered}</td><td>the agent let the offer ring out</td><td>AgentRingNoAnswer</td></tr>
 *   <tr><td>{@link QueueCallAbandoned}</td><td>the caller hung up while waiting</td><td>QueueCallerAbandon</td></tr>
 *   <tr><td>{@link DirectCallOffered}</td><td>a non-queue call rings an agent's phone</td>
 *       <td>DialBegin to the endpoint</td></tr>
 *   <tr><td>{@link DirectCallAnswered}</td><td>the agent answered that call</td><td>DialEnd ANSWER</td></tr>
 *   <tr><td>{@link OutboundCallStarted}</td><td>the agent's phone placed a call</td>
 *       <td>Newchannel in state Ring</td></tr>
 *   <tr><td>{@link OutboundCallAnswered}</td><td>the far end answered the agent's call</td>
 *       <td>DialEnd ANSWER</td></tr>
 *   <tr><td>{@link OutsideLegDialed}</td><td>a Local channel of a call (as Atxfer to a number makes) dialled a
 *       phone that is no agent's / that phone answered</td><td>DialBegin / DialEnd ANSWER from {@code Local/…;2}</td></tr>
 *   <tr><td>{@link OutsideLegHungUp}</td><td>the leg an {@link OutsideLegDialed} announced ended</td>
 *       <td>Hangup</td></tr>
 *   <tr><td>{@link AgentChannelHungUp}</td><td>any call leg of an agent's phone ended (queue, direct or outbound;
 *       the reliable end signal)</td><td>Hangup</td></tr>
 *   <tr><td>{@link CallHeld} / {@link CallUnheld}</td><td>the agent put the call on hold / took it back</td>
 *       <td>Hold / Unhold</td></tr>
 *   <tr><td>{@link CallTransferred}</td><td>the agent handed the call on (blind: the customer is dialled to the
 *       target; attended: the consulted party takes the customer); the agent's own leg ends next</td>
 *       <td>BlindTransfer / AttendedTransfer (Result: Success)</td></tr>
 *   <tr><td>{@link RecordingStarted} / {@link RecordingStopped}</td><td>a recording of an agent's leg began /
 *       ended</td><td>MixMonitorStart / MixMonitorStop</td></tr>
 *   <tr><td>{@link EndpointRegistered} / {@link EndpointUnregistered}</td><td>a phone registered / its contact
 *       went away</td><td>ContactStatus</td></tr>
 *   <tr><td>{@link ConferenceEvent.Started} / {@link ConferenceEvent.Ended}</td><td>a conference room opened /
 *       closed</td><td>ConfbridgeStart / ConfbridgeEnd</td></tr>
 *   <tr><td>{@link ConferenceEvent.Joined} / {@link ConferenceEvent.Left}</td><td>a leg entered / left a conference
 *       room</td><td>ConfbridgeJoin / ConfbridgeLeave</td></tr>
 *   <tr><td>{@link ChannelListed}</td><td>a call leg in progress, reported by a resync query</td>
 *       <td>CoreShowChannels → CoreShowChannel</td></tr>
 * </table>
 */
public sealed interface PbxEvent permits PbxEvent.LinkEvent, PbxEvent.TenantEvent {

  /** Events about the link to one PBX; they concern every tenant served by it. */
  sealed interface LinkEvent extends PbxEvent permits LinkUp, LinkDown {
    String pbx();
  }

  /** Events that belong to exactly one tenant. */
  sealed interface TenantEvent extends PbxEvent
      permits QueueMemberAdded,
          QueueMemberRemoved,
          QueueMemberPauseChanged,
          QueueMemberStatusChanged,
          QueueMemberListed,
          QueueCallerJoined,
          QueueCallerListed,
          QueueCallerLeft,
          QueueCallOffered,
          QueueCallAnswered,
          QueueCallEnded,
          QueueCallNotAnswered,
          QueueCallAbandoned,
          DirectCallOffered,
          DirectCallAnswered,
          OutboundCallStarted,
          OutboundCallAnswered,
          OutsideLegDialed,
          OutsideLegHungUp,
          AgentChannelHungUp,
          CallHeld,
          CallUnheld,
          CallTransferred,
          RecordingStarted,
          RecordingStopped,
          EndpointRegistered,
          EndpointUnregistered,
          ChannelListed,
          ConferenceEvent {
    String tenant();
  }

  record LinkUp(String pbx) implements LinkEvent {
    public LinkUp {
      Objects.requireNonNull(pbx, "pbx");
    }
  }

  record LinkDown(String pbx, String reason) implements LinkEvent {
    public LinkDown {
      Objects.requireNonNull(pbx, "pbx");
      reason = text(reason);
    }
  }

  record QueueMemberAdded(String tenant, QueueMemberState member) implements TenantEvent {
    public QueueMemberAdded {
      sameTenant(tenant, member.queue().tenant());
    }
  }

  record QueueMemberRemoved(String tenant, QueueRef queue, AgentEndpoint agent, String memberName)
      implements TenantEvent {
    public QueueMemberRemoved {
      sameTenant(tenant, queue.tenant(), agent.tenant());
      memberName = text(memberName);
    }
  }

  record QueueMemberPauseChanged(
      String tenant, QueueRef queue, AgentEndpoint agent, boolean paused, String reason)
      implements TenantEvent {
    public QueueMemberPauseChanged {
      sameTenant(tenant, queue.tenant(), agent.tenant());
      reason = text(reason);
    }
  }

  record QueueMemberStatusChanged(String tenant, QueueMemberState member) implements TenantEvent {
    public QueueMemberStatusChanged {
      sameTenant(tenant, member.queue().tenant());
    }
  }

  record QueueMemberListed(String tenant, QueueMemberState member) implements TenantEvent {
    public QueueMemberListed {
      sameTenant(tenant, member.queue().tenant());
    }
  }

  record QueueCallerJoined(
      String tenant,
      QueueRef queue,
      String callId,
      String callerNumber,
      String callerName,
      int position)
      implements TenantEvent {
    public QueueCallerJoined {
      sameTenant(tenant, queue.tenant());
      callId = id(callId);
      callerNumber = text(callerNumber);
      callerName = text(callerName);
    }
  }

  /**
   * A caller waiting in a queue, found by a resync query (QueueStatus → QueueEntry): it may have
   * joined before the link came up, so no {@link QueueCallerJoined} was seen for it.
   *
   * @param waited how long it has been waiting (whole seconds, as the PBX reports it)
   */
  record QueueCallerListed(
      String tenant,
      QueueRef queue,
      String callId,
      String callerNumber,
      String callerName,
      int position,
      Duration waited)
      implements TenantEvent {
    public QueueCallerListed {
      sameTenant(tenant, queue.tenant());
      callId = id(callId);
      callerNumber = text(callerNumber);
      callerName = text(callerName);
      Objects.requireNonNull(waited, "waited");
    }
  }

  record QueueCallerLeft(String tenant, QueueRef queue, String callId) implements TenantEvent {
    public QueueCallerLeft {
      sameTenant(tenant, queue.tenant());
      callId = id(callId);
    }
  }

  /**
   * A queue call rings an agent.
   *
   * @param attachedData position (1..10) → value of the call's {@code CC_VAR<n>} variables, in
   *     position order; a variable that is set but empty maps to {@code ""}, one that the PBX does
   *     not report is absent
   */
  record QueueCallOffered(
      String tenant,
      QueueRef queue,
      String callId,
      AgentEndpoint agent,
      String agentChannelId,
      String callerNumber,
      String callerName,
      Map<Integer, String> attachedData)
      implements TenantEvent {
    public QueueCallOffered {
      sameTenant(tenant, queue.tenant(), agent.tenant());
      callId = id(callId);
      agentChannelId = id(agentChannelId);
      callerNumber = text(callerNumber);
      callerName = text(callerName);
      attachedData = Collections.unmodifiableSortedMap(new TreeMap<>(attachedData));
    }
  }

  record QueueCallAnswered(
      String tenant,
      QueueRef queue,
      String callId,
      AgentEndpoint agent,
      String agentChannelId,
      Duration holdTime,
      Duration ringTime)
      implements TenantEvent {
    public QueueCallAnswered {
      sameTenant(tenant, queue.tenant(), agent.tenant());
      callId = id(callId);
      agentChannelId = id(agentChannelId);
      Objects.requireNonNull(holdTime, "holdTime");
      Objects.requireNonNull(ringTime, "ringTime");
    }
  }

  /**
   * An answered queue call ended. After a redirect Asterisk sends this only when the caller hangs
   * up (then with {@link CallEndedBy#CALLER}); the reliable end of the agent's leg is {@link
   * AgentChannelHungUp}.
   *
   * @param agentChannelId the agent's leg, or {@code ""} when Asterisk did not name it and no
   *     answer was seen
   */
  record QueueCallEnded(
      String tenant,
      QueueRef queue,
      String callId,
      AgentEndpoint agent,
      String agentChannelId,
      Duration holdTime,
      Duration talkTime,
      CallEndedBy endedBy)
      implements TenantEvent {
    public QueueCallEnded {
      sameTenant(tenant, queue.tenant(), agent.tenant());
      callId = id(callId);
      agentChannelId = text(agentChannelId);
      Objects.requireNonNull(holdTime, "holdTime");
      Objects.requireNonNull(talkTime, "talkTime");
      Objects.requireNonNull(endedBy, "endedBy");
    }
  }

  record QueueCallNotAnswered(
      String tenant,
      QueueRef queue,
      String callId,
      AgentEndpoint agent,
      String agentChannelId,
      Duration ringTime)
      implements TenantEvent {
    public QueueCallNotAnswered {
      sameTenant(tenant, queue.tenant(), agent.tenant());
      callId = id(callId);
      agentChannelId = id(agentChannelId);
      Objects.requireNonNull(ringTime, "ringTime");
    }
  }

  record QueueCallAbandoned(
      String tenant,
      QueueRef queue,
      String callId,
      int position,
      int originalPosition,
      Duration holdTime)
      implements TenantEvent {
    public QueueCallAbandoned {
      sameTenant(tenant, queue.tenant());
      callId = id(callId);
      Objects.requireNonNull(holdTime, "holdTime");
    }
  }

  record DirectCallOffered(
      String tenant,
      String callId,
      AgentEndpoint agent,
      String agentChannelId,
      String callerNumber,
      String callerName)
      implements TenantEvent {
    public DirectCallOffered {
      sameTenant(tenant, agent.tenant());
      callId = id(callId);
      agentChannelId = id(agentChannelId);
      callerNumber = text(callerNumber);
      callerName = text(callerName);
    }
  }

  record DirectCallAnswered(
      String tenant, String callId, AgentEndpoint agent, String agentChannelId)
      implements TenantEvent {
    public DirectCallAnswered {
      sameTenant(tenant, agent.tenant());
      callId = id(callId);
      agentChannelId = id(agentChannelId);
    }
  }

  record OutboundCallStarted(
      String tenant, String callId, AgentEndpoint agent, String agentChannelId, String dialedNumber)
      implements TenantEvent {
    public OutboundCallStarted {
      sameTenant(tenant, agent.tenant());
      callId = id(callId);
      agentChannelId = id(agentChannelId);
      dialedNumber = text(dialedNumber);
    }
  }

  record OutboundCallAnswered(
      String tenant, String callId, AgentEndpoint agent, String agentChannelId)
      implements TenantEvent {
    public OutboundCallAnswered {
      sameTenant(tenant, agent.tenant());
      callId = id(callId);
      agentChannelId = id(agentChannelId);
    }
  }

  /**
   * A Local channel of a call dialled a leg that is no agent's phone (an outside number, e.g. the
   * trunk leg of an attended transfer to a number), or that leg answered. Only calls carrying
   * {@code CC_TENANT} and {@code CC_CALLID} are reported.
   *
   * @param channelId the dialled leg (the outside party's own channel, not the Local half)
   * @param number the extension the Local channel was dialled to
   */
  record OutsideLegDialed(
      String tenant, String callId, String channelId, String number, boolean answered)
      implements TenantEvent {
    public OutsideLegDialed {
      Objects.requireNonNull(tenant, "tenant");
      callId = id(callId);
      channelId = id(channelId);
      number = text(number);
    }
  }

  /**
   * The outside leg an {@link OutsideLegDialed} announced ended: the number hung up, was busy or
   * did not answer.
   */
  record OutsideLegHungUp(String tenant, String callId, String channelId) implements TenantEvent {
    public OutsideLegHungUp {
      Objects.requireNonNull(tenant, "tenant");
      callId = id(callId);
      channelId = id(channelId);
    }
  }

  /**
   * @param cause the Q.850 cause (16 = normal clearing; cancelled legs report 0)
   */
  record AgentChannelHungUp(
      String tenant,
      String callId,
      AgentEndpoint agent,
      String agentChannelId,
      int cause,
      String causeText)
      implements TenantEvent {
    public AgentChannelHungUp {
      sameTenant(tenant, agent.tenant());
      callId = id(callId);
      agentChannelId = id(agentChannelId);
      causeText = text(causeText);
    }
  }

  record CallHeld(String tenant, String callId, AgentEndpoint agent, String agentChannelId)
      implements TenantEvent {
    public CallHeld {
      sameTenant(tenant, agent.tenant());
      callId = id(callId);
      agentChannelId = id(agentChannelId);
    }
  }

  record CallUnheld(String tenant, String callId, AgentEndpoint agent, String agentChannelId)
      implements TenantEvent {
    public CallUnheld {
      sameTenant(tenant, agent.tenant());
      callId = id(callId);
      agentChannelId = id(agentChannelId);
    }
  }

  /**
   * The agent transferred the call.
   *
   * @param target what the call went to, as dialled: an extension, a number, or a queue name
   */
  record CallTransferred(
      String tenant,
      String callId,
      AgentEndpoint agent,
      String agentChannelId,
      TransferKind kind,
      String target)
      implements TenantEvent {
    public CallTransferred {
      sameTenant(tenant, agent.tenant());
      callId = id(callId);
      agentChannelId = id(agentChannelId);
      Objects.requireNonNull(kind, "kind");
      target = text(target);
    }
  }

  record RecordingStarted(String tenant, String callId, AgentEndpoint agent, String agentChannelId)
      implements TenantEvent {
    public RecordingStarted {
      sameTenant(tenant, agent.tenant());
      callId = id(callId);
      agentChannelId = id(agentChannelId);
    }
  }

  record RecordingStopped(String tenant, String callId, AgentEndpoint agent, String agentChannelId)
      implements TenantEvent {
    public RecordingStopped {
      sameTenant(tenant, agent.tenant());
      callId = id(callId);
      agentChannelId = id(agentChannelId);
    }
  }

  record EndpointRegistered(String tenant, AgentEndpoint endpoint, String contactUri)
      implements TenantEvent {
    public EndpointRegistered {
      sameTenant(tenant, endpoint.tenant());
      contactUri = text(contactUri);
    }
  }

  record EndpointUnregistered(String tenant, AgentEndpoint endpoint, String contactUri)
      implements TenantEvent {
    public EndpointUnregistered {
      sameTenant(tenant, endpoint.tenant());
      contactUri = text(contactUri);
    }
  }

  /**
   * A call leg in progress, found by a resync query.
   *
   * @param agent the agent endpoint when the leg is an agent's phone, empty for customer/trunk legs
   * @param state the channel state as the PBX names it (e.g. {@code Up}, {@code Ringing})
   * @param bridgeId the conversation the leg is bridged into, {@code ""} if none
   * @param application what the leg is doing (e.g. {@code Queue}, {@code Dial}, {@code AppDial})
   */
  record ChannelListed(
      String tenant,
      String callId,
      String channelId,
      Optional<AgentEndpoint> agent,
      String state,
      String callerNumber,
      String callerName,
      String connectedNumber,
      String connectedName,
      String bridgeId,
      String application,
      Duration duration)
      implements TenantEvent {
    public ChannelListed {
      agent.ifPresent(a -> sameTenant(tenant, a.tenant()));
      Objects.requireNonNull(tenant, "tenant");
      callId = id(callId);
      channelId = id(channelId);
      state = text(state);
      callerNumber = text(callerNumber);
      callerName = text(callerName);
      connectedNumber = text(connectedNumber);
      connectedName = text(connectedName);
      bridgeId = text(bridgeId);
      application = text(application);
      Objects.requireNonNull(duration, "duration");
    }
  }
}
