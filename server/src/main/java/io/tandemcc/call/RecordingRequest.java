package io.tandemcc.call;

/**
 * A recording of one leg was asked of the PBX into {@code file}: the call record keeps that name
 * once the PBX reports the recording started (MixMonitorStart does not carry it).
 */
public record RecordingRequest(long tenantId, String callId, String channelId, String file) {}
