package io.tandemcc.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
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
 * The PostgreSQL database: a connection pool, the Flyway migrations from {@code db/migration}
 * applied at start, and jOOQ on top. JDBC blocks, so every query runs through {@link #query} on
 * Vert.x worker threads.
 *
 * <p>Nothing waits long for a database that is gone (issue 15): a connection is given up after the
 * connect timeout (seconds, not Hikari's default 30), every statement after the query timeout, and
 * while {@link DatabaseHealth} knows the database is down, {@link #query} and {@link #transaction}
 * fail at once with {@link DatabaseUnavailableException}.
 */
public final class Database implements AutoCloseable {
  /**
   * Defaults of {@code DB_CONNECT_TIMEOUT_SECONDS} and {@code DB_QUERY_TIMEOUT_SECONDS}
   * (config/reference.env).
   */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);

  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(10);

  private final HikariDataSource dataSource;
  private final DSLContext dsl;
  private final Vertx vertx;
  private final DatabaseHealth health;

  private Database(Vertx vertx, HikariDataSource dataSource, Duration queryTimeout) {
    this.vertx = vertx;
    this.dataSource = dataSource;
    Settings settings =
        new Settings()
            .withRenderSchema(false)
            .withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)
            .withQueryTimeout((int) Math.max(1, queryTimeout.toSeconds()));
    this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES, settings);
    this.health = new DatabaseHealth(vertx, dsl, Clock.systemUTC());
  }

  /**
   * Opens a pool on the given JDBC URL and migrates the schema to the newest version (default
   * timeouts).
   */
  public static Database open(
      Vertx vertx, String jdbcUrl, String user, String password, int poolSize) {
    return open(
        vertx, jdbcUrl, user, password, poolSize, DEFAULT_CONNECT_TIMEOUT, DEFAULT_QUERY_TIMEOUT);
  }

  /**
   * Opens a pool on the given JDBC URL and migrates the schema to the newest version.
   *
   * @param connectTimeout how long a query waits for a connection (the pool's, and the driver's TCP
   *     connect)
   * @param queryTimeout how long a statement may run; the socket gives up a little later (a peer
   *     that went silent)
   */
  public static Database open(
      Vertx vertx,
      String jdbcUrl,
      String user,
      String password,
      int poolSize,
      Duration connectTimeout,
      Duration queryTimeout) {
    // migrations run on a connection of their own without the pool's socket timeout: creating an
    // index on a large
    // table may take longer than any query should
    migrate(Flyway.configure().dataSource(jdbcUrl, user, password));
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("tandemcc-db");
    long connectMs = Math.max(500, connectTimeout.toMillis());
    config.setConnectionTimeout(connectMs);
    config.setValidationTimeout(Math.max(250, Math.min(1000, connectMs / 2)));
    long connectSeconds = Math.max(1, connectTimeout.toSeconds());
    config.addDataSourceProperty("connectTimeout", Long.toString(connectSeconds));
    config.addDataSourceProperty("loginTimeout", Long.toString(connectSeconds));
    config.addDataSourceProperty("socketTimeout", Long.toString(queryTimeout.toSeconds() + 5));
    HikariDataSource ds = new HikariDataSource(config);
    return new Database(vertx, ds, queryTimeout);
  }

  /**
   * Reports the pool's figures (connections active, idle, pending, acquire time) to a Micrometer
   * registry.
   */
  public void reportPoolMetrics(Object micrometerRegistry) {
    dataSource.setMetricRegistry(micrometerRegistry);
  }

  static void migrate(DataSource ds) {
    migrate(Flyway.configure().dataSource(ds));
  }

  private static void migrate(org.flywaydb.core.api.configuration.FluentConfiguration flyway) {
    flyway.locations("classpath:db/migration").load().migrate();
  }

  /**
   * Runs blocking jOOQ work on a worker thread; the result is delivered on the caller's context.
   */
  public <T> Future<T> query(Function<DSLContext, T> work) {
    if (!health.isUp()) {
      return Future.failedFuture(new DatabaseUnavailableException("the database is unavailable"));
    }
    return vertx.executeBlocking(() -> work.apply(dsl), false).onFailure(health::failed);
  }

  /** Runs blocking work inside one transaction on a worker thread. */
  public <T> Future<T> transaction(Function<DSLContext, T> work) {
    if (!health.isUp()) {
      return Future.failedFuture(new DatabaseUnavailableException("the database is unavailable"));
    }
    return vertx
        .<T>executeBlocking(() -> dsl.transactionResult(cfg -> work.apply(DSL.using(cfg))), false)
        .onFailure(health::failed);
  }

  /** Direct access for start-up code and write-behind, which already run off the event loop. */
  public DSLContext dsl() {
    return dsl;
  }

  /** Whether the database answers, and the writes set aside for good. */
  public DatabaseHealth health() {
    return health;
  }

  /** Runs blocking work (not a query: no fail-fast) on a worker thread. */
  public <T> Future<T> blocking(Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }

  @Override
  public void close() {
    health.close();
    dataSource.close();
  }
}
