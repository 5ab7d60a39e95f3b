package io.tandemcc.call;

import java.util.Map;
import java.util.TreeMap;

/**
 * Click-to-dial placed a call: the agent's phone answered the PBX's originate ({@code
 * agentChannelId}, which is also the call's id) and the PBX now dials {@code number}. The PBX
 * reports no start for an originated leg, so {@link CallVerticle} learns of the call from this and
 * follows it like an outbound call from then on.
 *
 * @param attachedData position (1..10) → value, as the CRM gave it
 */
public record CallOriginated(
    long tenantId,
    String domain,
    String extension,
    String callId,
    String agentChannelId,
    String number,
    String customerName,
    Map<Integer, String> attachedData) {
  public CallOriginated {
    attachedData = Map.copyOf(new TreeMap<>(attachedData));
  }
}
