package io.tandemcc.call;

import static io.tandemcc.db.generated.Tables.AGENT_GROUP;
import static io.tandemcc.db.generated.Tables.ATTACHED_DATA_KEY;
import static io.tandemcc.db.generated.Tables.CALL_ATTACHED_DATA;
import static io.tandemcc.db.generated.Tables.CALL_RECORD;
import static io.tandemcc.db.generated.Tables.POPUP_RULE;

import io.tandemcc.agent.CallKind;
import io.tandemcc.call.CallSettings.PopupRule;
import io.tandemcc.db.Database;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call records (one per customer call, for reports) and their attached data. The blocking
 * methods run on the call verticle's ordered worker queue, so the writes of one call are applied in
 * the order of events.
 */
public final class CallRecords {
  private static final Logger LOG = LoggerFactory.getLogger(CallRecords.class);
  private final Database db;

  public CallRecords(Database db) {
    this.db = db;
  }

  /**
   * The new facts about a call; null fields change nothing. Built with the named factories below
   * (one per moment of the call), not field by field.
   */
  public record Update(
      CallKind kind,
      String queue,
      Long agentId,
      String callerNumber,
      String callerName,
      String dialedNumber,
      Instant offeredAt,
      Instant answeredAt,
      Instant endedAt,
      Integer waitSeconds,
      CallOutcome outcome) {
    /** A customer joined the queue (no agent is offered it yet). */
    static Update queued(String queue, String callerNumber, String callerName) {
      return new Update(
          CallKind.QUEUE,
          queue,
          null,
          callerNumber,
          callerName,
          null,
          null,
          null,
          null,
          null,
          null);
    }

    /** The queue offered the call to an agent. */
    static Update offeredFromQueue(
        String queue, String callerNumber, String callerName, Instant at) {
      return new Update(
          CallKind.QUEUE, queue, null, callerNumber, callerName, null, at, null, null, null, null);
    }

    /** A direct call rang its first agent, who owns the record. */
    static Update directTo(long agentId, String callerNumber, String callerName, Instant at) {
      return new Update(
          CallKind.DIRECT,
          null,
          agentId,
          callerNumber,
          callerName,
          null,
          at,
          null,
          null,
          null,
          null);
    }

    /**
     * A direct call rang another agent (consulted or taking a transfer): the record keeps its owner
     * and caller.
     */
    static Update directAlsoOffered(Instant at) {
      return new Update(CallKind.DIRECT, null, null, null, null, null, at, null, null, null, null);
    }

    /** The agent dialled a number ({@code customerName}: a click-to-dial's, or null). */
    static Update dialled(long agentId, String customerName, String number, Instant at) {
      return new Update(
          CallKind.OUTBOUND, null, agentId, null, customerName, number, at, null, null, null, null);
    }

    /**
     * A call found in progress when the PBX link came up; {@code number} is the caller's or the
     * dialled one.
     */
    static Update found(
        CallKind kind, long agentId, String number, String name, Instant startedAt) {
      boolean outbound = kind == CallKind.OUTBOUND;
      return new Update(
          kind,
          null,
          agentId,
          outbound ? null : number,
          outbound ? null : name,
          outbound ? number : null,
          startedAt,
          null,
          null,
          null,
          null);
    }

    /** The agent answered; {@code waitSeconds}: the queue's hold time, null for other calls. */
    static Update answered(long agentId, Instant at, Integer waitSeconds) {
      return new Update(
          null, null, agentId, null, null, null, null, at, null, waitSeconds, CallOutcome.ANSWERED);
    }

    /** The call has a new owner (an attended transfer completed). */
    static Update ownedBy(long agentId) {
      return new Update(null, null, agentId, null, null, null, null, null, null, null, null);
    }

    static Update ended(Instant at) {
      return new Update(null, null, null, null, null, null, null, null, at, null, null);
    }

    /** The call ended before anybody answered it. */
    static Update endedUnanswered(Instant at, CallOutcome outcome) {
      return new Update(null, null, null, null, null, null, null, null, at, null, outcome);
    }

    /** The customer hung up in the queue after {@code waitSeconds}. */
    static Update abandoned(Instant at, int waitSeconds) {
      return new Update(
          null, null, null, null, null, null, null, null, at, waitSeconds, CallOutcome.ABANDONED);
    }
  }

  /** Creates the record if needed and applies the update. */
  public void upsertBlocking(long tenantId, String callId, Instant at, Update u) {
    db.dsl()
        .transaction(
            cfg -> {
              DSLContext dsl = org.jooq.impl.DSL.using(cfg);
              dsl.insertInto(CALL_RECORD)
                  .set(CALL_RECORD.TENANT_ID, tenantId)
                  .set(CALL_RECORD.CALL_ID, callId)
                  .set(CALL_RECORD.KIND, u.kind() == null ? "queue" : wireKind(u.kind()))
                  .set(CALL_RECORD.STARTED_AT, utc(at))
                  .onConflict(CALL_RECORD.TENANT_ID, CALL_RECORD.CALL_ID)
                  .doNothing()
                  .execute();
              var update = dsl.update(CALL_RECORD).set(CALL_RECORD.CALL_ID, callId);
              if (u.queue() != null) {
                update = update.set(CALL_RECORD.QUEUE_NAME, u.queue());
              }
              if (u.agentId() != null) {
                update = update.set(CALL_RECORD.AGENT_ID, u.agentId());
              }
              if (u.callerNumber() != null) {
                update = update.set(CALL_RECORD.CALLER_NUMBER, cut(u.callerNumber(), 64));
              }
              if (u.callerName() != null) {
                update = update.set(CALL_RECORD.CALLER_NAME, cut(u.callerName(), 128));
              }
              if (u.dialedNumber() != null) {
                update = update.set(CALL_RECORD.DIALED_NUMBER, cut(u.dialedNumber(), 64));
              }
              if (u.offeredAt() != null) {
                update =
                    update.set(
                        CALL_RECORD.OFFERED_AT,
                        org.jooq.impl.DSL.coalesce(CALL_RECORD.OFFERED_AT, utc(u.offeredAt())));
              }
              if (u.answeredAt() != null) {
                update =
                    update.set(
                        CALL_RECORD.ANSWERED_AT,
                        org.jooq.impl.DSL.coalesce(CALL_RECORD.ANSWERED_AT, utc(u.answeredAt())));
              }
              if (u.endedAt() != null) {
                update =
                    update
                        .set(CALL_RECORD.ENDED_AT, utc(u.endedAt()))
                        .set(
                            CALL_RECORD.TALK_SECONDS,
                            org.jooq.impl.DSL.when(
                                CALL_RECORD.ANSWERED_AT.isNotNull(),
                                org.jooq.impl.DSL.field(
                                    "cast(extract(epoch from ({0} - {1})) as integer)",
                                    Integer.class,
                                    org.jooq.impl.DSL.val(utc(u.endedAt())),
                                    CALL_RECORD.ANSWERED_AT)));
              }
              if (u.waitSeconds() != null) {
                update = update.set(CALL_RECORD.WAIT_SECONDS, u.waitSeconds());
              }
              if (u.outcome() != null) {
                update = update.set(CALL_RECORD.OUTCOME, u.outcome().dbValue());
              }
              update
                  .where(CALL_RECORD.TENANT_ID.eq(tenantId).and(CALL_RECORD.CALL_ID.eq(callId)))
                  .execute();
            });
  }

  /** The call was placed by a CRM's click-to-dial (its record is an outbound call otherwise). */
  public void clickToDialBlocking(long tenantId, String callId) {
    db.dsl()
        .update(CALL_RECORD)
        .set(CALL_RECORD.CLICK_TO_DIAL, true)
        .where(CALL_RECORD.TENANT_ID.eq(tenantId).and(CALL_RECORD.CALL_ID.eq(callId)))
        .execute();
  }

  /** Stores attached data by position; values from the PBX never overwrite what a CRM pushed. */
  public void attachBlocking(
      long tenantId, String callId, Map<Integer, String> values, String source) {
    DSLContext dsl = db.dsl();
    Long recordId =
        dsl.select(CALL_RECORD.ID)
            .from(CALL_RECORD)
            .where(CALL_RECORD.TENANT_ID.eq(tenantId).and(CALL_RECORD.CALL_ID.eq(callId)))
            .fetchOne(CALL_RECORD.ID);
    if (recordId == null) {
      LOG.warn("tenant {}: attached data for unknown call {} not stored", tenantId, callId);
      return;
    }
    for (var e : values.entrySet()) {
      var insert =
          dsl.insertInto(CALL_ATTACHED_DATA)
              .set(CALL_ATTACHED_DATA.TENANT_ID, tenantId)
              .set(CALL_ATTACHED_DATA.CALL_RECORD_ID, recordId)
              .set(CALL_ATTACHED_DATA.POSITION, e.getKey())
              .set(CALL_ATTACHED_DATA.VALUE, cut(e.getValue(), 1024))
              .set(CALL_ATTACHED_DATA.SOURCE, source)
              .onConflict(CALL_ATTACHED_DATA.CALL_RECORD_ID, CALL_ATTACHED_DATA.POSITION);
      if (source.equals("api")) {
        insert
            .doUpdate()
            .set(CALL_ATTACHED_DATA.VALUE, cut(e.getValue(), 1024))
            .set(CALL_ATTACHED_DATA.SOURCE, source)
            .execute();
      } else {
        insert.doNothing().execute();
      }
    }
  }

  /** A call record as reports read it. */
  public record CallRecord(
      String callId,
      String kind,
      String queue,
      Long agentId,
      String callerNumber,
      Instant offeredAt,
      Instant answeredAt,
      Instant endedAt,
      Integer waitSeconds,
      Integer talkSeconds,
      String outcome,
      Map<Integer, String> attachedData) {}

  public Future<Optional<CallRecord>> find(long tenantId, String callId) {
    return db.query(
        dsl ->
            dsl.selectFrom(CALL_RECORD)
                .where(CALL_RECORD.TENANT_ID.eq(tenantId).and(CALL_RECORD.CALL_ID.eq(callId)))
                .fetchOptional()
                .map(
                    r ->
                        new CallRecord(
                            r.getCallId(),
                            r.getKind(),
                            r.getQueueName(),
                            r.getAgentId(),
                            r.getCallerNumber(),
                            instant(r.getOfferedAt()),
                            instant(r.getAnsweredAt()),
                            instant(r.getEndedAt()),
                            r.getWaitSeconds(),
                            r.getTalkSeconds(),
                            r.getOutcome(),
                            dsl.select(CALL_ATTACHED_DATA.POSITION, CALL_ATTACHED_DATA.VALUE)
                                .from(CALL_ATTACHED_DATA)
                                .where(
                                    CALL_ATTACHED_DATA
                                        .TENANT_ID
                                        .eq(tenantId)
                                        .and(CALL_ATTACHED_DATA.CALL_RECORD_ID.eq(r.getId())))
                                .fetchMap(CALL_ATTACHED_DATA.POSITION, CALL_ATTACHED_DATA.VALUE))));
  }

  /**
   * The tenant's attached-data key names and active popup rules (rules with an invalid template are
   * skipped).
   */
  public Future<CallSettings> settings(long tenantId) {
    return db.query(
        dsl -> {
          Map<Integer, String> keys =
              dsl.select(ATTACHED_DATA_KEY.POSITION, ATTACHED_DATA_KEY.KEY_NAME)
                  .from(ATTACHED_DATA_KEY)
                  .where(ATTACHED_DATA_KEY.TENANT_ID.eq(tenantId))
                  .fetchMap(ATTACHED_DATA_KEY.POSITION, ATTACHED_DATA_KEY.KEY_NAME);
          List<PopupRule> rules =
              dsl
                  .selectFrom(POPUP_RULE)
                  .where(POPUP_RULE.TENANT_ID.eq(tenantId).and(POPUP_RULE.ACTIVE.isTrue()))
                  .fetch()
                  .stream()
                  .flatMap(
                      r -> {
                        try {
                          return java.util.stream.Stream.of(
                              new PopupRule(
                                  r.getQueueName(),
                                  CallSettings.kindsOf(r.getCallKind()),
                                  PopupTemplate.parse(r.getUrlTemplate()),
                                  r.getOpenOn()));
                        } catch (IllegalArgumentException e) {
                          LOG.warn(
                              "tenant {}: popup rule {} ignored: {}",
                              tenantId,
                              r.getId(),
                              e.getMessage());
                          return java.util.stream.Stream.empty();
                        }
                      })
                  .toList();
          Map<String, String> queueLabels =
              dsl.select(AGENT_GROUP.QUEUE_NAME, AGENT_GROUP.NAME)
                  .from(AGENT_GROUP)
                  .where(AGENT_GROUP.TENANT_ID.eq(tenantId))
                  .fetchMap(AGENT_GROUP.QUEUE_NAME, AGENT_GROUP.NAME);
          return new CallSettings(keys, rules, queueLabels);
        });
  }

  static String wireKind(CallKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static String cut(String s, int max) {
    return s.length() > max ? s.substring(0, max) : s;
  }

  private static OffsetDateTime utc(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
