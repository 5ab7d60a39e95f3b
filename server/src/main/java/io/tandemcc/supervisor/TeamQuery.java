package io.tandemcc.supervisor;

import java.util.Set;

/**
 * Asks for the live team of a supervisor: the agents of {@code groupIds} (of every group and of no
 * group when {@code wholeTenant}, for admins) and the figures of those groups' queues, in one
 * tenant.
 */
public record TeamQuery(long tenantId, Set<Long> groupIds, boolean wholeTenant) {
  public TeamQuery {
    groupIds = Set.copyOf(groupIds);
  }
}
