package io.tandemcc.supervisor;

import io.tandemcc.pbx.SpyRequest;

/**
 * Start, switch or stop a supervisor's monitoring of an agent. {@code spy} is the call to make (or
 * the mode to switch to when that supervisor already monitors that agent); null stops the
 * monitoring.
 */
public record MonitorCommand(long tenantId, long supervisorUserId, long agentId, SpyRequest spy) {}
