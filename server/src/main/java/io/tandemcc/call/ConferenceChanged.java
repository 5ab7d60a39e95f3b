package io.tandemcc.call;

/**
 * A conference changed: {@code message} is the encoded {@code call.conference} push for this one
 * agent's tabs.
 */
public record ConferenceChanged(long tenantId, long agentId, String message) {}
