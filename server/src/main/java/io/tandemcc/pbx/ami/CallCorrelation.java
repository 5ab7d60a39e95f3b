package io.tandemcc.pbx.ami;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the translator remembers between events of one AMI session: variables announced by {@code
 * VarSet}, callers waiting in a queue, agent legs created by a queue, and which queue call each
 * member answered. Confined to the link's context; bounded so that lost {@code Hangup}s cannot make
 * it grow without limit.
 */
final class CallCorrelation {
  static final int MAX_CHANNELS = 10_000;

  private final Map<String, Map<String, String>> varsByChannel = bounded();
  private final Map<String, String> waitingCallers = bounded();
  private final Map<String, String> queueLegs = bounded();

  /** An outside leg a Local half dialled (Atxfer to a number) → its call, as "tenant|callId". */
  private final Map<String, String> outsideLegs = bounded();

  private final Map<String, AnsweredCall> answeredByMember = bounded();

  /** Uniqueid → channel name, read by the commands on the link's worker threads. */
  private final Map<String, String> channelNames = java.util.Collections.synchronizedMap(bounded());

  /** A queue call an agent answered: AgentComplete may later arrive without any channel fields. */
  record AnsweredCall(String callerChannelId, String callId, String agentChannelId) {}

  void rememberVar(String channelId, String plainName, String value) {
    varsByChannel.computeIfAbsent(channelId, id -> new HashMap<>()).put(plainName, value);
  }

  /**
   * Variables seen in VarSet events of the channel, as if they had arrived as {@code ChanVariable}
   * fields.
   */
  ChannelVars varsOf(String channelId) {
    Map<String, String> vars = varsByChannel.get(channelId);
    return vars == null ? ChannelVars.none() : ChannelVars.fromEvent(vars);
  }

  void callerWaiting(String callerChannelId, String queue) {
    waitingCallers.put(callerChannelId, queue);
  }

  void callerLeft(String callerChannelId) {
    waitingCallers.remove(callerChannelId);
  }

  boolean isWaitingInQueue(String callerChannelId) {
    return callerChannelId != null && waitingCallers.containsKey(callerChannelId);
  }

  void queueLeg(String agentChannelId, String callerChannelId) {
    queueLegs.put(agentChannelId, callerChannelId);
  }

  boolean isQueueLeg(String agentChannelId) {
    return agentChannelId != null && queueLegs.containsKey(agentChannelId);
  }

  /**
   * With ringinuse=no a member takes one call of a queue at a time, so queue + interface identify
   * the call.
   */
  void answered(String queue, String agentInterface, AnsweredCall call) {
    answeredByMember.put(queue + "|" + agentInterface, call);
  }

  Optional<AnsweredCall> completed(String queue, String agentInterface) {
    return Optional.ofNullable(answeredByMember.remove(queue + "|" + agentInterface));
  }

  void channelName(String channelId, String name) {
    channelNames.put(channelId, name);
  }

  /**
   * The channel's name (e.g. {@code PJSIP/acme-1001-00000001}) as announced by Newchannel.
   * Thread-safe.
   */
  Optional<String> channelName(String channelId) {
    return Optional.ofNullable(channelNames.get(channelId));
  }

  void outsideLeg(String channelId, String tenant, String callId) {
    outsideLegs.put(channelId, tenant + "|" + callId);
  }

  /**
   * The call of an outside leg that ended ({tenant, callId}), once; empty when it was no outside
   * leg we saw.
   */
  Optional<String[]> outsideLegGone(String channelId) {
    return Optional.ofNullable(outsideLegs.remove(channelId)).map(v -> v.split("\\|", 2));
  }

  void channelGone(String channelId) {
    channelNames.remove(channelId);
    varsByChannel.remove(channelId);
    waitingCallers.remove(channelId);
    queueLegs.remove(channelId);
  }

  void clear() {
    varsByChannel.clear();
    waitingCallers.clear();
    queueLegs.clear();
    outsideLegs.clear();
    answeredByMember.clear();
    channelNames.clear();
  }

  int size() {
    return varsByChannel.size()
        + waitingCallers.size()
        + queueLegs.size()
        + outsideLegs.size()
        + answeredByMember.size()
        + channelNames.size();
  }

  private static <V> Map<String, V> bounded() {
    return new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > MAX_CHANNELS;
      }
    };
  }
}
