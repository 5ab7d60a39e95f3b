package io.tandemcc.supervisor;

import io.tandemcc.pbx.SpyMode;

/**
 * A supervisor's monitoring call started, switched mode or ended (the supervisor or the agent hung
 * up, or the supervisor stopped it). Pushed to that supervisor's browsers only; the agent is never
 * told.
 */
public record MonitorChanged(
    long tenantId, long supervisorUserId, long agentId, SpyMode mode, boolean active) {}
