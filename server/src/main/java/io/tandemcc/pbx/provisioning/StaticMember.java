package io.tandemcc.pbx.provisioning;

import java.util.Objects;

/**
 * An agent who is a permanent member of a queue. Static members start paused; the server unpauses
 * them when the agent becomes Ready (a reload keeps the pause state of members that already exist).
 *
 * @param extension the agent's extension; must be one of the tenant's endpoints
 * @param penalty the queue penalty, 0 to {@value PbxNames#MAX_PENALTY}; lower is offered first
 */
public record StaticMember(String extension, int penalty) {

  public StaticMember {
    Objects.requireNonNull(extension, "extension");
  }
}
