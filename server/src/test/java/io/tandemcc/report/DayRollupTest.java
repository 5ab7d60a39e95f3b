package io.tandemcc.report;

import static io.tandemcc.db.generated.Tables.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.db.Database;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The day rollup (V24) gives the raw figures: each report run with the rollup (closed days from it,
 * today live) and without it (every day from the raw rows) over the same fixture must give the very
 * same rows, per day and for the whole period, per agent and per group, across a DST day and states
 * over midnight, after a late state row for a day already rolled up, after a change of the tenant's
 * time zone, and with the last day still going on.
 */
@DisplayName("Day rollup: the same figures as the raw state history")
class DayRollupTest {
  private Database db;
  private TestTenant t;
  private ReportFixture fixture;

  @BeforeEach
  void setUp() {
    db = TestServer.get().database();
    t = TestTenants.create(db, "rollup");
    // Europe/Berlin: 2026-03-28 is 24 h, 2026-03-29 (clocks forward) 23 h; states over both
    // midnights, a pause
    // going on over midnight, calls on both sides of it
    fixture =
        new ReportFixture(db, t, "Europe/Berlin")
            .state(t.aliceAgent(), "2026-03-27T20:00:00Z", "NOT_READY", "break", "IDLE", null)
            .state(t.aliceAgent(), "2026-03-28T21:00:00Z", "READY", null, "IDLE", null)
            .state(t.aliceAgent(), "2026-03-28T22:50:00Z", "READY", null, "RINGING", "c1")
            .state(t.aliceAgent(), "2026-03-28T22:50:30Z", "READY", null, "TALKING", "c1")
            .state(t.aliceAgent(), "2026-03-28T23:10:00Z", "WRAPUP", null, "IDLE", null)
            .state(t.aliceAgent(), "2026-03-28T23:11:00Z", "READY", null, "IDLE", null)
            .state(t.aliceAgent(), "2026-03-29T00:30:00Z", "NOT_READY", "break", "IDLE", null)
            .state(t.aliceAgent(), "2026-03-29T01:30:00Z", "READY", null, "IDLE", null)
            .state(t.aliceAgent(), "2026-03-29T02:00:00Z", "READY", null, "RINGING", "c2")
            .state(t.aliceAgent(), "2026-03-29T02:00:20Z", "READY", null, "IDLE", null)
            .state(t.aliceAgent(), "2026-03-29T02:05:00Z", "READY", null, "DIALING", "c3")
            .state(t.aliceAgent(), "2026-03-29T02:05:10Z", "READY", null, "TALKING", "c3")
            .state(t.aliceAgent(), "2026-03-29T02:06:10Z", "READY", null, "HELD", "c3")
            .state(t.aliceAgent(), "2026-03-29T02:07:10Z", "READY", null, "TALKING", "c3")
            .state(t.aliceAgent(), "2026-03-29T02:08:10Z", "WRAPUP", null, "IDLE", null)
            .state(t.aliceAgent(), "2026-03-29T02:08:40Z", "NOT_READY", "lunch", "IDLE", null)
            .state(t.aliceAgent(), "2026-03-29T21:30:00Z", "NOT_READY", "lunch", "TALKING", "c4")
            .state(t.aliceAgent(), "2026-03-29T22:30:00Z", "NOT_READY", "lunch", "IDLE", null)
            .state(t.aliceAgent(), "2026-03-30T03:00:00Z", "LOGGED_OUT", null, "IDLE", null)
            .state(t.bobAgent(), "2026-03-28T19:00:00Z", "NOT_READY", "break", "IDLE", null)
            .state(t.bobAgent(), "2026-03-28T23:30:00Z", "NOT_READY", "lunch", "IDLE", null)
            .state(t.bobAgent(), "2026-03-29T00:00:00Z", "LOGGED_OUT", null, "IDLE", null)
            .state(t.bobAgent(), "2026-03-30T07:00:00Z", "READY", null, "RINGING", "c5")
            .state(t.bobAgent(), "2026-03-30T07:00:05Z", "READY", null, "TALKING", "c5")
            .state(t.bobAgent(), "2026-03-30T07:10:00Z", "READY", null, "IDLE", null);
  }

  @Test
  @DisplayName(
      "per day and per period, per agent and per group: rollup rows equal raw rows, and the rollup is filled")
  void rollupEqualsRaw() {
    assertSame(Instant.parse("2026-12-01T00:00:00Z"));
    // every closed day of both agents is in the rollup now (27th .. 30th: 4 days each)
    assertThat(rolledUpDays("Europe/Berlin")).isEqualTo(8);
    assertSame(Instant.parse("2026-12-01T00:00:00Z")); // the second time read from the rollup alone
  }

  @Test
  @DisplayName(
      "a state row written late for a rolled-up day makes its days stale, and the figures follow it")
  void lateRowInvalidates() {
    List<List<Object>> before =
        run(
            new AgentReport(true),
            ReportInterval.DAY,
            false,
            Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(rolledUpDays("Europe/Berlin")).isEqualTo(8);
    // a journal replay writes a pause of bob's on the 28th (local 22:00 to his 23:30Z lunch)
    fixture.state(t.bobAgent(), "2026-03-28T21:00:00Z", "NOT_READY", "meeting", "IDLE", null);
    assertThat(rolledUpDays("Europe/Berlin")).as("bob's 28th .. 30th are forgotten").isEqualTo(5);
    List<List<Object>> after =
        run(
            new AgentReport(true),
            ReportInterval.DAY,
            false,
            Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(after).isNotEqualTo(before);
    assertSame(Instant.parse("2026-12-01T00:00:00Z"));
  }

  @Test
  @DisplayName(
      "after the tenant's time zone changes, days are local days of the new zone, as the raw query says")
  void zoneChange() {
    assertSame(Instant.parse("2026-12-01T00:00:00Z"));
    db.dsl()
        .update(TENANT)
        .set(TENANT.TIME_ZONE, "America/New_York")
        .where(TENANT.ID.eq(t.id()))
        .execute();
    assertSame(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(rolledUpDays("America/New_York")).isEqualTo(8);
  }

  @Test
  @DisplayName(
      "with the last day still going on, the closed days come from the rollup and today from the raw rows")
  void todayIsLive() {
    Instant now = Instant.parse("2026-03-30T07:05:00Z"); // bob is on a call, alice signed out
    assertSame(now);
    assertThat(rolledUpDays("Europe/Berlin")).as("27th .. 29th only").isEqualTo(6);
  }

  private void assertSame(Instant now) {
    for (ReportInterval interval : List.of(ReportInterval.DAY, ReportInterval.PERIOD)) {
      assertThat(run(new AgentReport(true), interval, false, now))
          .as("agents per " + interval)
          .isEqualTo(run(new AgentReport(false), interval, false, now))
          .isNotEmpty();
      assertThat(run(new PauseReport(true), interval, false, now))
          .as("pauses per " + interval)
          .isEqualTo(run(new PauseReport(false), interval, false, now))
          .isNotEmpty();
      assertThat(run(new PauseReport(true), interval, true, now))
          .as("pauses per group per " + interval)
          .isEqualTo(run(new PauseReport(false), interval, true, now))
          .isNotEmpty();
    }
  }

  private List<List<Object>> run(
      Report report, ReportInterval interval, boolean byGroup, Instant now) {
    String zoneName =
        db.dsl()
            .select(TENANT.TIME_ZONE)
            .from(TENANT)
            .where(TENANT.ID.eq(t.id()))
            .fetchOne()
            .value1();
    ZoneId zone = ZoneId.of(zoneName);
    ReportPeriod period =
        ReportPeriod.parse("2026-03-27", "2026-03-30", interval.wireName(), zone, interval);
    ReportRequest request = new ReportRequest(t.id(), period, null, null, 0, 100, byGroup, now);
    List<Subject> subjects =
        byGroup
            ? List.of(new Subject(t.supportGroup(), "q", "Support", 20))
            : List.of(
                new Subject(t.aliceAgent(), "1", "alice", 0),
                new Subject(t.bobAgent(), "2", "bob", 0));
    List<List<Object>> rows = new ArrayList<>();
    db.dsl()
        .transaction(
            cfg -> {
              DSLContext tx = DSL.using(cfg);
              List<String> columns = report.columns(tx, request);
              Sql.useZone(tx, zoneName);
              report.rows(
                  tx,
                  request,
                  columns,
                  subjects,
                  new RowSink() {
                    @Override
                    public void columns(List<String> names) {}

                    @Override
                    public void row(List<Object> cells) {
                      rows.add(cells);
                    }
                  });
            });
    return rows;
  }

  private int rolledUpDays(String zone) {
    return db.dsl()
        .fetchCount(
            DSL.table("agent_day_rollup"),
            DSL.field("tenant_id").eq(t.id()).and(DSL.field("zone").eq(zone)));
  }
}
