package io.tandemcc.pbx.ami;

import static io.tandemcc.pbx.ami.MalformedEventException.require;

import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.CallEndedBy;
import io.tandemcc.pbx.MemberStatus;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.PbxEvent.QueueCallAbandoned;
import io.tandemcc.pbx.PbxEvent.QueueCallAnswered;
import io.tandemcc.pbx.PbxEvent.QueueCallEnded;
import io.tandemcc.pbx.PbxEvent.QueueCallNotAnswered;
import io.tandemcc.pbx.PbxEvent.QueueCallOffered;
import io.tandemcc.pbx.PbxEvent.QueueCallerJoined;
import io.tandemcc.pbx.PbxEvent.QueueCallerLeft;
import io.tandemcc.pbx.PbxEvent.QueueCallerListed;
import io.tandemcc.pbx.PbxEvent.QueueMemberAdded;
import io.tandemcc.pbx.PbxEvent.QueueMemberListed;
import io.tandemcc.pbx.PbxEvent.QueueMemberPauseChanged;
import io.tandemcc.pbx.PbxEvent.QueueMemberRemoved;
import io.tandemcc.pbx.PbxEvent.QueueMemberStatusChanged;
import io.tandemcc.pbx.QueueMemberState;
import io.tandemcc.pbx.QueueRef;
import io.tandemcc.pbx.ami.CallCorrelation.AnsweredCall;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AgentRingNoAnswerEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.event.QueueMemberAddedEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.QueueMemberRemovedEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;

/** Queue membership and queue-call events (app_queue). Part of {@link AmiEventTranslator}. */
final class QueueEventMapper {
  private final CallCorrelation calls;
  private final TranslationStats stats;

  QueueEventMapper(CallCorrelation calls, TranslationStats stats) {
    this.calls = calls;
    this.stats = stats;
  }

  List<PbxEvent> memberAdded(QueueMemberAddedEvent e) {
    return member(e, e.getQueue(), e.getInterface())
        .map(
            m -> {
              var state =
                  state(
                      m,
                      e.getMemberName(),
                      e.getStatus(),
                      e.getPaused(),
                      e.getPausedReason(),
                      flag(e.getInCall()),
                      e.getCallsTaken());
              return List.<PbxEvent>of(new QueueMemberAdded(m.queue().tenant(), state));
            })
        .orElse(List.of());
  }

  List<PbxEvent> memberRemoved(QueueMemberRemovedEvent e) {
    return member(e, e.getQueue(), e.getInterface())
        .map(
            m ->
                List.<PbxEvent>of(
                    new QueueMemberRemoved(
                        m.queue().tenant(), m.queue(), m.agent(), e.getMemberName())))
        .orElse(List.of());
  }

  List<PbxEvent> memberPaused(QueueMemberPauseEvent e) {
    boolean paused = require(e.getPaused(), "Paused");
    String reason = firstText(e.getPausedreason(), e.getPausedReason(), e.getReason());
    return member(e, e.getQueue(), e.getInterface())
        .map(
            m ->
                List.<PbxEvent>of(
                    new QueueMemberPauseChanged(
                        m.queue().tenant(), m.queue(), m.agent(), paused, reason)))
        .orElse(List.of());
  }

  List<PbxEvent> memberStatus(QueueMemberStatusEvent e) {
    return memberSnapshot(e)
        .map(
            state -> List.<PbxEvent>of(new QueueMemberStatusChanged(state.queue().tenant(), state)))
        .orElse(List.of());
  }

  /** A QueueMember list item of a QueueStatus response. */
  Optional<QueueMemberListed> memberListed(QueueMemberEvent e) {
    return memberSnapshot(e).map(state -> new QueueMemberListed(state.queue().tenant(), state));
  }

  /**
   * A QueueEntry list item of a QueueStatus response (trace 17). It carries no channel variables:
   * the call id is the caller's Uniqueid, which is what CC_CALLID holds (the dialplan sets it to
   * ${UNIQUEID} before Queue()).
   */
  Optional<QueueCallerListed> callerListed(QueueEntryEvent e) {
    String caller = require(e.getUniqueId(), "Uniqueid");
    return queue(e, e.getQueue())
        .map(
            queue ->
                new QueueCallerListed(
                    queue.tenant(),
                    queue,
                    caller,
                    e.getCallerIdNum(),
                    e.getCallerIdName(),
                    e.getPosition() == null ? 0 : e.getPosition(),
                    Duration.ofSeconds(e.getWait() == null ? 0 : e.getWait())));
  }

  List<PbxEvent> callerJoined(QueueCallerJoinEvent e) {
    String caller = require(e.getUniqueId(), "Uniqueid");
    Optional<QueueRef> queue = queue(e, e.getQueue());
    if (queue.isEmpty()) {
      return List.of();
    }
    calls.callerWaiting(caller, e.getQueue());
    ChannelVars vars = varsOf(caller, e);
    String tenant = tenantOf(vars, queue.get().tenant());
    int position = e.getPosition() == null ? 0 : e.getPosition();
    return List.of(
        new QueueCallerJoined(
            tenant,
            queue.get(),
            vars.callId().orElse(caller),
            e.getCallerIdNum(),
            e.getCallerIdName(),
            position));
  }

  List<PbxEvent> callerLeft(QueueCallerLeaveEvent e) {
    String caller = require(e.getUniqueId(), "Uniqueid");
    calls.callerLeft(caller);
    return queue(e, e.getQueue())
        .map(
            q -> {
              ChannelVars vars = varsOf(caller, e);
              return List.<PbxEvent>of(
                  new QueueCallerLeft(tenantOf(vars, q.tenant()), q, vars.callId().orElse(caller)));
            })
        .orElse(List.of());
  }

  List<PbxEvent> callerAbandoned(QueueCallerAbandonEvent e) {
    String caller = require(e.getUniqueId(), "Uniqueid");
    return queue(e, e.getQueue())
        .map(
            q -> {
              ChannelVars vars = varsOf(caller, e);
              return List.<PbxEvent>of(
                  new QueueCallAbandoned(
                      tenantOf(vars, q.tenant()),
                      q,
                      vars.callId().orElse(caller),
                      orZero(e.getPosition()),
                      orZero(e.getOriginalPosition()),
                      seconds(e.getHoldTime(), "HoldTime")));
            })
        .orElse(List.of());
  }

  /**
   * AgentCalled: the attached data must be complete here, so VarSet values fill what ChanVariable
   * lacks.
   */
  List<PbxEvent> offered(AgentCalledEvent e) {
    String caller = require(e.getUniqueId(), "Uniqueid");
    String agentLeg = require(e.getDestUniqueId(), "DestUniqueid");
    return member(e, e.getQueue(), firstText(e.getInterface(), e.getAgentCalled()))
        .map(
            m -> {
              calls.queueLeg(agentLeg, caller);
              ChannelVars vars = varsOf(caller, e);
              return List.<PbxEvent>of(
                  new QueueCallOffered(
                      tenantOf(vars, m.queue().tenant()),
                      m.queue(),
                      vars.callId().orElse(caller),
                      m.agent(),
                      agentLeg,
                      e.getCallerIdNum(),
                      e.getCallerIdName(),
                      vars.attachedData()));
            })
        .orElse(List.of());
  }

  List<PbxEvent> answered(AgentConnectEvent e) {
    String caller = require(e.getUniqueId(), "Uniqueid");
    String agentLeg = require(e.getDestUniqueId(), "DestUniqueid");
    Duration hold = seconds(e.getHoldTime(), "HoldTime");
    Duration ring = e.getRingtime() == null ? Duration.ZERO : Duration.ofSeconds(e.getRingtime());
    String iface = firstText(e.getInterface(), e.getMember());
    return member(e, e.getQueue(), iface)
        .map(
            m -> {
              ChannelVars vars = varsOf(caller, e);
              String callId = vars.callId().orElse(caller);
              calls.answered(e.getQueue(), iface, new AnsweredCall(caller, callId, agentLeg));
              return List.<PbxEvent>of(
                  new QueueCallAnswered(
                      tenantOf(vars, m.queue().tenant()),
                      m.queue(),
                      callId,
                      m.agent(),
                      agentLeg,
                      hold,
                      ring));
            })
        .orElse(List.of());
  }

  /**
   * AgentComplete can come after the agent's Hangup with no channel fields at all (trace 10b): the
   * call and the agent leg then come from the member's AgentConnect.
   */
  List<PbxEvent> completed(AgentCompleteEvent e) {
    Duration hold = seconds(e.getHoldTime(), "HoldTime");
    Duration talk = seconds(e.getTalkTime(), "TalkTime");
    String iface = firstText(e.getInterface(), e.getMember());
    return member(e, e.getQueue(), iface)
        .map(
            m -> {
              Optional<AnsweredCall> answered = calls.completed(e.getQueue(), iface);
              String caller =
                  e.getUniqueId() != null
                      ? e.getUniqueId()
                      : answered
                          .map(AnsweredCall::callerChannelId)
                          .orElseThrow(
                              () ->
                                  new MalformedEventException(
                                      "missing Uniqueid and no AgentConnect seen"));
              ChannelVars vars = varsOf(caller, e);
              String callId =
                  vars.callId().orElse(answered.map(AnsweredCall::callId).orElse(caller));
              String agentLeg =
                  e.getDestUniqueId() != null
                      ? e.getDestUniqueId()
                      : answered.map(AnsweredCall::agentChannelId).orElse("");
              return List.<PbxEvent>of(
                  new QueueCallEnded(
                      tenantOf(vars, m.queue().tenant()),
                      m.queue(),
                      callId,
                      m.agent(),
                      agentLeg,
                      hold,
                      talk,
                      endedBy(e.getReason())));
            })
        .orElse(List.of());
  }

  /** AgentRingNoAnswer reports RingTime in milliseconds (AgentConnect uses seconds). */
  List<PbxEvent> ringNoAnswer(AgentRingNoAnswerEvent e) {
    String caller = require(e.getUniqueId(), "Uniqueid");
    String agentLeg = require(e.getDestUniqueId(), "DestUniqueid");
    Duration ring = Duration.ofMillis(require(e.getRingtime(), "RingTime"));
    return member(e, e.getQueue(), firstText(e.getInterface(), e.getMember()))
        .map(
            m -> {
              ChannelVars vars = varsOf(caller, e);
              return List.<PbxEvent>of(
                  new QueueCallNotAnswered(
                      tenantOf(vars, m.queue().tenant()),
                      m.queue(),
                      vars.callId().orElse(caller),
                      m.agent(),
                      agentLeg,
                      ring));
            })
        .orElse(List.of());
  }

  private record Member(QueueRef queue, AgentEndpoint agent) {}

  private Optional<Member> member(ManagerEvent e, String queueName, String iface) {
    require(queueName, "Queue");
    require(iface, "Interface");
    Optional<QueueRef> queue = AmiNames.queue(queueName);
    Optional<AgentEndpoint> agent = AmiNames.endpointOfInterface(iface);
    if (queue.isEmpty() || agent.isEmpty()) {
      stats.unattributed(AmiEventTranslator.nameOf(e));
      return Optional.empty();
    }
    return Optional.of(new Member(queue.get(), agent.get()));
  }

  private Optional<QueueMemberState> memberSnapshot(QueueMemberEvent e) {
    return member(e, e.getQueue(), e.getInterface())
        .map(
            m ->
                state(
                    m,
                    e.getMemberName(),
                    e.getStatus(),
                    e.getPaused(),
                    e.getPausedreason(),
                    e.getIncall() != null && e.getIncall() != 0,
                    e.getCallsTaken()));
  }

  private Optional<QueueRef> queue(ManagerEvent e, String queueName) {
    Optional<QueueRef> queue = AmiNames.queue(require(queueName, "Queue"));
    if (queue.isEmpty()) {
      stats.unattributed(AmiEventTranslator.nameOf(e));
    }
    return queue;
  }

  private ChannelVars varsOf(String channelId, ManagerEvent e) {
    return calls.varsOf(channelId).overriddenBy(ChannelVars.fromEvent(e.getChannelVariables()));
  }

  /**
   * CC_TENANT, when the call carries one, must agree with the queue; the event is dropped
   * otherwise.
   */
  private static String tenantOf(ChannelVars vars, String queueTenant) {
    String tenant = vars.tenant().orElse(queueTenant);
    if (!tenant.equals(queueTenant)) {
      throw new MalformedEventException(
          "CC_TENANT " + tenant + " differs from the queue's tenant " + queueTenant);
    }
    return tenant;
  }

  private static QueueMemberState state(
      Member m,
      String name,
      Integer status,
      Boolean paused,
      String reason,
      boolean inCall,
      Number callsTaken) {
    return new QueueMemberState(
        m.queue(),
        m.agent(),
        name,
        status(status),
        Boolean.TRUE.equals(paused),
        reason,
        inCall,
        callsTaken == null ? 0 : callsTaken.intValue());
  }

  static MemberStatus status(Integer code) {
    if (code == null) {
      return MemberStatus.UNKNOWN;
    }
    return switch (code) {
      case 1 -> MemberStatus.FREE;
      case 2 -> MemberStatus.IN_USE;
      case 3 -> MemberStatus.BUSY;
      case 4 -> MemberStatus.INVALID;
      case 5 -> MemberStatus.UNAVAILABLE;
      case 6 -> MemberStatus.RINGING;
      case 7 -> MemberStatus.RINGING_IN_USE;
      case 8 -> MemberStatus.ON_HOLD;
      default -> MemberStatus.UNKNOWN;
    };
  }

  private static CallEndedBy endedBy(String reason) {
    if (reason == null) {
      return CallEndedBy.UNKNOWN;
    }
    return switch (reason) {
      case "agent" -> CallEndedBy.AGENT;
      case "caller" -> CallEndedBy.CALLER;
      case "transfer" -> CallEndedBy.TRANSFER;
      default -> CallEndedBy.UNKNOWN;
    };
  }

  private static Duration seconds(Number value, String field) {
    return Duration.ofSeconds(require(value, field).longValue());
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }

  private static boolean flag(String value) {
    return value != null && !value.isBlank() && !"0".equals(value.trim());
  }

  private static String firstText(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
