package io.tandemcc.agent;

/** The state machine's decision and the agent's state after it (unchanged unless accepted). */
public record AgentCommandReply(Decision decision, AgentState state) {}
