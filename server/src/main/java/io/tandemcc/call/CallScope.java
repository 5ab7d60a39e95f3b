package io.tandemcc.call;

import java.util.Collection;
import java.util.Set;

/**
 * The calls of its tenant a caller may reach: all of them (a CRM's API key, an admin) or, for a
 * supervisor, those of its groups: a call in one of their queues, or ringing or connected to (or
 * recorded for) one of their agents.
 */
public record CallScope(boolean wholeTenant, Set<String> queues, Set<Long> agents) {
  public static final CallScope WHOLE_TENANT = new CallScope(true, Set.of(), Set.of());

  public CallScope {
    queues = Set.copyOf(queues);
    agents = Set.copyOf(agents);
  }

  /** Whether a call in {@code queue} (null if none) with these agents is in the scope. */
  public boolean covers(String queue, Collection<Long> agentIds) {
    return wholeTenant
        || queue != null && queues.contains(queue)
        || agentIds.stream().anyMatch(agents::contains);
  }
}
