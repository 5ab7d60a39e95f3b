package io.tandemcc.tenant;

import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.TENANT;

import io.tandemcc.common.ApiException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record5;
import org.jooq.exception.DataAccessException;

/**
 * The tenants as the system administration sees them, and the accounts it creates. Blocking jOOQ on
 * a given {@link DSLContext} (a transaction of the caller's), so that the REST API ({@link
 * TenantAdministration}) and the {@code admin} command, which has no event loop, share every
 * statement. The reserved tenant {@code system} is never listed or changed through the tenant
 * methods, and a deleted tenant is not found.
 */
public final class TenantRepository {
  private static final String UNIQUE_VIOLATION = "23505";

  private TenantRepository() {}

  /** A tenant as listed: no settings, no users. */
  public record TenantRow(
      long id, String domain, String name, TenantStatus status, OffsetDateTime createdAt) {}

  /** The first admin of a new tenant, its password already hashed. */
  public record NewAccount(String username, String displayName, String passwordHash) {
    @Override
    public String toString() {
      return "NewAccount[" + username + "]";
    }
  }

  public record Created(TenantRow tenant, long adminUserId) {}

  /** A user named by its tenant and id. */
  public record UserRef(long tenantId, long userId) {}

  /**
   * A page of tenants by domain, after the domain {@code after} (exclusive) when given; one more
   * than asked.
   */
  public static List<TenantRow> page(DSLContext dsl, int limit, String after) {
    Condition where = listed();
    if (after != null) {
      where = where.and(TENANT.DOMAIN.gt(after));
    }
    return dsl.select(TENANT.ID, TENANT.DOMAIN, TENANT.NAME, TENANT.STATUS, TENANT.CREATED_AT)
        .from(TENANT)
        .where(where)
        .orderBy(TENANT.DOMAIN)
        .limit(limit + 1)
        .fetch(TenantRepository::row);
  }

  public static Optional<TenantRow> find(DSLContext dsl, long id) {
    return dsl.select(TENANT.ID, TENANT.DOMAIN, TENANT.NAME, TENANT.STATUS, TENANT.CREATED_AT)
        .from(TENANT)
        .where(listed().and(TENANT.ID.eq(id)))
        .fetchOptional(TenantRepository::row);
  }

  /**
   * Creates a tenant and its first admin; 409 domain-taken when the domain exists (a deleted
   * tenant's too).
   */
  public static Created create(DSLContext dsl, String domain, String name, NewAccount admin) {
    if (dsl.fetchExists(TENANT, TENANT.DOMAIN.eq(domain))) {
      throw domainTaken(domain);
    }
    long tenantId;
    try {
      tenantId =
          dsl.insertInto(TENANT)
              .set(TENANT.DOMAIN, domain)
              .set(TENANT.NAME, name)
              .returning(TENANT.ID)
              .fetchOne(TENANT.ID);
    } catch (DataAccessException e) {
      // two creations of the same domain at once: the unique constraint decides
      if (UNIQUE_VIOLATION.equals(e.sqlState())) {
        throw domainTaken(domain);
      }
      throw e;
    }
    long userId = insertUser(dsl, tenantId, admin, Role.ADMIN);
    return new Created(find(dsl, tenantId).orElseThrow(), userId);
  }

  /**
   * Moves a tenant to {@code to}; empty when there is no such tenant (or it is deleted). Suspending
   * a suspended tenant, resuming an active one, changes nothing and is no error.
   */
  public static Optional<TenantRow> setStatus(DSLContext dsl, long id, TenantStatus to) {
    int changed =
        dsl.update(TENANT)
            .set(TENANT.STATUS, to.wireName())
            .set(TENANT.STATUS_CHANGED_AT, OffsetDateTime.now(ZoneOffset.UTC))
            .where(listed().and(TENANT.ID.eq(id)).and(TENANT.STATUS.ne(to.wireName())))
            .execute();
    if (changed == 0) {
      return to == TenantStatus.DELETED ? Optional.empty() : find(dsl, id);
    }
    return to == TenantStatus.DELETED
        ? Optional.of(
            dsl.select(TENANT.ID, TENANT.DOMAIN, TENANT.NAME, TENANT.STATUS, TENANT.CREATED_AT)
                .from(TENANT)
                .where(TENANT.ID.eq(id))
                .fetchOne(TenantRepository::row))
        : find(dsl, id);
  }

  /**
   * Sets the password of a user named by domain and username (a deleted tenant's are not found),
   * and whether it must be changed at the next sign-in; the user id, or empty. The caller ends the
   * user's sessions.
   */
  public static Optional<UserRef> setPassword(
      DSLContext dsl, String domain, String username, String passwordHash, boolean changeRequired) {
    Long tenantId =
        dsl.select(TENANT.ID)
            .from(TENANT)
            .where(TENANT.DOMAIN.eq(domain).and(TENANT.STATUS.ne(TenantStatus.DELETED.wireName())))
            .fetchOne(TENANT.ID);
    if (tenantId == null) {
      return Optional.empty();
    }
    return dsl.update(APP_USER)
        .set(APP_USER.PASSWORD_HASH, passwordHash)
        .set(APP_USER.PASSWORD_CHANGE_REQUIRED, changeRequired)
        .where(APP_USER.TENANT_ID.eq(tenantId).and(APP_USER.USERNAME.eq(username)))
        .returning(APP_USER.ID)
        .fetchOptional(APP_USER.ID)
        .map(userId -> new UserRef(tenantId, userId));
  }

  /**
   * Creates a user of the reserved tenant with the role system; 409 username-taken when it exists.
   */
  public static long createSystemUser(DSLContext dsl, NewAccount account) {
    long tenantId =
        dsl.select(TENANT.ID)
            .from(TENANT)
            .where(TENANT.DOMAIN.eq(Tenant.SYSTEM_DOMAIN))
            .fetchSingle(TENANT.ID);
    return insertUser(dsl, tenantId, account, Role.SYSTEM);
  }

  /** Tenants the system administration manages: not the reserved one, not deleted ones. */
  private static Condition listed() {
    return TENANT
        .DOMAIN
        .ne(Tenant.SYSTEM_DOMAIN)
        .and(TENANT.STATUS.ne(TenantStatus.DELETED.wireName()));
  }

  private static long insertUser(DSLContext dsl, long tenantId, NewAccount account, Role role) {
    if (dsl.fetchExists(
        APP_USER, APP_USER.TENANT_ID.eq(tenantId).and(APP_USER.USERNAME.eq(account.username())))) {
      throw usernameTaken(account.username());
    }
    try {
      return dsl.insertInto(APP_USER)
          .set(APP_USER.TENANT_ID, tenantId)
          .set(APP_USER.USERNAME, account.username())
          .set(APP_USER.DISPLAY_NAME, account.displayName())
          .set(APP_USER.PASSWORD_HASH, account.passwordHash())
          .set(APP_USER.ROLE, role.wireName())
          .returning(APP_USER.ID)
          .fetchOne(APP_USER.ID);
    } catch (DataAccessException e) {
      if (UNIQUE_VIOLATION.equals(e.sqlState())) {
        throw usernameTaken(account.username());
      }
      throw e;
    }
  }

  private static TenantRow row(Record5<Long, String, String, String, OffsetDateTime> r) {
    return new TenantRow(
        r.value1(), r.value2(), r.value3(), TenantStatus.fromWire(r.value4()), r.value5());
  }

  static ApiException domainTaken(String domain) {
    return ApiException.conflict(
        "domain-taken", "A tenant with the domain '" + domain + "' exists already.");
  }

  static ApiException usernameTaken(String username) {
    return ApiException.conflict(
        "username-taken", "A user named '" + username + "' exists already.");
  }
}
