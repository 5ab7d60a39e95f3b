package io.tandemcc.report;

import java.time.Instant;

/**
 * A validated report request of one tenant: the period in the tenant's zone, the optional group and
 * agent filters (already checked to be in the caller's scope), the keyset cursor (the last subject
 * id of the previous page) and the page size. {@code now} ends a period that is not over yet.
 * {@code byGroup} makes the pause report sum per group instead of per agent.
 */
public record ReportRequest(
    long tenantId,
    ReportPeriod period,
    Long groupId,
    Long agentId,
    long after,
    int limit,
    boolean byGroup,
    Instant now) {}
