package io.tandemcc.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.db.Database;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import java.time.Instant;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The warmer fills the closed days of the last {@link RollupWarmer#DAYS} local days ahead of the
 * first report, the same rows a report would have filled, and leaves today (still going on) to the
 * raw rows.
 */
@DisplayName("Day rollup filled ahead: closed days of the last weeks, never today")
class RollupWarmerTest {
  private final Database db = TestServer.get().database();

  @Test
  @DisplayName(
      "every agent of an active tenant gets its closed days, today none; a second round adds nothing")
  void fillsClosedDaysAhead() {
    TestTenant t = TestTenants.create(db, "warm");
    Instant now =
        Instant.parse("2026-03-30T10:00:00Z"); // 12:00 in Berlin: the 30th is still going on
    new ReportFixture(db, t, "Europe/Berlin")
        .state(t.aliceAgent(), "2026-03-28T08:00:00Z", "READY", null, "IDLE", null)
        .state(t.aliceAgent(), "2026-03-29T09:00:00Z", "NOT_READY", "break", "IDLE", null)
        .state(t.bobAgent(), "2026-03-29T10:00:00Z", "READY", null, "IDLE", null);
    long agents = db.dsl().fetchCount(DSL.table("agent"), DSL.field("tenant_id").eq(t.id()));

    var onlyThis = io.tandemcc.db.generated.Tables.TENANT.ID.eq(t.id());
    assertThat(RollupWarmer.warm(db.dsl(), now, onlyThis)).isEqualTo(1);

    assertThat(days(t))
        .as("%d agents × %d closed days", agents, RollupWarmer.DAYS)
        .isEqualTo(agents * RollupWarmer.DAYS);
    assertThat(
            db.dsl()
                .fetchCount(
                    DSL.table("agent_day_rollup"),
                    DSL.field("tenant_id")
                        .eq(t.id())
                        .and(
                            DSL.field("day_start")
                                .ge(
                                    DSL.val(
                                        Instant.parse("2026-03-29T22:00:00Z")
                                            .atOffset(java.time.ZoneOffset.UTC))))))
        .as("today, still going on, is never rolled up")
        .isZero();
    RollupWarmer.warm(db.dsl(), now, onlyThis);
    assertThat(days(t))
        .as("a second round finds every day there")
        .isEqualTo(agents * RollupWarmer.DAYS);
  }

  private long days(TestTenant t) {
    return db.dsl()
        .fetchCount(
            DSL.table("agent_day_rollup"),
            DSL.field("tenant_id").eq(t.id()).and(DSL.field("zone").eq("Europe/Berlin")));
  }
}
