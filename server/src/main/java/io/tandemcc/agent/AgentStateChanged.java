package io.tandemcc.agent;

import java.util.Set;

/**
 * An agent's state changed. Carries the tenant and the agent's groups so that subscribers (the
 * agent's own browsers, the supervisors of those groups) can be chosen without another lookup.
 */
public record AgentStateChanged(
    long tenantId,
    long agentId,
    Set<Long> groupIds,
    AgentState previous,
    AgentState current,
    String cause) {}
