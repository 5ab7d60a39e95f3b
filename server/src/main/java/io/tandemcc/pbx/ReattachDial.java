package io.tandemcc.pbx;

import java.time.Duration;
import java.util.Objects;

/**
 * Reload survival: ring the agent's (reloaded) phone with a call it answers by itself and bridge it
 * with the customer held by {@link ReattachHold} (docs/webphone.md).
 *
 * @param callId the call's id; the phone sees it as {@code X-Tandem-Reattach}, and the new leg
 *     carries it as CC_CALLID
 * @param customerChannelId the held customer's leg
 * @param callerName shown on the phone with the call
 */
public record ReattachDial(
    AgentEndpoint agent,
    String callId,
    String customerChannelId,
    String callerName,
    Duration ringTimeout) {
  public ReattachDial {
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(customerChannelId, "customerChannelId");
    callerName = callerName == null ? "" : callerName;
    Objects.requireNonNull(ringTimeout, "ringTimeout");
  }
}
