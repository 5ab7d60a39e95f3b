package io.tandemcc.auth;

import static io.tandemcc.db.generated.Tables.TENANT;
import static io.tandemcc.db.generated.Tables.USER_SESSION;

import io.tandemcc.db.Database;
import io.tandemcc.tenant.TenantStatus;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Login sessions: the browser holds an opaque random token in an http-only cookie; the database
 * holds only its SHA-256. A session slides forward on use and ends at logout or after being idle
 * too long.
 */
public final class SessionStore {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Database db;
  private final Duration idleTimeout;

  public SessionStore(Database db, Duration idleTimeout) {
    this.db = db;
    this.idleTimeout = idleTimeout;
  }

  public record NewSession(long id, String token) {
    @Override
    public String toString() {
      return "NewSession[id=" + id + ", token=***]";
    }
  }

  public record ActiveSession(long id, long tenantId, long userId) {}

  /** A session ended with all others of its tenant (suspension, deletion): whose it was. */
  public record EndedSession(long id, long userId) {}

  /** Opens a session; fails with 403 tenant-suspended when the tenant is not active (any more). */
  public Future<NewSession> create(long tenantId, long userId) {
    String token = newToken();
    OffsetDateTime now = now();
    return db.transaction(
            dsl -> {
              // a share lock on the tenant's row while it is active: a suspension (which updates
              // that row, then ends the
              // tenant's sessions) waits until this session is committed and so ends it too, or
              // this login sees it
              if (dsl.select(TENANT.ID)
                  .from(TENANT)
                  .where(
                      TENANT.ID.eq(tenantId).and(TENANT.STATUS.eq(TenantStatus.ACTIVE.wireName())))
                  .forShare()
                  .fetchOptional()
                  .isEmpty()) {
                throw LoginService.tenantSuspended();
              }
              return dsl.insertInto(USER_SESSION)
                  .set(USER_SESSION.TENANT_ID, tenantId)
                  .set(USER_SESSION.USER_ID, userId)
                  .set(USER_SESSION.TOKEN_HASH, hash(token))
                  .set(USER_SESSION.CREATED_AT, now)
                  .set(USER_SESSION.LAST_USED_AT, now)
                  .set(USER_SESSION.EXPIRES_AT, now.plus(idleTimeout))
                  .returning(USER_SESSION.ID)
                  .fetchOne(USER_SESSION.ID);
            })
        .map(id -> new NewSession(id, token));
  }

  /**
   * The live session this token opens, extended by the idle timeout; empty if unknown, ended or
   * expired.
   */
  public Future<Optional<ActiveSession>> touch(String token) {
    OffsetDateTime now = now();
    return db.query(
        dsl ->
            dsl.update(USER_SESSION)
                .set(USER_SESSION.LAST_USED_AT, now)
                .set(USER_SESSION.EXPIRES_AT, now.plus(idleTimeout))
                .where(
                    USER_SESSION
                        .TOKEN_HASH
                        .eq(hash(token))
                        .and(USER_SESSION.REVOKED_AT.isNull())
                        .and(USER_SESSION.EXPIRES_AT.gt(now)))
                .returning(USER_SESSION.ID, USER_SESSION.TENANT_ID, USER_SESSION.USER_ID)
                .fetchOptional()
                .map(r -> new ActiveSession(r.getId(), r.getTenantId(), r.getUserId())));
  }

  /**
   * Whether this token names a session that was ended by a logout (as opposed to unknown or
   * idle-expired).
   */
  public Future<Boolean> endedByLogout(String token) {
    return db.query(
        dsl ->
            dsl.fetchExists(
                USER_SESSION,
                USER_SESSION.TOKEN_HASH.eq(hash(token)).and(USER_SESSION.REVOKED_AT.isNotNull())));
  }

  /** Ends every live session of a user; returns their ids. */
  public Future<List<Long>> endAll(long tenantId, long userId) {
    OffsetDateTime now = now();
    return db.query(
        dsl ->
            dsl.update(USER_SESSION)
                .set(USER_SESSION.REVOKED_AT, now)
                .where(
                    USER_SESSION
                        .TENANT_ID
                        .eq(tenantId)
                        .and(USER_SESSION.USER_ID.eq(userId))
                        .and(USER_SESSION.REVOKED_AT.isNull()))
                .returning(USER_SESSION.ID)
                .fetch(USER_SESSION.ID));
  }

  /** Ends every live session of every user of a tenant; returns them. */
  public Future<List<EndedSession>> endAllOfTenant(long tenantId) {
    OffsetDateTime now = now();
    return db.query(
        dsl ->
            dsl.update(USER_SESSION)
                .set(USER_SESSION.REVOKED_AT, now)
                .where(USER_SESSION.TENANT_ID.eq(tenantId).and(USER_SESSION.REVOKED_AT.isNull()))
                .returning(USER_SESSION.ID, USER_SESSION.USER_ID)
                .fetch(r -> new EndedSession(r.getId(), r.getUserId())));
  }

  /**
   * The sessions ended by a logout since {@code since}: a restarted server must go on refusing
   * their access tokens, which stay valid by signature until they expire.
   */
  public Future<List<Long>> revokedSince(OffsetDateTime since) {
    return db.query(
        dsl ->
            dsl.select(USER_SESSION.ID)
                .from(USER_SESSION)
                .where(USER_SESSION.REVOKED_AT.ge(since))
                .fetch(USER_SESSION.ID));
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  private static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
