package io.tandemcc.call;

/** Which call is this agent on? Answered with {@link AgentCallView.Reply}. */
public record AgentCallQuery(long tenantId, long agentId) {}
