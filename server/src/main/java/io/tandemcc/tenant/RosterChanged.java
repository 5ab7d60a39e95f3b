package io.tandemcc.tenant;

/**
 * Published on {@link TenantAddresses#ROSTER_CHANGED} after an administrator changed a tenant's
 * users, agents or groups: the owners that keep them in memory (the team view, queue membership,
 * the call directory) reload them.
 */
public record RosterChanged(long tenantId) {}
