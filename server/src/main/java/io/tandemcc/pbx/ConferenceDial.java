package io.tandemcc.pbx;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A party the PBX rings into a conference room: an agent's phone, or an outside number dialled as
 * the tenant's agents dial it (through the tenant's trunk).
 *
 * @param agent the agent's phone, or null for a number
 * @param number the number, or null for an agent
 * @param callId the call the conference belongs to (the new leg carries it)
 * @param callerName shown on the ringing phone
 */
public record ConferenceDial(
    ConferenceRoom room,
    AgentEndpoint agent,
    String number,
    String callId,
    String callerName,
    Duration ringTimeout) {
  private static final Pattern NUMBER = Pattern.compile("[0-9+*#]{1,32}");

  public ConferenceDial {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(ringTimeout, "ringTimeout");
    callerName = callerName == null ? "" : callerName;
    if ((agent == null) == (number == null)) {
      throw new IllegalArgumentException("a conference party is an agent or a number");
    }
    if (agent != null && !agent.tenant().equals(room.tenant())) {
      throw new IllegalArgumentException(
          "agent " + agent + " is not of the room's tenant " + room.tenant());
    }
    if (number != null && !NUMBER.matcher(number).matches()) {
      throw new IllegalArgumentException("a number is 1 to 32 of 0-9 + * #");
    }
  }

  public static ConferenceDial agent(
      ConferenceRoom room,
      AgentEndpoint agent,
      String callId,
      String callerName,
      Duration ringTimeout) {
    return new ConferenceDial(room, agent, null, callId, callerName, ringTimeout);
  }

  public static ConferenceDial number(
      ConferenceRoom room, String number, String callId, String callerName, Duration ringTimeout) {
    return new ConferenceDial(room, null, number, callId, callerName, ringTimeout);
  }
}
