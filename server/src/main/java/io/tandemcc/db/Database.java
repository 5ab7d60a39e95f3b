package io.tandemcc.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The PostgreSQL database: a connection pool, the Flyway migrations from {@code db/migration} applied at
 * start, and jOOQ on top. JDBC blocks, so every query runs through {@link #query} on Vert.x worker threads.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final DSLContext dsl;
  private final Vertx vertx;

  private Database(Vertx vertx, HikariDataSource dataSource) {
    this.vertx = vertx;
    this.dataSource = dataSource;
    Settings settings = new Settings()
        .withRenderSchema(false)
        .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED);
    this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES, settings);
  }

  /** Opens a pool on the given JDBC URL and migrates the schema to the newest version. */
  public static Database open(Vertx vertx, String jdbcUrl, String user, String password, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("tandemcc-db");
    HikariDataSource ds = new HikariDataSource(config);
    try {
      migrate(ds);
      return new Database(vertx, ds);
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
  }

  /** Reports the pool's figures (connections active, idle, pending, acquire time) to a Micrometer registry. */
  public void reportPoolMetrics(Object micrometerRegistry) {
    dataSource.setMetricRegistry(micrometerRegistry);
  }

  static void migrate(DataSource ds) {
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
  }

  /** Runs blocking jOOQ work on a worker thread; the result is delivered on the caller's context. */
  public <T> Future<T> query(Function<DSLContext, T> work) {
    return vertx.executeBlocking(() -> work.apply(dsl), false);
  }

  /** Runs blocking work inside one transaction on a worker thread. */
  public <T> Future<T> transaction(Function<DSLContext, T> work) {
    return vertx.executeBlocking(() -> dsl.transactionResult(cfg -> work.apply(DSL.using(cfg))), false);
  }

  /** Direct access for start-up code that already runs off the event loop. */
  public DSLContext dsl() {
    return dsl;
  }

  public <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
