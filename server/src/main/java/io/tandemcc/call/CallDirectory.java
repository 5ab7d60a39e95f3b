package io.tandemcc.call;

import static io.tandemcc.db.generated.Tables.TENANT;

import io.tandemcc.db.Database;
import io.tandemcc.pbx.PbxEvent.ChannelListed;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Cached lookups the call verticle makes on every event: tenant by domain, agent by endpoint, and
 * the tenant's call settings. Entries live {@link #TTL}, so administrative changes show within a
 * minute without a query per event. Used on one Vert.x context only.
 *
 * <p>Agents are loaded a whole tenant at a time: in a contact centre each agent gets a call every
 * few minutes, so per-agent entries of one minute would almost always have expired and put a
 * database round trip in front of every screen pop (see bench/RESULTS.md). An expired tenant is
 * reloaded in the background while the previous load keeps answering; an extension the load did not
 * have (an agent created since, or no agent at all) is looked up alone.
 */
public final class CallDirectory {
  static final Duration TTL = Duration.ofSeconds(60);

  /** The agent an endpoint belongs to. */
  public record AgentInfo(
      long tenantId,
      String domain,
      long agentId,
      String agentNumber,
      String displayName,
      String extension) {}

  private final Database db;
  private final AgentLocator locator;
  private final CallRecords records;
  private final Clock clock;
  private final Map<String, Cached<Optional<Long>>> tenants = new HashMap<>();
  private final Map<String, Cached<Optional<AgentInfo>>> agents = new HashMap<>();
  private final Map<Long, Cached<CallSettings>> settings = new HashMap<>();
  private final Map<String, TenantAgents> tenantAgents = new HashMap<>();

  public CallDirectory(Database db, AgentLocator locator, CallRecords records, Clock clock) {
    this.db = db;
    this.locator = locator;
    this.records = records;
    this.clock = clock;
  }

  private record Cached<T>(Future<T> value, Instant expires) {}

  /**
   * A tenant's agents by extension: the last complete load (null before the first) and the load in
   * flight.
   */
  private static final class TenantAgents {
    Map<String, AgentInfo> loaded;
    Future<Map<String, AgentInfo>> loading;
    Instant expires;
  }

  public Future<Optional<Long>> tenantId(String domain) {
    return cached(
        tenants,
        domain,
        () ->
            db.query(
                dsl ->
                    dsl.select(TENANT.ID)
                        .from(TENANT)
                        .where(TENANT.DOMAIN.eq(domain))
                        .fetchOptional(TENANT.ID)));
  }

  public Future<Optional<AgentInfo>> agent(String domain, String extension) {
    Map<String, AgentInfo> known = tenantAgents(domain);
    if (known != null) {
      return found(known, domain, extension);
    }
    return tenantAgents
        .get(domain)
        .loading
        .transform(
            ar -> ar.succeeded() ? found(ar.result(), domain, extension) : one(domain, extension));
  }

  /**
   * The tenant's agents as last loaded, reloading them when expired; null while the first load
   * runs.
   */
  private Map<String, AgentInfo> tenantAgents(String domain) {
    Instant now = clock.instant();
    TenantAgents t = tenantAgents.computeIfAbsent(domain, d -> new TenantAgents());
    boolean idle = t.loading == null || t.loading.isComplete();
    if (idle && (t.expires == null || !t.expires.isAfter(now) || t.loading.failed())) {
      t.expires = now.plus(TTL);
      t.loading =
          locator
              .allOfTenant(domain)
              .map(
                  refs -> {
                    Map<String, AgentInfo> byExtension = new HashMap<>();
                    refs.forEach((ext, r) -> byExtension.put(ext, info(r)));
                    return byExtension;
                  });
      t.loading.onSuccess(map -> t.loaded = map);
    }
    return t.loaded;
  }

  private Future<Optional<AgentInfo>> found(
      Map<String, AgentInfo> known, String domain, String extension) {
    AgentInfo agent = known.get(extension);
    return agent != null ? Future.succeededFuture(Optional.of(agent)) : one(domain, extension);
  }

  /**
   * One endpoint that the tenant's load did not have: an agent created since, or no agent (cached
   * as well).
   */
  private Future<Optional<AgentInfo>> one(String domain, String extension) {
    return cached(
        agents,
        io.tandemcc.pbx.AgentEndpoint.nameOf(domain, extension),
        () -> locator.byEndpoint(domain, extension).map(ref -> ref.map(CallDirectory::info)));
  }

  private static AgentInfo info(AgentRef r) {
    return new AgentInfo(
        r.tenantId(), r.domain(), r.agentId(), r.agentNumber(), r.displayName(), r.extension());
  }

  /** An agent of the tenant by id (not cached: a conference target is looked up once). */
  public Future<Optional<AgentInfo>> agentById(long tenantId, long agentId) {
    return locator.byId(tenantId, agentId).map(ref -> ref.map(CallDirectory::info));
  }

  /**
   * An administrator changed a tenant's agents (issue 14): what was cached is read again on the
   * next call. The agent caches are keyed by domain and endpoint and an empty answer names no
   * tenant, so all of them are dropped (changes are rare; the next call of each tenant costs one
   * query); the tenant's settings too.
   */
  public void forget(long tenantId) {
    agents.clear();
    tenantAgents.clear();
    settings.remove(tenantId);
  }

  public Future<CallSettings> settings(long tenantId) {
    return cached(settings, tenantId, () -> records.settings(tenantId));
  }

  /** Drops the cached settings of a tenant (the administration changed its keys or popup rules). */
  public void forgetSettings(long tenantId) {
    settings.remove(tenantId);
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

  /**
   * The agent legs among the listed channels, with their agents (legs of unknown endpoints are left
   * out); the agents' call settings are loaded too, so offers are built at once.
   */
  Future<List<CallResync.Leg>> agentLegs(List<ChannelListed> channels) {
    List<Future<Optional<CallResync.Leg>>> lookups = new ArrayList<>();
    for (ChannelListed channel : channels) {
      channel
          .agent()
          .ifPresent(
              endpoint ->
                  lookups.add(
                      agent(endpoint.tenant(), endpoint.extension())
                          .compose(
                              agent ->
                                  agent.isEmpty()
                                      ? Future.succeededFuture(agent)
                                      : settings(agent.get().tenantId()).map(settings -> agent))
                          .map(agent -> agent.map(a -> new CallResync.Leg(a, channel)))));
    }
    return Future.all(lookups)
        .map(
            all -> {
              List<CallResync.Leg> legs = new ArrayList<>();
              for (int i = 0; i < all.size(); i++) {
                Optional<CallResync.Leg> leg = all.resultAt(i);
                leg.ifPresent(legs::add);
              }
              return legs;
            });
  }
}
