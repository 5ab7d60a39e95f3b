package io.tandemcc.call;

import java.util.Map;

/** A CRM adds or replaces attached data of a live call: position → value. */
public record AttachData(long tenantId, String callId, Map<Integer, String> values) {
  public AttachData {
    values = Map.copyOf(values);
  }

  /** Whether the call was found in the tenant, and the agents that were told. */
  public record Result(boolean found, int agentsNotified) {}
}
