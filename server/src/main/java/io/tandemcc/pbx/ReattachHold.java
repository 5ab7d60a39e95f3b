package io.tandemcc.pbx;

import java.util.Objects;

/**
 * Reload survival: keep the customer of a call whose agent's page went away (docs/webphone.md).
 *
 * @param tenant the tenant of the call
 * @param customerChannelId the customer's leg (its unique id), taken out of the call's bridge
 * @param graceSeconds how long the customer waits, with music on hold, for the agent's page to come
 *     back
 * @param requeueTo the queue the customer goes back to (at its head) after the grace, or null to
 *     end the call
 */
public record ReattachHold(
    String tenant, String customerChannelId, int graceSeconds, QueueRef requeueTo) {
  public ReattachHold {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(customerChannelId, "customerChannelId");
    if (graceSeconds < 1) {
      throw new IllegalArgumentException("grace must be positive: " + graceSeconds);
    }
    if (requeueTo != null && !requeueTo.tenant().equals(tenant)) {
      throw new IllegalArgumentException("queue " + requeueTo + " is not of tenant " + tenant);
    }
  }
}
