package io.tandemcc.pbx.provisioning;

import java.util.List;
import java.util.Objects;

/**
 * A queue (one per agent group), e.g. {@code acme-support}.
 *
 * @param name the queue's PBX name: the tenant's domain, a dash and lower-case letters, digits and dashes
 * @param staticMembers agents who are members permanently (written as {@code member =>} lines); everyone else is
 *     added and removed at sign-in and sign-out by the server with AMI QueueAdd/QueueRemove
 */
public record QueueSpec(String name, List<StaticMember> staticMembers) {

  public QueueSpec {
    Objects.requireNonNull(name, "name");
    staticMembers = List.copyOf(staticMembers);
  }

  /** A queue without static members. */
  public static QueueSpec dynamic(String name) {
    return new QueueSpec(name, List.of());
  }
}
