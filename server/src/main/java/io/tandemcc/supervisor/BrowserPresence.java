package io.tandemcc.supervisor;

/**
 * How many authenticated push connections (browser tabs) an agent has on one push hub. Each HTTP
 * verticle instance has its own hub; the team view adds the counts of every hub.
 */
public record BrowserPresence(long tenantId, long agentId, String hub, int connections) {}
