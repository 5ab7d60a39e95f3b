package io.tandemcc.report;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.TENANT;

import io.tandemcc.db.Database;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the day rollup ({@link DayRollup}) of every active tenant's agents for the closed days of
 * the last {@link #DAYS} local days, in the background, so that the first report of a month after
 * midnight (or after a restart, or a time-zone change) reads the rollup instead of computing a
 * month of days while its user waits (1 to 4 s at the benchmark's size). It computes what a report
 * would, with the same code and under the same lock, so the figures are the same whether a warmer
 * or a reader filled a day; a day already filled costs one index lookup.
 */
public final class RollupWarmer extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(RollupWarmer.class);

  /**
   * The days back filled: a month report, with room for the longest month and a late look at the
   * last one.
   */
  static final int DAYS = 35;

  /**
   * Agents filled per transaction. A fill is one statement, bound by DB_QUERY_TIMEOUT_SECONDS (10 s
   * by default): at the benchmark's density a month of 200 agents took about 4 s, so 100 agents
   * over {@link #DAYS} days stay well inside it, and no tenant holds the rollup's lock for long.
   */
  static final int AGENTS_PER_FILL = 100;

  private final Database db;
  private final Clock clock;
  private final Duration firstAfter;
  private final Duration every;
  private long timer = -1;
  private boolean running;

  public RollupWarmer(Database db, Clock clock, Duration firstAfter, Duration every) {
    this.db = db;
    this.clock = clock;
    this.firstAfter = firstAfter;
    this.every = every;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(Math.max(1, firstAfter.toMillis()), every.toMillis(), id -> run());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  private void run() {
    if (running) {
      return; // the previous round is still going (a large tenant's first fill)
    }
    running = true;
    Instant now = clock.instant();
    db.query(dsl -> warm(dsl, now))
        .onComplete(
            ar -> {
              running = false;
              if (ar.failed()) {
                LOG.warn("report rollup not filled ahead: {}", ar.cause().toString());
              } else if (ar.result() > 0) {
                LOG.debug("report rollup filled ahead for {} tenant(s)", ar.result());
              }
            });
  }

  /**
   * Fills the closed days before {@code now} of every active tenant; returns the tenants looked at.
   */
  static int warm(DSLContext dsl, Instant now) {
    return warm(dsl, now, DSL.noCondition());
  }

  /** The same for the active tenants {@code which} selects. */
  static int warm(DSLContext dsl, Instant now, Condition which) {
    List<Record2<Long, String>> tenants =
        dsl.select(TENANT.ID, TENANT.TIME_ZONE)
            .from(TENANT)
            .where(TENANT.STATUS.eq("active"))
            .and(which)
            .fetch();
    for (Record2<Long, String> tenant : tenants) {
      ZoneId zone;
      try {
        zone = ZoneId.of(tenant.value2());
      } catch (DateTimeException e) {
        continue; // its reports say so; nothing to fill in a zone nobody can read
      }
      Long[] agents =
          dsl.select(AGENT.ID)
              .from(AGENT)
              .where(AGENT.TENANT_ID.eq(tenant.value1()))
              .orderBy(AGENT.ID)
              .fetchArray(AGENT.ID);
      LocalDate today = LocalDate.ofInstant(now, zone);
      ReportPeriod period =
          new ReportPeriod(today.minusDays(DAYS), today.minusDays(1), zone, ReportInterval.DAY);
      ReportRequest request =
          new ReportRequest(tenant.value1(), period, null, null, 0, 0, false, now);
      for (int i = 0; i < agents.length; i += AGENTS_PER_FILL) {
        Long[] some = Arrays.copyOfRange(agents, i, Math.min(agents.length, i + AGENTS_PER_FILL));
        dsl.transaction(
            cfg -> {
              Sql.useZone(
                  cfg.dsl(),
                  zone.getId()); // local days come from PostgreSQL, as in a report's transaction
              DayRollup.prepare(cfg.dsl(), request, some);
            });
      }
    }
    return tenants.size();
  }
}
