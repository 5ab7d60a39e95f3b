package io.tandemcc.history;

import io.tandemcc.call.CallScope;
import java.util.Set;

/**
 * The calls of a tenant a user may look at: all of them (an admin), those of a supervisor's groups
 * (a call in one of their queues, or one an agent of theirs had any leg of), or an agent's own (any
 * leg).
 */
public record HistoryScope(
    long tenantId, boolean wholeTenant, Set<String> queues, Set<Long> agents) {
  public HistoryScope {
    queues = Set.copyOf(queues);
    agents = Set.copyOf(agents);
  }

  public static HistoryScope of(long tenantId, CallScope calls) {
    return new HistoryScope(tenantId, calls.wholeTenant(), calls.queues(), calls.agents());
  }

  public static HistoryScope agent(long tenantId, long agentId) {
    return new HistoryScope(tenantId, false, Set.of(), Set.of(agentId));
  }
}
