package io.tandemcc.tenant;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP_MEMBER;
import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.ATTACHED_DATA_KEY;
import static io.tandemcc.db.generated.Tables.DISPOSITION;
import static io.tandemcc.db.generated.Tables.EXTENSION;
import static io.tandemcc.db.generated.Tables.GROUP_SUPERVISOR;
import static io.tandemcc.db.generated.Tables.NOT_READY_REASON;
import static io.tandemcc.db.generated.Tables.TENANT;

import io.tandemcc.db.Database;
import io.tandemcc.tenant.TenantSettings.AttachedDataKey;
import io.tandemcc.tenant.TenantSettings.Disposition;
import io.tandemcc.tenant.TenantSettings.NotReadyReason;
import io.tandemcc.tenant.UserAccount.AgentIdentity;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Record;

/** Reads tenants, users and their settings. Every lookup is scoped by tenant. */
public final class TenantDirectory {
  private final Database db;

  public TenantDirectory(Database db) {
    this.db = db;
  }

  /**
   * The user that a login names, or empty; disabled users and users of a suspended tenant are
   * returned so the caller can refuse them, a deleted tenant's are not (as if it did not exist).
   */
  public Future<Optional<UserAccount>> findForLogin(String domain, String username) {
    return findAccount(
        TENANT
            .DOMAIN
            .eq(domain)
            .and(APP_USER.USERNAME.eq(username))
            .and(TENANT.STATUS.ne(TenantStatus.DELETED.wireName())));
  }

  /** The user with this id in this tenant, or empty. */
  public Future<Optional<UserAccount>> findUser(long tenantId, long userId) {
    return findAccount(APP_USER.TENANT_ID.eq(tenantId).and(APP_USER.ID.eq(userId)));
  }

  private Future<Optional<UserAccount>> findAccount(org.jooq.Condition where) {
    return db.query(
        dsl ->
            dsl.select()
                .from(APP_USER)
                .join(TENANT)
                .on(TENANT.ID.eq(APP_USER.TENANT_ID))
                .leftJoin(AGENT)
                .on(AGENT.TENANT_ID.eq(APP_USER.TENANT_ID).and(AGENT.USER_ID.eq(APP_USER.ID)))
                .leftJoin(EXTENSION)
                .on(
                    EXTENSION
                        .TENANT_ID
                        .eq(AGENT.TENANT_ID)
                        .and(EXTENSION.ID.eq(AGENT.EXTENSION_ID)))
                .where(where)
                .fetchOptional()
                .map(TenantDirectory::toAccount));
  }

  /**
   * The tenant's enabled agents with their extensions, by display name: the colleagues an agent can
   * call.
   */
  public Future<List<AgentListing>> agentListings(long tenantId) {
    return db.query(
        dsl ->
            dsl.select(AGENT.ID, APP_USER.DISPLAY_NAME, EXTENSION.NUMBER)
                .from(AGENT)
                .join(APP_USER)
                .on(APP_USER.TENANT_ID.eq(AGENT.TENANT_ID).and(APP_USER.ID.eq(AGENT.USER_ID)))
                .join(EXTENSION)
                .on(
                    EXTENSION
                        .TENANT_ID
                        .eq(AGENT.TENANT_ID)
                        .and(EXTENSION.ID.eq(AGENT.EXTENSION_ID)))
                .where(AGENT.TENANT_ID.eq(tenantId).and(APP_USER.ENABLED.isTrue()))
                .orderBy(APP_USER.DISPLAY_NAME, EXTENSION.NUMBER)
                .fetch(r -> new AgentListing(r.value1(), r.value2(), r.value3())));
  }

  public Future<TenantSettings> settings(long tenantId) {
    return db.query(
        dsl -> {
          var flags =
              dsl.select(
                      TENANT.ALLOW_END_WRAPUP_EARLY,
                      TENANT.RING_BEEP,
                      TENANT.RING_NOTIFICATION,
                      TENANT.DISPOSITION_REQUIRED,
                      TENANT.CLICK_TO_DIAL_AUTO_ANSWER)
                  .from(TENANT)
                  .where(TENANT.ID.eq(tenantId))
                  .fetchOne();
          boolean allowEarly = flags != null && flags.value1();
          var reasons =
              dsl.select(NOT_READY_REASON.CODE, NOT_READY_REASON.LABEL)
                  .from(NOT_READY_REASON)
                  .where(
                      NOT_READY_REASON.TENANT_ID.eq(tenantId).and(NOT_READY_REASON.ACTIVE.isTrue()))
                  .orderBy(NOT_READY_REASON.SORT_ORDER, NOT_READY_REASON.LABEL)
                  .fetch(r -> new NotReadyReason(r.value1(), r.value2()));
          var keys =
              dsl.select(
                      ATTACHED_DATA_KEY.POSITION,
                      ATTACHED_DATA_KEY.KEY_NAME,
                      ATTACHED_DATA_KEY.LABEL)
                  .from(ATTACHED_DATA_KEY)
                  .where(ATTACHED_DATA_KEY.TENANT_ID.eq(tenantId))
                  .orderBy(ATTACHED_DATA_KEY.POSITION)
                  .fetch(r -> new AttachedDataKey(r.value1(), r.value2(), r.value3()));
          var dispositions =
              dsl.select(DISPOSITION.CODE, DISPOSITION.LABEL)
                  .from(DISPOSITION)
                  .where(DISPOSITION.TENANT_ID.eq(tenantId).and(DISPOSITION.ENABLED.isTrue()))
                  .orderBy(DISPOSITION.POSITION, DISPOSITION.LABEL)
                  .fetch(r -> new Disposition(r.value1(), r.value2()));
          return new TenantSettings(
              reasons,
              keys,
              allowEarly,
              flags == null || flags.value2(),
              flags == null || flags.value3(),
              dispositions,
              flags != null && flags.value4(),
              flags != null && flags.value5());
        });
  }

  /** Groups a supervisor watches (all groups of the tenant for an admin). */
  public Future<Set<Long>> supervisedGroups(long tenantId, long userId, Role role) {
    return db.query(
        dsl -> {
          if (role == Role.ADMIN) {
            return dsl.select(AGENT_GROUP.ID)
                .from(AGENT_GROUP)
                .where(AGENT_GROUP.TENANT_ID.eq(tenantId))
                .fetchSet(AGENT_GROUP.ID);
          }
          return dsl.select(GROUP_SUPERVISOR.GROUP_ID)
              .from(GROUP_SUPERVISOR)
              .where(
                  GROUP_SUPERVISOR.TENANT_ID.eq(tenantId).and(GROUP_SUPERVISOR.USER_ID.eq(userId)))
              .fetchSet(GROUP_SUPERVISOR.GROUP_ID);
        });
  }

  /** Groups an agent belongs to. */
  public Future<Set<Long>> agentGroups(long tenantId, long agentId) {
    return db.query(
        dsl ->
            dsl
                .select(AGENT_GROUP_MEMBER.GROUP_ID)
                .from(AGENT_GROUP_MEMBER)
                .where(
                    AGENT_GROUP_MEMBER
                        .TENANT_ID
                        .eq(tenantId)
                        .and(AGENT_GROUP_MEMBER.AGENT_ID.eq(agentId)))
                .fetch(AGENT_GROUP_MEMBER.GROUP_ID)
                .stream()
                .collect(Collectors.toUnmodifiableSet()));
  }

  /** The extension of a supervisor's or admin's own phone (monitoring), if the user has one. */
  public Future<Optional<String>> phoneExtension(long tenantId, long userId) {
    return db.query(
        dsl ->
            dsl.select(EXTENSION.NUMBER)
                .from(APP_USER)
                .join(EXTENSION)
                .on(
                    EXTENSION
                        .TENANT_ID
                        .eq(APP_USER.TENANT_ID)
                        .and(EXTENSION.ID.eq(APP_USER.PHONE_EXTENSION_ID)))
                .where(APP_USER.TENANT_ID.eq(tenantId).and(APP_USER.ID.eq(userId)))
                .fetchOptional(EXTENSION.NUMBER));
  }

  /** A user's own new password (its hash): the forced change, if one was asked for, is done. */
  public Future<Void> replacePassword(long tenantId, long userId, String hash) {
    return db.query(
            dsl ->
                dsl.update(APP_USER)
                    .set(APP_USER.PASSWORD_HASH, hash)
                    .set(APP_USER.PASSWORD_CHANGE_REQUIRED, false)
                    .where(APP_USER.TENANT_ID.eq(tenantId).and(APP_USER.ID.eq(userId)))
                    .execute())
        .mapEmpty();
  }

  private static UserAccount toAccount(Record r) {
    Tenant tenant =
        new Tenant(
            r.get(TENANT.ID),
            r.get(TENANT.DOMAIN),
            r.get(TENANT.NAME),
            r.get(TENANT.ALLOW_END_WRAPUP_EARLY),
            TenantStatus.fromWire(r.get(TENANT.STATUS)));
    AgentIdentity agent =
        r.get(AGENT.ID) == null
            ? null
            : new AgentIdentity(
                r.get(AGENT.ID), r.get(AGENT.AGENT_NUMBER), r.get(EXTENSION.NUMBER));
    return new UserAccount(
        r.get(APP_USER.ID),
        tenant,
        r.get(APP_USER.USERNAME),
        r.get(APP_USER.DISPLAY_NAME),
        Role.fromWire(r.get(APP_USER.ROLE)),
        r.get(APP_USER.PASSWORD_HASH),
        r.get(APP_USER.ENABLED),
        agent,
        r.get(APP_USER.PASSWORD_CHANGE_REQUIRED));
  }
}
