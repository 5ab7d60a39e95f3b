package io.tandemcc.queue;

/** The PBX refused or could not carry out a queue membership change for an agent. */
public record QueueActionFailed(
    long tenantId, long agentId, String queue, String action, String message) {}
