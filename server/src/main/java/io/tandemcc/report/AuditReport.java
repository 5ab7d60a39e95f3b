package io.tandemcc.report;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP_MEMBER;
import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.AUDIT_LOG;

import io.tandemcc.common.ApiException;
import io.tandemcc.db.generated.tables.AppUser;
import io.tandemcc.tenant.OutboundAudit;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The audit report: who intervened on which agent, and who changed what in the administration, in
 * the period, newest first, keyset-paged by entry id. A supervisor sees the interventions on agents
 * of its groups only; an admin sees every entry of the tenant: interventions, administration
 * changes and refused outside calls.
 */
final class AuditReport {
  static final List<String> COLUMNS =
      List.of(
          "occurredAt",
          "entryId",
          "kind",
          "actorUserId",
          "actorName",
          "actorRole",
          "action",
          "targetKind",
          "targetId",
          "agentId",
          "agentNumber",
          "agentName",
          "detail",
          "outcome",
          "before",
          "after");

  /** What an entry is (the {@code kind} filter and column). */
  enum Entry {
    INTERVENTION("intervention"),
    ADMIN_CHANGE("admin-change"),
    REFUSED_CALL("refused-call");

    final String wire;

    Entry(String wire) {
      this.wire = wire;
    }

    static Entry parse(String raw) {
      if (raw == null || raw.isEmpty()) {
        return null;
      }
      for (Entry e : values()) {
        if (e.wire.equals(raw)) {
          return e;
        }
      }
      throw ApiException.badRequest(
          "invalid-kind", "'kind' must be intervention, admin-change or refused-call.");
    }

    Condition condition() {
      Condition agentEntry =
          AUDIT_LOG.TARGET_KIND.eq("agent").and(AUDIT_LOG.TARGET_AGENT_ID.isNotNull());
      return switch (this) {
        case ADMIN_CHANGE -> agentEntry.not();
        case INTERVENTION -> agentEntry.and(AUDIT_LOG.ACTION.ne(OutboundAudit.ACTION));
        case REFUSED_CALL -> agentEntry.and(AUDIT_LOG.ACTION.eq(OutboundAudit.ACTION));
      };
    }
  }

  private static final AppUser ACTOR = APP_USER.as("actor");
  private static final AppUser TARGET = APP_USER.as("target");

  private AuditReport() {}

  static void rows(
      DSLContext dsl, Reports.Prepared prepared, long before, int limit, RowSink sink) {
    ReportRequest request = prepared.request();
    long tenant = request.tenantId();
    Condition where =
        AUDIT_LOG
            .TENANT_ID
            .eq(tenant)
            .and(AUDIT_LOG.OCCURRED_AT.ge(request.period().start().atOffset(ZoneOffset.UTC)))
            .and(AUDIT_LOG.OCCURRED_AT.lt(request.period().end().atOffset(ZoneOffset.UTC)));
    if (before > 0) {
      where = where.and(AUDIT_LOG.ID.lt(before));
    }
    if (!prepared.admin()) {
      // interventions only, and only on members of the supervisor's groups
      where =
          where
              .and(Entry.INTERVENTION.condition())
              .and(memberOf(tenant, prepared.scope().groups().stream().map(Subject::id).toList()));
    }
    if (prepared.auditKind() != null) {
      where = where.and(prepared.auditKind().condition());
    }
    if (request.groupId() != null) {
      where = where.and(memberOf(tenant, List.of(request.groupId())));
    }
    if (request.agentId() != null) {
      where = where.and(AUDIT_LOG.TARGET_AGENT_ID.eq(request.agentId()));
    }
    var kind =
        DSL.when(Entry.ADMIN_CHANGE.condition(), Entry.ADMIN_CHANGE.wire)
            .when(AUDIT_LOG.ACTION.eq(OutboundAudit.ACTION), Entry.REFUSED_CALL.wire)
            .otherwise(Entry.INTERVENTION.wire)
            .as("kind");
    try (var cursor =
        dsl.select(
                AUDIT_LOG.ID,
                AUDIT_LOG.OCCURRED_AT,
                kind,
                AUDIT_LOG.ACTOR_USER_ID,
                ACTOR.DISPLAY_NAME,
                ACTOR.ROLE,
                AUDIT_LOG.ACTION,
                AUDIT_LOG.TARGET_KIND,
                AUDIT_LOG.TARGET_ID,
                AUDIT_LOG.TARGET_AGENT_ID,
                AGENT.AGENT_NUMBER,
                TARGET.DISPLAY_NAME,
                AUDIT_LOG.DETAIL,
                AUDIT_LOG.OUTCOME,
                AUDIT_LOG.BEFORE_VALUE,
                AUDIT_LOG.AFTER_VALUE)
            .from(AUDIT_LOG)
            .join(ACTOR)
            .on(ACTOR.TENANT_ID.eq(AUDIT_LOG.TENANT_ID).and(ACTOR.ID.eq(AUDIT_LOG.ACTOR_USER_ID)))
            .leftJoin(AGENT)
            .on(AGENT.TENANT_ID.eq(AUDIT_LOG.TENANT_ID).and(AGENT.ID.eq(AUDIT_LOG.TARGET_AGENT_ID)))
            .leftJoin(TARGET)
            .on(TARGET.TENANT_ID.eq(AGENT.TENANT_ID).and(TARGET.ID.eq(AGENT.USER_ID)))
            .where(where)
            .orderBy(AUDIT_LOG.ID.desc())
            .limit(limit)
            .fetchSize(500)
            .fetchLazy()) {
      for (Record r : cursor) {
        List<Object> cells = new ArrayList<>(COLUMNS.size());
        cells.add(r.get(AUDIT_LOG.OCCURRED_AT).toInstant());
        cells.add(r.get(AUDIT_LOG.ID));
        cells.add(r.get(kind));
        cells.add(r.get(AUDIT_LOG.ACTOR_USER_ID));
        cells.add(r.get(ACTOR.DISPLAY_NAME));
        cells.add(r.get(ACTOR.ROLE).toLowerCase(Locale.ROOT));
        cells.add(r.get(AUDIT_LOG.ACTION));
        cells.add(r.get(AUDIT_LOG.TARGET_KIND));
        cells.add(r.get(AUDIT_LOG.TARGET_ID));
        cells.add(r.get(AUDIT_LOG.TARGET_AGENT_ID));
        cells.add(r.get(AGENT.AGENT_NUMBER));
        cells.add(r.get(TARGET.DISPLAY_NAME));
        cells.add(r.get(AUDIT_LOG.DETAIL));
        cells.add(r.get(AUDIT_LOG.OUTCOME));
        cells.add(text(r.get(AUDIT_LOG.BEFORE_VALUE)));
        cells.add(text(r.get(AUDIT_LOG.AFTER_VALUE)));
        sink.row(cells);
      }
    }
  }

  private static Condition memberOf(long tenant, List<Long> groups) {
    return AUDIT_LOG.TARGET_AGENT_ID.in(
        DSL.select(AGENT_GROUP_MEMBER.AGENT_ID)
            .from(AGENT_GROUP_MEMBER)
            .where(
                AGENT_GROUP_MEMBER
                    .TENANT_ID
                    .eq(tenant)
                    .and(AGENT_GROUP_MEMBER.GROUP_ID.in(groups))));
  }

  private static String text(JSON json) {
    return json == null ? null : json.data();
  }
}
