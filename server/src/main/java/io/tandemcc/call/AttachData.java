package io.tandemcc.call;

import java.util.Map;

/**
 * A CRM (or a supervisor) adds or replaces attached data of a call: position → value. A call
 * outside {@code scope} is answered as not found.
 */
public record AttachData(
    long tenantId, String callId, Map<Integer, String> values, CallScope scope) {
  public AttachData {
    values = Map.copyOf(values);
  }

  public AttachData(long tenantId, String callId, Map<Integer, String> values) {
    this(tenantId, callId, values, CallScope.WHOLE_TENANT);
  }

  /** Whether the call was found in the tenant, and the agents that were told. */
  public record Result(boolean found, int agentsNotified) {}
}
