package io.tandemcc.history;

import static io.tandemcc.db.generated.Tables.ATTACHED_DATA_KEY;
import static io.tandemcc.db.generated.Tables.CALL_ATTACHED_DATA;
import static io.tandemcc.db.generated.Tables.CALL_HOLD;
import static io.tandemcc.db.generated.Tables.CALL_PARTY;
import static io.tandemcc.db.generated.Tables.CALL_RECORD;
import static io.tandemcc.db.generated.Tables.CALL_RECORDING;
import static io.tandemcc.db.generated.Tables.DISPOSITION;
import static io.tandemcc.db.generated.Tables.TENANT;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;

/**
 * A tenant in Europe/Berlin (UTC+1 in January) with eight calls written the way the call verticle
 * writes them (the trigger of V20 names their direction and result), and one call of another
 * tenant. Times are UTC; the Berlin day of each call is what the tests expect:
 *
 * <pre>
 *  c7 01-13 12:00Z (Berlin 13th) queue support, alice answered, transferred to carol       inbound  transferred
 *  c1 01-14 08:00Z (Berlin 14th) queue support, alice answered, held 20 s, recorded, sale   inbound  answered
 *  c2 01-14 22:59:30Z (Berlin 14th 23:59:30, ends 15th 00:00:30) support, rang bob, abandoned after 60 s
 *  c3 01-14 23:30Z (Berlin 15th 00:30!) queue sales, carol answered                        inbound  answered
 *  c4 01-15 10:00Z bob dialled 0301234                                                      outbound answered
 *  c5 01-15 11:00Z direct from alice's extension 1001 to bob                               internal answered
 *  c6 01-15 12:00Z click-to-dial for alice                                             click_to_dial answered
 *  c8 01-15 13:00Z direct from +4930888 to carol, not answered                             inbound  missed
 * </pre>
 */
final class HistoryFixture {
  final TestTenant t;
  final TestTenant other;
  final long c1, c2, c3, c4, c5, c6, c7, c8, foreign;
  final long c1Recording;
  final long c3Recording;
  final long foreignRecording;
  final String admin, sam, alice, otherAdmin;

  HistoryFixture(Server server, Api api) {
    DSLContext dsl = server.database().dsl();
    t = TestTenants.create(server.database(), "hist");
    other = TestTenants.create(server.database(), "histother");
    dsl.update(TENANT).set(TENANT.TIME_ZONE, "Europe/Berlin").where(TENANT.ID.eq(t.id())).execute();
    dsl.insertInto(DISPOSITION)
        .set(DISPOSITION.TENANT_ID, t.id())
        .set(DISPOSITION.CODE, "sale")
        .set(DISPOSITION.LABEL, "Sale")
        .execute();
    dsl.insertInto(ATTACHED_DATA_KEY)
        .set(ATTACHED_DATA_KEY.TENANT_ID, t.id())
        .set(ATTACHED_DATA_KEY.POSITION, 1)
        .set(ATTACHED_DATA_KEY.KEY_NAME, "CustomerId")
        .set(ATTACHED_DATA_KEY.LABEL, "Customer number")
        .execute();
    dsl.insertInto(ATTACHED_DATA_KEY)
        .set(ATTACHED_DATA_KEY.TENANT_ID, t.id())
        .set(ATTACHED_DATA_KEY.POSITION, 2)
        .set(ATTACHED_DATA_KEY.KEY_NAME, "Language")
        .execute();

    c7 =
        call(
            dsl,
            "c7",
            "queue",
            "support",
            t.carolAgent(),
            "+4930777",
            null,
            "2026-01-13T12:00:00Z",
            "2026-01-13T12:00:10Z",
            "2026-01-13T12:05:00Z",
            "answered",
            5);
    dsl.update(CALL_RECORD)
        .set(CALL_RECORD.TRANSFER_COUNT, 1)
        .where(CALL_RECORD.ID.eq(c7))
        .execute();
    party(
        dsl,
        c7,
        t.aliceAgent(),
        "c7-a",
        "primary",
        "2026-01-13T12:00:05Z",
        "2026-01-13T12:00:10Z",
        "2026-01-13T12:02:00Z",
        "transferred");
    party(
        dsl,
        c7,
        t.carolAgent(),
        "c7-c",
        "transfer",
        "2026-01-13T12:02:00Z",
        "2026-01-13T12:02:05Z",
        "2026-01-13T12:05:00Z",
        "hangup");

    c1 =
        call(
            dsl,
            "c1",
            "queue",
            "support",
            t.aliceAgent(),
            "+4930111",
            null,
            "2026-01-14T08:00:00Z",
            "2026-01-14T08:00:10Z",
            "2026-01-14T08:02:10Z",
            "answered",
            10);
    dsl.update(CALL_RECORD)
        .set(CALL_RECORD.DISPOSITION_CODE, "sale")
        .set(CALL_RECORD.DISPOSITION_NOTE, "wants a quote")
        .set(CALL_RECORD.DISPOSITION_AGENT_ID, t.aliceAgent())
        .set(CALL_RECORD.DISPOSITION_AT, at("2026-01-14T08:02:30Z"))
        .set(CALL_RECORD.HOLD_COUNT, 1)
        .set(CALL_RECORD.HELD_SECONDS, 20)
        .where(CALL_RECORD.ID.eq(c1))
        .execute();
    party(
        dsl,
        c1,
        t.aliceAgent(),
        "c1-a",
        "primary",
        "2026-01-14T08:00:02Z",
        "2026-01-14T08:00:10Z",
        "2026-01-14T08:02:10Z",
        "hangup");
    dsl.insertInto(CALL_HOLD)
        .set(CALL_HOLD.TENANT_ID, t.id())
        .set(CALL_HOLD.CALL_RECORD_ID, c1)
        .set(CALL_HOLD.HELD_AT, at("2026-01-14T08:01:00Z"))
        .set(CALL_HOLD.RESUMED_AT, at("2026-01-14T08:01:20Z"))
        .execute();
    c1Recording =
        recording(
            dsl,
            t.id(),
            c1,
            "c1-a",
            t.id() + "/c1.wav",
            "2026-01-14T08:00:30Z",
            "2026-01-14T08:02:10Z",
            "angry customer");
    data(dsl, t.id(), c1, 1, "CRM-1");
    data(dsl, t.id(), c1, 2, "de");

    c2 =
        call(
            dsl,
            "c2",
            "queue",
            "support",
            null,
            "+4930222",
            null,
            "2026-01-14T22:59:30Z",
            null,
            "2026-01-14T23:00:30Z",
            "abandoned",
            60);
    party(
        dsl,
        c2,
        t.bobAgent(),
        "c2-b",
        "primary",
        "2026-01-14T22:59:35Z",
        null,
        "2026-01-14T22:59:50Z",
        "not_answered");
    data(dsl, t.id(), c2, 1, "CRM-2");

    c3 =
        call(
            dsl,
            "c3",
            "queue",
            "sales",
            t.carolAgent(),
            "+4930333",
            null,
            "2026-01-14T23:30:00Z",
            "2026-01-14T23:30:05Z",
            "2026-01-14T23:35:00Z",
            "answered",
            5);
    party(
        dsl,
        c3,
        t.carolAgent(),
        "c3-c",
        "primary",
        "2026-01-14T23:30:01Z",
        "2026-01-14T23:30:05Z",
        "2026-01-14T23:35:00Z",
        "hangup");
    c3Recording =
        recording(
            dsl,
            t.id(),
            c3,
            "c3-c",
            t.id() + "/c3.wav",
            "2026-01-14T23:30:05Z",
            "2026-01-14T23:35:00Z",
            null);

    c4 =
        call(
            dsl,
            "c4",
            "outbound",
            null,
            t.bobAgent(),
            "",
            "0301234",
            "2026-01-15T10:00:00Z",
            "2026-01-15T10:00:20Z",
            "2026-01-15T10:03:00Z",
            "answered",
            null);
    party(
        dsl,
        c4,
        t.bobAgent(),
        "c4-b",
        "primary",
        "2026-01-15T10:00:00Z",
        "2026-01-15T10:00:20Z",
        "2026-01-15T10:03:00Z",
        "hangup");
    c5 =
        call(
            dsl,
            "c5",
            "direct",
            null,
            t.bobAgent(),
            "1001",
            null,
            "2026-01-15T11:00:00Z",
            "2026-01-15T11:00:04Z",
            "2026-01-15T11:01:00Z",
            "answered",
            null);
    c6 =
        call(
            dsl,
            "c6",
            "outbound",
            null,
            t.aliceAgent(),
            "",
            "+15550100",
            "2026-01-15T12:00:00Z",
            "2026-01-15T12:00:09Z",
            "2026-01-15T12:04:00Z",
            "answered",
            null);
    dsl.update(CALL_RECORD)
        .set(CALL_RECORD.CLICK_TO_DIAL, true)
        .where(CALL_RECORD.ID.eq(c6))
        .execute();
    c8 =
        call(
            dsl,
            "c8",
            "direct",
            null,
            t.carolAgent(),
            "+4930888",
            null,
            "2026-01-15T13:00:00Z",
            null,
            "2026-01-15T13:00:30Z",
            "not_answered",
            null);

    foreign =
        callOf(
            dsl,
            other.id(),
            "f1",
            "queue",
            other.domain() + "-support",
            other.aliceAgent(),
            "+4930111",
            null,
            "2026-01-14T08:00:00Z",
            "2026-01-14T08:00:10Z",
            "2026-01-14T08:02:10Z",
            "answered",
            10);
    foreignRecording =
        recording(
            dsl,
            other.id(),
            foreign,
            "f1-a",
            other.id() + "/f1.wav",
            "2026-01-14T08:00:30Z",
            "2026-01-14T08:02:10Z",
            null);

    admin = token(api, t, "admin");
    sam = token(api, t, "sam");
    alice = token(api, t, "alice");
    otherAdmin = token(api, other, "admin");
  }

  static String token(Api api, TestTenant tenant, String user) {
    Api.Response r = api.post("/api/login", Api.login(user, TestTenants.PASSWORD, tenant.domain()));
    if (r.status() != 200) {
      throw new IllegalStateException("login of " + user + " failed: " + r.body());
    }
    return r.json().getString("accessToken");
  }

  private long call(
      DSLContext dsl,
      String callId,
      String kind,
      String queue,
      Long agent,
      String caller,
      String dialed,
      String started,
      String answered,
      String ended,
      String outcome,
      Integer wait) {
    return callOf(
        dsl,
        t.id(),
        callId,
        kind,
        queue == null ? null : t.domain() + "-" + queue,
        agent,
        caller,
        dialed,
        started,
        answered,
        ended,
        outcome,
        wait);
  }

  private static long callOf(
      DSLContext dsl,
      long tenant,
      String callId,
      String kind,
      String queue,
      Long agent,
      String caller,
      String dialed,
      String started,
      String answered,
      String ended,
      String outcome,
      Integer wait) {
    return dsl.insertInto(CALL_RECORD)
        .set(CALL_RECORD.TENANT_ID, tenant)
        .set(CALL_RECORD.CALL_ID, callId)
        .set(CALL_RECORD.KIND, kind)
        .set(CALL_RECORD.QUEUE_NAME, queue)
        .set(CALL_RECORD.AGENT_ID, agent)
        .set(CALL_RECORD.CALLER_NUMBER, caller)
        .set(CALL_RECORD.DIALED_NUMBER, dialed)
        .set(CALL_RECORD.STARTED_AT, at(started))
        .set(CALL_RECORD.OFFERED_AT, at(started))
        .set(CALL_RECORD.ANSWERED_AT, at(answered))
        .set(CALL_RECORD.ENDED_AT, at(ended))
        .set(CALL_RECORD.OUTCOME, outcome)
        .set(CALL_RECORD.WAIT_SECONDS, wait)
        .returning(CALL_RECORD.ID)
        .fetchOne(CALL_RECORD.ID);
  }

  private void party(
      DSLContext dsl,
      long call,
      long agent,
      String channel,
      String role,
      String joined,
      String answered,
      String left,
      String reason) {
    dsl.insertInto(CALL_PARTY)
        .set(CALL_PARTY.TENANT_ID, t.id())
        .set(CALL_PARTY.CALL_RECORD_ID, call)
        .set(CALL_PARTY.AGENT_ID, agent)
        .set(CALL_PARTY.CHANNEL_ID, channel)
        .set(CALL_PARTY.ROLE, role)
        .set(CALL_PARTY.JOINED_AT, at(joined))
        .set(CALL_PARTY.ANSWERED_AT, at(answered))
        .set(CALL_PARTY.LEFT_AT, at(left))
        .set(CALL_PARTY.END_REASON, reason)
        .execute();
  }

  static long recording(
      DSLContext dsl,
      long tenant,
      long call,
      String channel,
      String file,
      String started,
      String stopped,
      String note) {
    return dsl.insertInto(CALL_RECORDING)
        .set(CALL_RECORDING.TENANT_ID, tenant)
        .set(CALL_RECORDING.CALL_RECORD_ID, call)
        .set(CALL_RECORDING.CHANNEL_ID, channel)
        .set(CALL_RECORDING.FILE_NAME, file)
        .set(CALL_RECORDING.STARTED_AT, at(started))
        .set(CALL_RECORDING.STOPPED_AT, at(stopped))
        .set(CALL_RECORDING.NOTE, note)
        .returning(CALL_RECORDING.ID)
        .fetchOne(CALL_RECORDING.ID);
  }

  private static void data(DSLContext dsl, long tenant, long call, int position, String value) {
    dsl.insertInto(CALL_ATTACHED_DATA)
        .set(CALL_ATTACHED_DATA.TENANT_ID, tenant)
        .set(CALL_ATTACHED_DATA.CALL_RECORD_ID, call)
        .set(CALL_ATTACHED_DATA.POSITION, position)
        .set(CALL_ATTACHED_DATA.VALUE, value)
        .set(CALL_ATTACHED_DATA.SOURCE, "pbx")
        .execute();
  }

  static OffsetDateTime at(String iso) {
    return iso == null ? null : Instant.parse(iso).atOffset(ZoneOffset.UTC);
  }
}
