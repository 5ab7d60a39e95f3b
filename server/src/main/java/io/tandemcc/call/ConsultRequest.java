package io.tandemcc.call;

/**
 * Call control asked the PBX to consult an outside number from the agent's call: the call model
 * shows it once the PBX holds the customer for it (an outside leg raises no agent event). {@code
 * number} null forgets the request (the PBX refused it).
 */
public record ConsultRequest(long tenantId, long agentId, String callId, String number) {}
