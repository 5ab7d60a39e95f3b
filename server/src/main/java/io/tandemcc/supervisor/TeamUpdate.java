package io.tandemcc.supervisor;

import java.util.Set;

/**
 * One push message for the supervisors of a tenant: a team member or a queue's figures changed. It
 * goes to every admin of the tenant and to the supervisors of at least one of {@code groupIds};
 * {@code message} is the push message as sent ({@code team.agent} or {@code team.queue}), encoded
 * once.
 */
public record TeamUpdate(long tenantId, Set<Long> groupIds, String message) {
  public TeamUpdate {
    groupIds = Set.copyOf(groupIds);
  }
}
