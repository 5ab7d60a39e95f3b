package io.tandemcc.history;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP;
import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.ATTACHED_DATA_KEY;
import static io.tandemcc.db.generated.Tables.CALL_ATTACHED_DATA;
import static io.tandemcc.db.generated.Tables.CALL_HOLD;
import static io.tandemcc.db.generated.Tables.CALL_PARTY;
import static io.tandemcc.db.generated.Tables.CALL_RECORD;
import static io.tandemcc.db.generated.Tables.CALL_RECORDING;
import static io.tandemcc.db.generated.Tables.DISPOSITION;
import static io.tandemcc.db.generated.Tables.EXTENSION;
import static io.tandemcc.db.generated.Tables.TENANT;

import io.tandemcc.common.Page;
import io.tandemcc.db.Database;
import io.tandemcc.history.CallDetail.DataItem;
import io.tandemcc.history.CallDetail.Hold;
import io.tandemcc.history.CallDetail.Leg;
import io.tandemcc.history.CallDetail.Recording;
import io.tandemcc.history.CallSummary.Party;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The tenant-scoped reads of the call history; every query carries the tenant and the caller's
 * scope.
 */
public final class CallHistoryRepository {
  private static final Field<Integer> RECORDINGS =
      DSL.field(
              DSL.selectCount()
                  .from(CALL_RECORDING)
                  .where(CALL_RECORDING.CALL_RECORD_ID.eq(CALL_RECORD.ID)))
          .as("recordings");
  private final Database db;

  public CallHistoryRepository(Database db) {
    this.db = db;
  }

  /** The resolved filters: names already turned into what the records hold. */
  record Filters(HistoryQuery query, String queue, Integer dataPosition) {}

  Future<Page<CallSummary>> list(HistoryScope scope, Filters f) {
    return db.query(dsl -> page(dsl, scope, f.query(), f));
  }

  /**
   * Every call of the filters (the query's page size and cursor are ignored), oldest or newest
   * first as asked, on a worker thread: read page by page with the keyset cursor and handed to
   * {@code sink} one by one, so an export of any size holds one page in memory.
   */
  Future<Void> each(HistoryScope scope, Filters f, java.util.function.Consumer<CallSummary> sink) {
    return db.blocking(
        () -> {
          HistoryQuery q = f.query();
          HistoryQuery.Cursor after = null;
          while (true) {
            HistoryQuery batch =
                new HistoryQuery(
                    q.from(),
                    q.to(),
                    q.agentId(),
                    q.queue(),
                    q.direction(),
                    q.outcome(),
                    q.disposition(),
                    q.caller(),
                    q.dataKey(),
                    q.dataValue(),
                    EXPORT_BATCH,
                    after,
                    q.ascending());
            Page<CallSummary> page = page(db.dsl(), scope, batch, f);
            page.items().forEach(sink);
            if (page.next() == null) {
              return null;
            }
            CallSummary last = page.items().get(page.items().size() - 1);
            after = new HistoryQuery.Cursor(last.startedAt(), last.id());
          }
        });
  }

  /** Calls per query of an export. */
  static final int EXPORT_BATCH = 500;

  private Page<CallSummary> page(
      org.jooq.DSLContext dsl, HistoryScope scope, HistoryQuery q, Filters f) {
    {
      long t = scope.tenantId();
      Condition c =
          CALL_RECORD
              .TENANT_ID
              .eq(t)
              .and(CALL_RECORD.STARTED_AT.ge(utc(q.from())))
              .and(CALL_RECORD.STARTED_AT.lt(utc(q.to())))
              .and(inScope(scope));
      if (q.agentId() != null) {
        c = c.and(involves(t, Set.of(q.agentId())));
      }
      if (f.queue() != null) {
        c = c.and(CALL_RECORD.QUEUE_NAME.eq(f.queue()));
      }
      if (q.direction() != null) {
        c = c.and(CALL_RECORD.DIRECTION.eq(q.direction()));
      }
      if (q.outcome() != null) {
        c = c.and(CALL_RECORD.RESULT.eq(q.outcome()));
      }
      if (q.disposition() != null) {
        c = c.and(CALL_RECORD.DISPOSITION_CODE.eq(q.disposition()));
      }
      if (q.caller() != null) {
        // only digits, +, * and # (HistoryQuery): nothing LIKE would read as a wildcard
        c =
            c.and(
                CALL_RECORD
                    .CALLER_NUMBER
                    .like(q.caller() + "%")
                    .or(CALL_RECORD.DIALED_NUMBER.like(q.caller() + "%")));
      }
      if (f.dataPosition() != null) {
        c =
            c.and(
                DSL.exists(
                    DSL.selectOne()
                        .from(CALL_ATTACHED_DATA)
                        .where(
                            CALL_ATTACHED_DATA
                                .TENANT_ID
                                .eq(t)
                                .and(CALL_ATTACHED_DATA.CALL_RECORD_ID.eq(CALL_RECORD.ID))
                                .and(CALL_ATTACHED_DATA.POSITION.eq(f.dataPosition()))
                                .and(CALL_ATTACHED_DATA.VALUE.eq(q.dataValue())))));
      }
      if (q.after() != null) {
        var key = DSL.row(CALL_RECORD.STARTED_AT, CALL_RECORD.ID);
        c =
            c.and(
                q.ascending()
                    ? key.gt(utc(q.after().startedAt()), q.after().id())
                    : key.lt(utc(q.after().startedAt()), q.after().id()));
      }
      List<CallSummary> rows =
          summaries(dsl, t)
              .where(c)
              .orderBy(
                  q.ascending() ? CALL_RECORD.STARTED_AT.asc() : CALL_RECORD.STARTED_AT.desc(),
                  q.ascending() ? CALL_RECORD.ID.asc() : CALL_RECORD.ID.desc())
              .limit(q.limit() + 1)
              .fetch(CallHistoryRepository::summary);
      boolean more = rows.size() > q.limit();
      List<CallSummary> page = more ? rows.subList(0, q.limit()) : rows;
      CallSummary last = page.isEmpty() ? null : page.get(page.size() - 1);
      return new Page<>(
          page, more ? new HistoryQuery.Cursor(last.startedAt(), last.id()).encode() : null);
    }
  }

  Future<Optional<CallDetail>> detail(HistoryScope scope, long id) {
    return db.query(
        dsl -> {
          long t = scope.tenantId();
          Record r =
              summaries(dsl, t)
                  .where(CALL_RECORD.TENANT_ID.eq(t).and(CALL_RECORD.ID.eq(id)).and(inScope(scope)))
                  .fetchOne();
          if (r == null) {
            return Optional.empty();
          }
          CallSummary call = summary(r);
          List<Leg> legs =
              dsl.select(
                      CALL_PARTY.PARTY_KIND,
                      CALL_PARTY.ROLE,
                      CALL_PARTY.AGENT_ID,
                      APP_USER.DISPLAY_NAME,
                      EXTENSION.NUMBER,
                      CALL_PARTY.NUMBER,
                      CALL_PARTY.DISPLAY_NAME,
                      CALL_PARTY.JOINED_AT,
                      CALL_PARTY.ANSWERED_AT,
                      CALL_PARTY.LEFT_AT,
                      CALL_PARTY.END_REASON)
                  .from(CALL_PARTY)
                  .leftJoin(AGENT)
                  .on(AGENT.ID.eq(CALL_PARTY.AGENT_ID).and(AGENT.TENANT_ID.eq(t)))
                  .leftJoin(APP_USER)
                  .on(APP_USER.ID.eq(AGENT.USER_ID))
                  .leftJoin(EXTENSION)
                  .on(EXTENSION.ID.eq(AGENT.EXTENSION_ID))
                  .where(CALL_PARTY.TENANT_ID.eq(t).and(CALL_PARTY.CALL_RECORD_ID.eq(id)))
                  .orderBy(CALL_PARTY.JOINED_AT, CALL_PARTY.ID)
                  .fetch(
                      p ->
                          new Leg(
                              p.value1(),
                              p.value2(),
                              p.value3() == null
                                  ? null
                                  : new Party(p.value3(), p.value4(), p.value5()),
                              p.value6(),
                              p.value7(),
                              instant(p.value8()),
                              instant(p.value9()),
                              instant(p.value10()),
                              p.value11()));
          List<Hold> holds =
              dsl.select(CALL_HOLD.HELD_AT, CALL_HOLD.RESUMED_AT)
                  .from(CALL_HOLD)
                  .where(CALL_HOLD.TENANT_ID.eq(t).and(CALL_HOLD.CALL_RECORD_ID.eq(id)))
                  .orderBy(CALL_HOLD.HELD_AT)
                  .fetch(h -> new Hold(instant(h.value1()), instant(h.value2())));
          List<Recording> recordings = recordings(dsl, t, id);
          Map<Integer, String> values =
              dsl.select(CALL_ATTACHED_DATA.POSITION, CALL_ATTACHED_DATA.VALUE)
                  .from(CALL_ATTACHED_DATA)
                  .where(
                      CALL_ATTACHED_DATA
                          .TENANT_ID
                          .eq(t)
                          .and(CALL_ATTACHED_DATA.CALL_RECORD_ID.eq(id)))
                  .fetchMap(CALL_ATTACHED_DATA.POSITION, CALL_ATTACHED_DATA.VALUE);
          List<DataItem> data = new ArrayList<>();
          dsl.selectFrom(ATTACHED_DATA_KEY)
              .where(ATTACHED_DATA_KEY.TENANT_ID.eq(t))
              .orderBy(ATTACHED_DATA_KEY.POSITION)
              .forEach(
                  k -> {
                    String v = values.get(k.getPosition());
                    if (v != null) {
                      data.add(
                          new DataItem(
                              k.getPosition(),
                              k.getKeyName(),
                              k.getLabel() == null || k.getLabel().isBlank()
                                  ? k.getKeyName()
                                  : k.getLabel(),
                              v));
                    }
                  });
          var disp =
              dsl.select(
                      CALL_RECORD.KIND,
                      CALL_RECORD.DISPOSITION_NOTE,
                      CALL_RECORD.DISPOSITION_AGENT_ID,
                      CALL_RECORD.DISPOSITION_AT,
                      APP_USER.DISPLAY_NAME,
                      EXTENSION.NUMBER)
                  .from(CALL_RECORD)
                  .leftJoin(AGENT)
                  .on(AGENT.ID.eq(CALL_RECORD.DISPOSITION_AGENT_ID).and(AGENT.TENANT_ID.eq(t)))
                  .leftJoin(APP_USER)
                  .on(APP_USER.ID.eq(AGENT.USER_ID))
                  .leftJoin(EXTENSION)
                  .on(EXTENSION.ID.eq(AGENT.EXTENSION_ID))
                  .where(CALL_RECORD.TENANT_ID.eq(t).and(CALL_RECORD.ID.eq(id)))
                  .fetchOne();
          Party dispAgent =
              disp.value3() == null ? null : new Party(disp.value3(), disp.value5(), disp.value6());
          Instant dispAt = instant(disp.value4());
          return Optional.of(
              new CallDetail(
                  call,
                  CallTimeline.of(call, disp.value1(), legs, holds, recordings, dispAgent, dispAt),
                  legs,
                  data,
                  disp.value2(),
                  dispAgent,
                  dispAt,
                  recordings));
        });
  }

  /** A recording of a call in the caller's scope, with the file it was written to. */
  Future<Optional<Recording>> recording(HistoryScope scope, long callRecordId, long recordingId) {
    return db.query(
        dsl -> {
          long t = scope.tenantId();
          boolean visible =
              dsl.fetchExists(
                  DSL.selectOne()
                      .from(CALL_RECORD)
                      .where(
                          CALL_RECORD
                              .TENANT_ID
                              .eq(t)
                              .and(CALL_RECORD.ID.eq(callRecordId))
                              .and(inScope(scope))));
          return visible
              ? recordings(dsl, t, callRecordId).stream()
                  .filter(r -> r.id() == recordingId)
                  .findFirst()
              : Optional.<Recording>empty();
        });
  }

  /** The tenant's time zone, and whether these names exist in it (null when not asked). */
  record Names(
      String timeZone,
      boolean agentKnown,
      String queuePbxName,
      boolean dispositionKnown,
      Integer dataPosition) {}

  Future<Names> names(
      long tenantId, Long agentId, String queue, String disposition, String dataKey) {
    return db.query(
        dsl -> {
          String zone =
              dsl.select(TENANT.TIME_ZONE)
                  .from(TENANT)
                  .where(TENANT.ID.eq(tenantId))
                  .fetchOne(TENANT.TIME_ZONE);
          boolean agent =
              agentId == null
                  || dsl.fetchExists(AGENT, AGENT.TENANT_ID.eq(tenantId).and(AGENT.ID.eq(agentId)));
          String queueName =
              queue == null
                  ? null
                  : dsl.select(AGENT_GROUP.QUEUE_NAME)
                      .from(AGENT_GROUP)
                      .where(
                          AGENT_GROUP
                              .TENANT_ID
                              .eq(tenantId)
                              .and(
                                  AGENT_GROUP
                                      .QUEUE_NAME
                                      .eq(queue)
                                      // its short name (GET /api/queues: "support" for
                                      // acme-support) or its group's name
                                      .or(
                                          AGENT_GROUP.QUEUE_NAME.eq(
                                              DSL.concat(
                                                  DSL.field(
                                                      DSL.select(TENANT.DOMAIN)
                                                          .from(TENANT)
                                                          .where(TENANT.ID.eq(tenantId))),
                                                  DSL.inline("-"),
                                                  DSL.val(queue))))
                                      .or(
                                          DSL.lower(AGENT_GROUP.NAME)
                                              .eq(queue.toLowerCase(java.util.Locale.ROOT)))))
                      .limit(1)
                      .fetchOne(AGENT_GROUP.QUEUE_NAME);
          boolean dispositionKnown =
              disposition == null
                  || dsl.fetchExists(
                      DISPOSITION,
                      DISPOSITION.TENANT_ID.eq(tenantId).and(DISPOSITION.CODE.eq(disposition)));
          Integer position =
              dataKey == null
                  ? null
                  : dsl.select(ATTACHED_DATA_KEY.POSITION)
                      .from(ATTACHED_DATA_KEY)
                      .where(
                          ATTACHED_DATA_KEY
                              .TENANT_ID
                              .eq(tenantId)
                              .and(ATTACHED_DATA_KEY.KEY_NAME.eq(dataKey)))
                      .fetchOne(ATTACHED_DATA_KEY.POSITION);
          return new Names(
              zone == null ? "UTC" : zone, agent, queueName, dispositionKnown, position);
        });
  }

  private static List<Recording> recordings(DSLContext dsl, long t, long callRecordId) {
    return dsl.selectFrom(CALL_RECORDING)
        .where(CALL_RECORDING.TENANT_ID.eq(t).and(CALL_RECORDING.CALL_RECORD_ID.eq(callRecordId)))
        .orderBy(CALL_RECORDING.STARTED_AT, CALL_RECORDING.ID)
        .fetch(
            g ->
                new Recording(
                    g.getId(),
                    instant(g.getStartedAt()),
                    instant(g.getStoppedAt()),
                    g.getNote(),
                    g.getFileName()));
  }

  private static org.jooq.SelectOnConditionStep<? extends Record> summaries(
      DSLContext dsl, long t) {
    return dsl.select(
            CALL_RECORD.ID,
            CALL_RECORD.CALL_ID,
            CALL_RECORD.DIRECTION,
            CALL_RECORD.RESULT,
            CALL_RECORD.QUEUE_NAME,
            AGENT_GROUP.NAME,
            CALL_RECORD.AGENT_ID,
            APP_USER.DISPLAY_NAME,
            EXTENSION.NUMBER,
            CALL_RECORD.CALLER_NUMBER,
            CALL_RECORD.CALLER_NAME,
            CALL_RECORD.DIALED_NUMBER,
            CALL_RECORD.STARTED_AT,
            CALL_RECORD.ANSWERED_AT,
            CALL_RECORD.ENDED_AT,
            CALL_RECORD.WAIT_SECONDS,
            CALL_RECORD.TALK_SECONDS,
            CALL_RECORD.HELD_SECONDS,
            CALL_RECORD.DISPOSITION_CODE,
            DISPOSITION.LABEL,
            RECORDINGS)
        .from(CALL_RECORD)
        .leftJoin(AGENT)
        .on(AGENT.ID.eq(CALL_RECORD.AGENT_ID).and(AGENT.TENANT_ID.eq(t)))
        .leftJoin(APP_USER)
        .on(APP_USER.ID.eq(AGENT.USER_ID))
        .leftJoin(EXTENSION)
        .on(EXTENSION.ID.eq(AGENT.EXTENSION_ID))
        .leftJoin(AGENT_GROUP)
        .on(AGENT_GROUP.TENANT_ID.eq(t).and(AGENT_GROUP.QUEUE_NAME.eq(CALL_RECORD.QUEUE_NAME)))
        .leftJoin(DISPOSITION)
        .on(DISPOSITION.TENANT_ID.eq(t).and(DISPOSITION.CODE.eq(CALL_RECORD.DISPOSITION_CODE)));
  }

  private static CallSummary summary(Record r) {
    Long agentId = r.get(CALL_RECORD.AGENT_ID);
    return new CallSummary(
        r.get(CALL_RECORD.ID),
        r.get(CALL_RECORD.CALL_ID),
        r.get(CALL_RECORD.DIRECTION),
        r.get(CALL_RECORD.RESULT),
        r.get(CALL_RECORD.QUEUE_NAME),
        r.get(AGENT_GROUP.NAME),
        agentId == null
            ? null
            : new Party(agentId, r.get(APP_USER.DISPLAY_NAME), r.get(EXTENSION.NUMBER)),
        r.get(CALL_RECORD.CALLER_NUMBER),
        r.get(CALL_RECORD.CALLER_NAME),
        r.get(CALL_RECORD.DIALED_NUMBER),
        instant(r.get(CALL_RECORD.STARTED_AT)),
        instant(r.get(CALL_RECORD.ANSWERED_AT)),
        instant(r.get(CALL_RECORD.ENDED_AT)),
        r.get(CALL_RECORD.WAIT_SECONDS),
        r.get(CALL_RECORD.TALK_SECONDS),
        r.get(CALL_RECORD.HELD_SECONDS),
        r.get(CALL_RECORD.DISPOSITION_CODE),
        r.get(DISPOSITION.LABEL),
        r.get(RECORDINGS));
  }

  /**
   * The caller's calls: any for an admin; else in one of its queues, or had by (or a leg of) one of
   * its agents.
   */
  private static Condition inScope(HistoryScope scope) {
    if (scope.wholeTenant()) {
      return DSL.trueCondition();
    }
    Condition c = involves(scope.tenantId(), scope.agents());
    return scope.queues().isEmpty() ? c : c.or(CALL_RECORD.QUEUE_NAME.in(scope.queues()));
  }

  private static Condition involves(long t, Set<Long> agents) {
    if (agents.isEmpty()) {
      return DSL.falseCondition();
    }
    return CALL_RECORD
        .AGENT_ID
        .in(agents)
        .or(
            DSL.exists(
                DSL.selectOne()
                    .from(CALL_PARTY)
                    .where(
                        CALL_PARTY
                            .TENANT_ID
                            .eq(t)
                            .and(CALL_PARTY.CALL_RECORD_ID.eq(CALL_RECORD.ID))
                            .and(CALL_PARTY.AGENT_ID.in(agents)))));
  }

  private static OffsetDateTime utc(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
