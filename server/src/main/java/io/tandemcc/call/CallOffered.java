package io.tandemcc.call;

import io.tandemcc.agent.CallKind;
import java.time.Instant;
import java.util.List;

/**
 * A call rings an agent. Everything the agent's desktop shows before answering: the caller, the
 * queue, the attached data in the tenant's order and the CRM popup to open (null if the tenant has
 * none for this call).
 */
public record CallOffered(
    long tenantId,
    long agentId,
    String callId,
    CallKind kind,
    String queue,
    String queueLabel,
    String callerNumber,
    String callerName,
    List<AttachedItem> attachedData,
    Popup popup,
    Instant offeredAt) {

  /** A CRM page to open, on ring or on answer. */
  public record Popup(String url, String openOn) {}

  public CallOffered {
    attachedData = List.copyOf(attachedData);
  }
}
