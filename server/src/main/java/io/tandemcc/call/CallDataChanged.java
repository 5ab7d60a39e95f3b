package io.tandemcc.call;

import java.util.List;

/** The attached data of a call changed; sent to each agent the call rings or is connected to. */
public record CallDataChanged(
    long tenantId, long agentId, String callId, List<AttachedItem> attachedData) {
  public CallDataChanged {
    attachedData = List.copyOf(attachedData);
  }
}
