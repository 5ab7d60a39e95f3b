package io.tandemcc.callback;

/**
 * A callback fell due: {@code message} is the encoded {@code callback.due} push for the agent's
 * tabs.
 */
public record CallbackDue(long tenantId, long agentId, String message) {}
