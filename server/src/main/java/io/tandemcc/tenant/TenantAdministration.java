package io.tandemcc.tenant;

import io.tandemcc.common.ApiException;
import io.tandemcc.db.Database;
import io.tandemcc.tenant.TenantRepository.Created;
import io.tandemcc.tenant.TenantRepository.NewAccount;
import io.tandemcc.tenant.TenantRepository.TenantRow;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What the role {@code system} does with tenants: list, create with a first admin, suspend, resume,
 * delete. Suspending or deleting a tenant ends every session of its users ({@link TenantSessions},
 * given by auth, which this package must not depend on). Deletion is soft ({@link
 * TenantStatus#DELETED}): a tenant's call records, state history (append-only) and audit log stay,
 * and its domain is never reused for another customer.
 */
public final class TenantAdministration {
  public static final int DEFAULT_PAGE = 50;
  public static final int MAX_PAGE = 200;

  /** Ends every session of a tenant's users (login refusal and token revocation are auth's). */
  @FunctionalInterface
  public interface TenantSessions {
    Future<Void> endAll(long tenantId, String reason);
  }

  /** A page of tenants and the cursor of the next one (null on the last page). */
  public record Page(List<TenantRow> items, String next) {}

  /** A tenant to create and its first admin, checked by {@link #of}. */
  public record NewTenant(
      String domain,
      String name,
      String adminUsername,
      String adminDisplayName,
      String adminPassword) {
    /** Applies {@link TenantRules}; the display name defaults to the username. */
    public static NewTenant of(
        String domain,
        String name,
        String adminUsername,
        String adminDisplayName,
        String adminPassword) {
      String username = TenantRules.username(adminUsername);
      return new NewTenant(
          TenantRules.domain(domain),
          TenantRules.name("name", name),
          username,
          TenantRules.name("displayName", adminDisplayName == null ? username : adminDisplayName),
          TenantRules.password(adminPassword));
    }

    @Override
    public String toString() {
      return "NewTenant[" + domain + ", admin=" + adminUsername + "]";
    }
  }

  private final Database db;
  private final UnaryOperator<String> hasher;
  private final TenantSessions sessions;

  public TenantAdministration(Database db, UnaryOperator<String> hasher, TenantSessions sessions) {
    this.db = db;
    this.hasher = hasher;
    this.sessions = sessions;
  }

  public Future<Page> list(int limit, String after) {
    return db.query(
        dsl -> {
          List<TenantRow> rows = TenantRepository.page(dsl, limit, after);
          boolean more = rows.size() > limit;
          List<TenantRow> items = more ? rows.subList(0, limit) : rows;
          return new Page(List.copyOf(items), more ? items.get(items.size() - 1).domain() : null);
        });
  }

  public Future<TenantRow> get(long id) {
    return db.query(
        dsl -> TenantRepository.find(dsl, id).orElseThrow(TenantAdministration::notFound));
  }

  /**
   * Creates the tenant and its admin in one transaction; the Argon2 hash is made first, off the
   * transaction.
   */
  public Future<Created> create(NewTenant t) {
    return db.blocking(() -> hasher.apply(t.adminPassword()))
        .compose(
            hash ->
                db.transaction(
                    dsl ->
                        TenantRepository.create(
                            dsl,
                            t.domain(),
                            t.name(),
                            new NewAccount(t.adminUsername(), t.adminDisplayName(), hash))));
  }

  public Future<TenantRow> suspend(long id) {
    return db.transaction(
            dsl ->
                TenantRepository.setStatus(dsl, id, TenantStatus.SUSPENDED)
                    .orElseThrow(TenantAdministration::notFound))
        // after the commit: a login that raced the suspension has its session in the database by
        // now (the
        // session's creation holds a share lock on the tenant row, see auth.SessionStore), so it is
        // ended too
        .compose(row -> sessions.endAll(id, "tenant-suspended").map(row));
  }

  public Future<TenantRow> resume(long id) {
    return db.transaction(
        dsl ->
            TenantRepository.setStatus(dsl, id, TenantStatus.ACTIVE)
                .orElseThrow(TenantAdministration::notFound));
  }

  public Future<Void> delete(long id) {
    return db.transaction(
            dsl ->
                TenantRepository.setStatus(dsl, id, TenantStatus.DELETED)
                    .orElseThrow(TenantAdministration::notFound))
        .compose(row -> sessions.endAll(id, "tenant-deleted"));
  }

  static ApiException notFound() {
    return new ApiException(404, "tenant-not-found", "Not found", "There is no such tenant.");
  }
}
