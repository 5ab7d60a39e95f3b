package io.tandemcc.call;

import static io.tandemcc.db.generated.Tables.TENANT;

import io.tandemcc.db.Database;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Cached lookups the call verticle makes on every event: tenant by domain, agent by endpoint, and the tenant's
 * call settings. Entries live {@link #TTL}, so administrative changes show within a minute without a query per
 * event. Used on one Vert.x context only.
 */
public final class CallDirectory {
  static final Duration TTL = Duration.ofSeconds(60);

  /** The agent an endpoint belongs to. */
  public record AgentInfo(long tenantId, String domain, long agentId, String agentNumber, String displayName,
      String extension) {}

  private final Database db;
  private final AgentLocator locator;
  private final CallRecords records;
  private final Clock clock;
  private final Map<String, Cached<Optional<Long>>> tenants = new HashMap<>();
  private final Map<String, Cached<Optional<AgentInfo>>> agents = new HashMap<>();
  private final Map<Long, Cached<CallSettings>> settings = new HashMap<>();

  public CallDirectory(Database db, AgentLocator locator, CallRecords records, Clock clock) {
    this.db = db;
    this.locator = locator;
    this.records = records;
    this.clock = clock;
  }

  private record Cached<T>(Future<T> value, Instant expires) {}

  public Future<Optional<Long>> tenantId(String domain) {
    return cached(tenants, domain, () -> db.query(dsl -> dsl.select(TENANT.ID).from(TENANT)
        .where(TENANT.DOMAIN.eq(domain)).fetchOptional(TENANT.ID)));
  }

  public Future<Optional<AgentInfo>> agent(String domain, String extension) {
    return cached(agents, domain + "-" + extension, () -> locator.byEndpoint(domain, extension)
        .map(ref -> ref.map(r -> new AgentInfo(r.tenantId(), r.domain(), r.agentId(), r.agentNumber(),
            r.displayName(), r.extension()))));
  }

  public Future<CallSettings> settings(long tenantId) {
    return cached(settings, tenantId, () -> records.settings(tenantId));
  }

  private <K, T> Future<T> cached(Map<K, Cached<T>> cache, K key, Supplier<Future<T>> load) {
    Instant now = clock.instant();
    Cached<T> hit = cache.get(key);
    if (hit != null && hit.expires().isAfter(now) && !hit.value().failed()) {
      return hit.value();
    }
    Future<T> loading = load.get();
    cache.put(key, new Cached<>(loading, now.plus(TTL)));
    if (cache.size() > 100_000) {
      cache.entrySet().removeIf(e -> e.getValue().expires().isBefore(now));
    }
    return loading;
  }
}
