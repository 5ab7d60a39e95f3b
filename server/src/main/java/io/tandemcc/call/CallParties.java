package io.tandemcc.call;

import static io.tandemcc.db.generated.Tables.CALL_HOLD;
import static io.tandemcc.db.generated.Tables.CALL_PARTY;
import static io.tandemcc.db.generated.Tables.CALL_RECORD;
import static io.tandemcc.db.generated.Tables.CALL_RECORDING;

import io.tandemcc.db.Database;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.impl.DSL;

/**
 * The call-control facts of a call record: hold time, transfers, every agent leg, recordings.
 * Blocking: runs on the call verticle's ordered worker queue, after the record itself was created.
 */
public final class CallParties {
  private final Database db;

  public CallParties(Database db) {
    this.db = db;
  }

  /** The same database, for the conference facts ({@link ConferenceParties}). */
  Database database() {
    return db;
  }

  /**
   * The customer was held from {@code since} to {@code until}: counted on the record, kept for the
   * timeline.
   */
  public void heldBlocking(long tenantId, String callId, Instant since, Instant until) {
    int seconds = (int) java.time.Duration.between(since, until).toSeconds();
    db.dsl()
        .update(CALL_RECORD)
        .set(CALL_RECORD.HELD_SECONDS, CALL_RECORD.HELD_SECONDS.plus(seconds))
        .set(CALL_RECORD.HOLD_COUNT, CALL_RECORD.HOLD_COUNT.plus(1))
        .where(CALL_RECORD.TENANT_ID.eq(tenantId).and(CALL_RECORD.CALL_ID.eq(callId)))
        .execute();
    Long record = recordId(tenantId, callId);
    if (record != null) {
      db.dsl()
          .insertInto(CALL_HOLD)
          .set(CALL_HOLD.TENANT_ID, tenantId)
          .set(CALL_HOLD.CALL_RECORD_ID, record)
          .set(CALL_HOLD.HELD_AT, utc(since))
          .set(CALL_HOLD.RESUMED_AT, utc(until))
          .execute();
    }
  }

  public void transferredBlocking(long tenantId, String callId) {
    db.dsl()
        .update(CALL_RECORD)
        .set(CALL_RECORD.TRANSFER_COUNT, CALL_RECORD.TRANSFER_COUNT.plus(1))
        .where(CALL_RECORD.TENANT_ID.eq(tenantId).and(CALL_RECORD.CALL_ID.eq(callId)))
        .execute();
  }

  public void joinedBlocking(
      long tenantId, String callId, long agentId, String channelId, String role, Instant at) {
    Long record = recordId(tenantId, callId);
    if (record == null) {
      return;
    }
    db.dsl()
        .insertInto(CALL_PARTY)
        .set(CALL_PARTY.TENANT_ID, tenantId)
        .set(CALL_PARTY.CALL_RECORD_ID, record)
        .set(CALL_PARTY.AGENT_ID, agentId)
        .set(CALL_PARTY.CHANNEL_ID, channelId)
        .set(CALL_PARTY.ROLE, role)
        .set(CALL_PARTY.JOINED_AT, utc(at))
        .onConflict(CALL_PARTY.CALL_RECORD_ID, CALL_PARTY.CHANNEL_ID)
        .doNothing()
        .execute();
  }

  public void answeredBlocking(long tenantId, String channelId, Instant at) {
    db.dsl()
        .update(CALL_PARTY)
        .set(CALL_PARTY.ANSWERED_AT, utc(at))
        .where(
            CALL_PARTY
                .TENANT_ID
                .eq(tenantId)
                .and(CALL_PARTY.CHANNEL_ID.eq(channelId))
                .and(CALL_PARTY.ANSWERED_AT.isNull()))
        .execute();
  }

  public void leftBlocking(long tenantId, String channelId, String reason, Instant at) {
    db.dsl()
        .update(CALL_PARTY)
        .set(CALL_PARTY.LEFT_AT, utc(at))
        .set(CALL_PARTY.END_REASON, DSL.coalesce(CALL_PARTY.END_REASON, DSL.val(reason)))
        .where(
            CALL_PARTY
                .TENANT_ID
                .eq(tenantId)
                .and(CALL_PARTY.CHANNEL_ID.eq(channelId))
                .and(CALL_PARTY.LEFT_AT.isNull()))
        .execute();
  }

  /** Marks how the leg will end before its hang-up arrives (e.g. it transferred the call). */
  public void endReasonBlocking(long tenantId, String channelId, String reason) {
    db.dsl()
        .update(CALL_PARTY)
        .set(CALL_PARTY.END_REASON, reason)
        .where(CALL_PARTY.TENANT_ID.eq(tenantId).and(CALL_PARTY.CHANNEL_ID.eq(channelId)))
        .execute();
  }

  public void recordingBlocking(
      long tenantId, String callId, String channelId, boolean started, Instant at) {
    recordingBlocking(tenantId, callId, channelId, started, at, null);
  }

  /**
   * @param file the file the recording was asked into; null: the name {@link #fileName} gives for
   *     {@code at}
   */
  public void recordingBlocking(
      long tenantId, String callId, String channelId, boolean started, Instant at, String file) {
    Long record = recordId(tenantId, callId);
    if (record == null) {
      return;
    }
    if (started) {
      db.dsl()
          .insertInto(CALL_RECORDING)
          .set(CALL_RECORDING.TENANT_ID, tenantId)
          .set(CALL_RECORDING.CALL_RECORD_ID, record)
          .set(CALL_RECORDING.CHANNEL_ID, channelId)
          .set(CALL_RECORDING.FILE_NAME, file != null ? file : fileName(tenantId, callId, at))
          .set(CALL_RECORDING.STARTED_AT, utc(at))
          .execute();
    } else {
      db.dsl()
          .update(CALL_RECORDING)
          .set(CALL_RECORDING.STOPPED_AT, utc(at))
          .where(
              CALL_RECORDING
                  .CALL_RECORD_ID
                  .eq(record)
                  .and(CALL_RECORDING.CHANNEL_ID.eq(channelId))
                  .and(CALL_RECORDING.STOPPED_AT.isNull()))
          .execute();
    }
  }

  /** Where the PBX writes a recording of a call: one folder per tenant id. */
  public static String fileName(long tenantId, String callId, Instant at) {
    return tenantId + "/" + callId + "-" + at.toEpochMilli() + ".wav";
  }

  private Long recordId(long tenantId, String callId) {
    return db.dsl()
        .select(CALL_RECORD.ID)
        .from(CALL_RECORD)
        .where(CALL_RECORD.TENANT_ID.eq(tenantId).and(CALL_RECORD.CALL_ID.eq(callId)))
        .fetchOne(CALL_RECORD.ID);
  }

  private static OffsetDateTime utc(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }
}
