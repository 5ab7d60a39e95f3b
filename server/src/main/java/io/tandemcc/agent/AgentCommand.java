package io.tandemcc.agent;

/**
 * Asks the owner of an agent's state to apply an event. {@code tenantId} scopes the agent id;
 * {@code cause} says who or what asked (user id, "pbx", "timer"), for the state history.
 */
public record AgentCommand(long tenantId, long agentId, AgentEvent event, String cause) {}
