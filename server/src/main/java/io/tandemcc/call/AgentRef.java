package io.tandemcc.call;

import java.util.List;

/**
 * An agent as the PBX side needs it: which tenant and agent an endpoint belongs to, its display
 * name, whether it is a fixed (static) queue member, and the PBX names of its groups' queues.
 */
public record AgentRef(
    long tenantId,
    String domain,
    long agentId,
    String extension,
    String agentNumber,
    String displayName,
    boolean staticMember,
    List<String> queues) {

  public AgentRef {
    queues = List.copyOf(queues);
  }
}
