package io.tandemcc.report;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP_MEMBER;
import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.GROUP_SUPERVISOR;
import static io.tandemcc.db.generated.Tables.TENANT;

import io.tandemcc.auth.Principal;
import io.tandemcc.common.ApiException;
import io.tandemcc.tenant.Role;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * What a caller may report on: an admin the whole tenant, a supervisor the groups it supervises and
 * their members. Everything else (agents, the system role) is refused with 403. A group or agent
 * outside the scope is as unknown as one that does not exist (404).
 */
record ReportScope(long tenantId, ZoneId zone, List<Subject> groups) {

  static ReportScope resolve(DSLContext dsl, Principal p) {
    if (p.role() != Role.ADMIN && p.role() != Role.SUPERVISOR) {
      throw ApiException.forbidden("Reports are for supervisors and admins.");
    }
    String zoneName =
        dsl.select(TENANT.TIME_ZONE)
            .from(TENANT)
            .where(TENANT.ID.eq(p.tenantId()))
            .fetchOne(TENANT.TIME_ZONE);
    Condition inScope = AGENT_GROUP.TENANT_ID.eq(p.tenantId());
    if (p.role() == Role.SUPERVISOR) {
      inScope =
          inScope.and(
              AGENT_GROUP.ID.in(
                  DSL.select(GROUP_SUPERVISOR.GROUP_ID)
                      .from(GROUP_SUPERVISOR)
                      .where(
                          GROUP_SUPERVISOR
                              .TENANT_ID
                              .eq(p.tenantId())
                              .and(GROUP_SUPERVISOR.USER_ID.eq(p.userId())))));
    }
    List<Subject> groups =
        dsl.select(
                AGENT_GROUP.ID,
                AGENT_GROUP.QUEUE_NAME,
                AGENT_GROUP.NAME,
                AGENT_GROUP.SERVICE_LEVEL_SECONDS)
            .from(AGENT_GROUP)
            .where(inScope)
            .orderBy(AGENT_GROUP.ID)
            .fetch(r -> new Subject(r.value1(), r.value2(), r.value3(), r.value4()));
    return new ReportScope(p.tenantId(), zone(zoneName), groups);
  }

  private static ZoneId zone(String name) {
    try {
      return name == null ? ZoneOffset.UTC : ZoneId.of(name);
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }

  void checkGroup(Long groupId) {
    if (groupId != null && groups.stream().noneMatch(g -> g.id() == groupId)) {
      throw new ApiException(
          404, "unknown-group", "Not found", "There is no such group in your scope.");
    }
  }

  void checkAgent(DSLContext dsl, Long agentId, boolean admin) {
    if (agentId != null
        && dsl.fetchCount(
                AGENT,
                AGENT
                    .TENANT_ID
                    .eq(tenantId)
                    .and(AGENT.ID.eq(agentId))
                    .and(admin ? DSL.noCondition() : memberOf(null)))
            == 0) {
      throw new ApiException(
          404, "unknown-agent", "Not found", "There is no such agent in your scope.");
    }
  }

  /**
   * Agents of the scope's groups (or of one of them); an admin also sees agents in no group at all.
   */
  private Condition memberOf(Long groupId) {
    List<Long> ids =
        groups.stream()
            .map(Subject::id)
            .filter(id -> groupId == null || id.equals(groupId))
            .toList();
    return DSL.exists(
        DSL.selectOne()
            .from(AGENT_GROUP_MEMBER)
            .where(
                AGENT_GROUP_MEMBER
                    .TENANT_ID
                    .eq(tenantId)
                    .and(AGENT_GROUP_MEMBER.AGENT_ID.eq(AGENT.ID))
                    .and(AGENT_GROUP_MEMBER.GROUP_ID.in(ids))));
  }

  /**
   * One page of agents (by id, after the cursor), limit + 1 of them so the caller knows whether
   * more follow.
   */
  List<Subject> agents(DSLContext dsl, ReportRequest request, boolean admin, int limit) {
    Condition c = AGENT.TENANT_ID.eq(tenantId).and(AGENT.ID.gt(request.after()));
    if (!admin || request.groupId() != null) {
      c = c.and(memberOf(request.groupId()));
    }
    if (request.agentId() != null) {
      c = c.and(AGENT.ID.eq(request.agentId()));
    }
    return dsl.select(AGENT.ID, AGENT.AGENT_NUMBER, APP_USER.DISPLAY_NAME)
        .from(AGENT)
        .join(APP_USER)
        .on(APP_USER.TENANT_ID.eq(AGENT.TENANT_ID).and(APP_USER.ID.eq(AGENT.USER_ID)))
        .where(c)
        .orderBy(AGENT.ID)
        .limit(limit + 1)
        .fetch(r -> new Subject(r.value1(), r.value2(), r.value3(), 0));
  }

  List<Subject> groups(ReportRequest request, int limit) {
    return groups.stream()
        .filter(g -> g.id() > request.after())
        .filter(g -> request.groupId() == null || g.id() == request.groupId())
        .limit(limit + 1L)
        .toList();
  }
}
