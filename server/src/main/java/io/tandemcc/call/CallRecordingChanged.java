package io.tandemcc.call;

/**
 * The PBX started or stopped recording a call an agent is on: push call.recording to that agent.
 */
public record CallRecordingChanged(long tenantId, long agentId, String callId, boolean recording) {}
