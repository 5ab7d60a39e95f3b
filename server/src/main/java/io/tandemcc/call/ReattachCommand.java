package io.tandemcc.call;

/**
 * The agent's reloaded page asks for its call back ({@code POST /api/calls/{callId}/reattach});
 * answered with a {@link ReattachReply}. Only the agent the call was held for may ask (tenant and
 * agent are the caller's own).
 */
public record ReattachCommand(long tenantId, long agentId, String callId) {}
