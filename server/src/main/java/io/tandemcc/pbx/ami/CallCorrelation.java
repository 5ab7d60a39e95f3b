package io.tandemcc.pbx.ami;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the translator remembers between events of one AMI session: variables announced by {@code VarSet}, callers
 * waiting in a queue, agent legs created by a queue, and which agent leg answered which queue call. Confined to the
 * link's context; bounded so that lost {@code Hangup}s cannot make it grow without limit.
 */
final class CallCorrelation {
  static final int MAX_CHANNELS = 10_000;

  private final Map<String, Map<String, String>> varsByChannel = bounded();
  private final Map<String, String> waitingCallers = bounded();
  private final Map<String, String> queueLegs = bounded();
  private final Map<String, String> answeredLegs = bounded();

  void rememberVar(String channelId, String plainName, String value) {
    varsByChannel.computeIfAbsent(channelId, id -> new HashMap<>()).put(plainName, value);
  }

  /** Variables seen in VarSet events of the channel, as if they had arrived as {@code ChanVariable} fields. */
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

  void answered(String callerChannelId, String agentInterface, String agentChannelId) {
    answeredLegs.put(callerChannelId + "|" + agentInterface, agentChannelId);
  }

  /** The agent leg that answered the caller, or {@code ""} when unknown. */
  String answeredLeg(String callerChannelId, String agentInterface) {
    return answeredLegs.getOrDefault(callerChannelId + "|" + agentInterface, "");
  }

  void channelGone(String channelId) {
    varsByChannel.remove(channelId);
    waitingCallers.remove(channelId);
    queueLegs.remove(channelId);
    answeredLegs.keySet().removeIf(key -> key.startsWith(channelId + "|"));
  }

  void clear() {
    varsByChannel.clear();
    waitingCallers.clear();
    queueLegs.clear();
    answeredLegs.clear();
  }

  int size() {
    return varsByChannel.size() + waitingCallers.size() + queueLegs.size() + answeredLegs.size();
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
