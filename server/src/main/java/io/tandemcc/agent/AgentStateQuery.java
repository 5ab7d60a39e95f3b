package io.tandemcc.agent;

/** Asks for an agent's current state. */
public record AgentStateQuery(long tenantId, long agentId) {}
