package io.tandemcc.agent;

import java.util.Set;

/** What the state owner needs to know about an agent: its rules and its groups. */
public record AgentProfile(long tenantId, long agentId, AgentPolicy policy, Set<Long> groupIds) {}
