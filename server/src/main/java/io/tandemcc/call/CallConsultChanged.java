package io.tandemcc.call;

/**
 * The consultation of the agent's call started, was answered or ended ({@code consult} null): push
 * call.consult.
 */
public record CallConsultChanged(long tenantId, long agentId, String callId, ConsultView consult) {}
