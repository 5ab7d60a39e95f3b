package io.tandemcc.call;

import static io.tandemcc.db.generated.Tables.CALL_PARTY;
import static io.tandemcc.db.generated.Tables.CALL_RECORD;

import io.tandemcc.db.Database;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The conference facts of a call record: every party that entered the room gets a {@code
 * call_party} row (role {@code conference}) unless its leg has one already (the agent who had the
 * call). Leaving is {@link CallParties#leftBlocking}. Blocking: on the call verticle's ordered
 * worker queue.
 */
final class ConferenceParties {
  private final Database db;

  ConferenceParties(Database db) {
    this.db = db;
  }

  void joinedBlocking(long tenantId, String callId, Conference.Party p, Instant at) {
    Long record =
        db.dsl()
            .select(CALL_RECORD.ID)
            .from(CALL_RECORD)
            .where(CALL_RECORD.TENANT_ID.eq(tenantId).and(CALL_RECORD.CALL_ID.eq(callId)))
            .fetchOne(CALL_RECORD.ID);
    if (record == null) {
      return;
    }
    db.dsl()
        .insertInto(CALL_PARTY)
        .set(CALL_PARTY.TENANT_ID, tenantId)
        .set(CALL_PARTY.CALL_RECORD_ID, record)
        .set(CALL_PARTY.AGENT_ID, p.agentId)
        .set(CALL_PARTY.CHANNEL_ID, p.channelId)
        .set(CALL_PARTY.ROLE, PartyRole.CONFERENCE.dbValue())
        .set(CALL_PARTY.PARTY_KIND, p.kind)
        .set(CALL_PARTY.NUMBER, p.number)
        .set(CALL_PARTY.DISPLAY_NAME, p.displayName)
        .set(CALL_PARTY.JOINED_AT, at.atOffset(ZoneOffset.UTC))
        .set(CALL_PARTY.ANSWERED_AT, at.atOffset(ZoneOffset.UTC))
        .onConflict(CALL_PARTY.CALL_RECORD_ID, CALL_PARTY.CHANNEL_ID)
        .doNothing()
        .execute();
  }
}
