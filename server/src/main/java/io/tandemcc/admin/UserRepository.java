package io.tandemcc.admin;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP_MEMBER;
import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.EXTENSION;
import static io.tandemcc.db.generated.Tables.GROUP_SUPERVISOR;

import io.tandemcc.common.Page;
import io.tandemcc.db.generated.tables.records.AgentRecord;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The rows behind /api/admin/users, always scoped by tenant; deleted users (V15) are never
 * returned.
 */
final class UserRepository {
  private UserRepository() {}

  static Optional<AdminUser> find(DSLContext dsl, long tenantId, long userId) {
    List<AdminUser> found = load(dsl, tenantId, APP_USER.ID.eq(userId), List.of(APP_USER.ID), 1);
    return found.stream().findFirst();
  }

  static Page<AdminUser> page(
      DSLContext dsl, long tenantId, String q, String role, String sort, int limit, String after) {
    Field<String> key = "displayName".equals(sort) ? APP_USER.DISPLAY_NAME : APP_USER.USERNAME;
    Condition where = DSL.trueCondition();
    if (q != null) {
      where = where.and(APP_USER.ID.in(matching(dsl, tenantId, q)));
    }
    if (role != null) {
      where = where.and(APP_USER.ROLE.eq(role));
    }
    Cursors.Key k = Cursors.parse(after);
    if (k != null) {
      where = where.and(DSL.row(key, APP_USER.ID).gt(k.value(), k.id()));
    }
    List<AdminUser> rows = load(dsl, tenantId, where, List.of(key, APP_USER.ID), limit + 1);
    boolean more = rows.size() > limit;
    List<AdminUser> items = more ? rows.subList(0, limit) : rows;
    AdminUser last = more ? items.get(items.size() - 1) : null;
    return new Page<>(
        items,
        last == null
            ? null
            : Cursors.of(
                "displayName".equals(sort) ? last.displayName() : last.username(), last.id()));
  }

  /**
   * The users whose username, display name, agent number or extension starts with {@code q}
   * (case-insensitive): four prefix searches, each on its own index (V25), instead of one {@code
   * LIKE '%q%'} over the joined rows, which PostgreSQL can answer only by reading every user of the
   * tenant.
   */
  private static org.jooq.Select<org.jooq.Record1<Long>> matching(
      DSLContext dsl, long tenantId, String q) {
    String prefix =
        q.toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_")
            + "%";
    return dsl.select(APP_USER.ID)
        .from(APP_USER)
        .where(APP_USER.TENANT_ID.eq(tenantId).and(DSL.lower(APP_USER.USERNAME).like(prefix)))
        .unionAll(
            dsl.select(APP_USER.ID)
                .from(APP_USER)
                .where(
                    APP_USER
                        .TENANT_ID
                        .eq(tenantId)
                        .and(DSL.lower(APP_USER.DISPLAY_NAME).like(prefix))))
        .unionAll(
            dsl.select(AGENT.USER_ID)
                .from(AGENT)
                .where(AGENT.TENANT_ID.eq(tenantId).and(AGENT.AGENT_NUMBER.like(prefix))))
        .unionAll(
            dsl.select(AGENT.USER_ID)
                .from(AGENT)
                .join(EXTENSION)
                .on(
                    EXTENSION
                        .TENANT_ID
                        .eq(AGENT.TENANT_ID)
                        .and(EXTENSION.ID.eq(AGENT.EXTENSION_ID)))
                .where(EXTENSION.TENANT_ID.eq(tenantId).and(EXTENSION.NUMBER.like(prefix))));
  }

  private static List<AdminUser> load(
      DSLContext dsl, long tenantId, Condition where, List<Field<?>> order, int limit) {
    List<Record> rows =
        dsl
            .select(
                APP_USER.ID,
                APP_USER.USERNAME,
                APP_USER.DISPLAY_NAME,
                APP_USER.ROLE,
                APP_USER.ENABLED,
                APP_USER.PASSWORD_CHANGE_REQUIRED,
                AGENT.ID,
                AGENT.AGENT_NUMBER,
                EXTENSION.NUMBER,
                AGENT.WRAPUP_SECONDS,
                AGENT.AFTER_CALL_WORK,
                AGENT.WORKING_WAY,
                AGENT.STATIC_MEMBER)
            .from(APP_USER)
            .leftJoin(AGENT)
            .on(AGENT.TENANT_ID.eq(APP_USER.TENANT_ID).and(AGENT.USER_ID.eq(APP_USER.ID)))
            .leftJoin(EXTENSION)
            .on(EXTENSION.TENANT_ID.eq(AGENT.TENANT_ID).and(EXTENSION.ID.eq(AGENT.EXTENSION_ID)))
            .where(APP_USER.TENANT_ID.eq(tenantId).and(APP_USER.DELETED_AT.isNull()).and(where))
            .orderBy(order.stream().map(Field::asc).toList())
            .limit(limit)
            .fetch()
            .stream()
            .map(r -> (Record) r)
            .toList();
    List<Long> userIds = rows.stream().map(r -> r.get(APP_USER.ID)).toList();
    List<Long> agentIds =
        rows.stream().map(r -> r.get(AGENT.ID)).filter(java.util.Objects::nonNull).toList();
    Map<Long, List<UserInput.Membership>> groups = new HashMap<>();
    dsl.select(AGENT_GROUP_MEMBER.AGENT_ID, AGENT_GROUP_MEMBER.GROUP_ID, AGENT_GROUP_MEMBER.PENALTY)
        .from(AGENT_GROUP_MEMBER)
        .where(
            AGENT_GROUP_MEMBER.TENANT_ID.eq(tenantId).and(AGENT_GROUP_MEMBER.AGENT_ID.in(agentIds)))
        .orderBy(AGENT_GROUP_MEMBER.GROUP_ID)
        .forEach(
            r ->
                groups
                    .computeIfAbsent(r.value1(), a -> new ArrayList<>())
                    .add(new UserInput.Membership(r.value2(), r.value3())));
    Map<Long, List<Long>> supervises = new HashMap<>();
    dsl.select(GROUP_SUPERVISOR.USER_ID, GROUP_SUPERVISOR.GROUP_ID)
        .from(GROUP_SUPERVISOR)
        .where(GROUP_SUPERVISOR.TENANT_ID.eq(tenantId).and(GROUP_SUPERVISOR.USER_ID.in(userIds)))
        .orderBy(GROUP_SUPERVISOR.GROUP_ID)
        .forEach(
            r -> supervises.computeIfAbsent(r.value1(), u -> new ArrayList<>()).add(r.value2()));
    return rows.stream()
        .map(
            r -> {
              Long agentId = r.get(AGENT.ID);
              AdminUser.Agent agent =
                  agentId == null
                      ? null
                      : new AdminUser.Agent(
                          agentId,
                          r.get(AGENT.AGENT_NUMBER),
                          r.get(EXTENSION.NUMBER),
                          r.get(AGENT.WRAPUP_SECONDS),
                          r.get(AGENT.AFTER_CALL_WORK),
                          r.get(AGENT.WORKING_WAY),
                          r.get(AGENT.STATIC_MEMBER),
                          groups.getOrDefault(agentId, List.of()));
              return new AdminUser(
                  r.get(APP_USER.ID),
                  r.get(APP_USER.USERNAME),
                  r.get(APP_USER.DISPLAY_NAME),
                  r.get(APP_USER.ROLE),
                  r.get(APP_USER.ENABLED),
                  r.get(APP_USER.PASSWORD_CHANGE_REQUIRED),
                  agent,
                  supervises.getOrDefault(r.get(APP_USER.ID), List.of()));
            })
        .toList();
  }

  /** The groups among {@code ids} that are not the tenant's. */
  static List<Long> foreignGroups(DSLContext dsl, long tenantId, Collection<Long> ids) {
    List<Long> own =
        dsl.select(AGENT_GROUP.ID)
            .from(AGENT_GROUP)
            .where(AGENT_GROUP.TENANT_ID.eq(tenantId).and(AGENT_GROUP.ID.in(ids)))
            .fetch(AGENT_GROUP.ID);
    return ids.stream().filter(id -> !own.contains(id)).toList();
  }

  static long insertUser(DSLContext dsl, long tenantId, UserInput in, String hash) {
    return dsl.insertInto(APP_USER)
        .set(APP_USER.TENANT_ID, tenantId)
        .set(APP_USER.USERNAME, in.username())
        .set(APP_USER.DISPLAY_NAME, in.displayName())
        .set(APP_USER.ROLE, in.role())
        .set(APP_USER.ENABLED, in.enabled() == null || in.enabled())
        .set(APP_USER.PASSWORD_HASH, hash)
        .set(APP_USER.PASSWORD_CHANGE_REQUIRED, Boolean.TRUE.equals(in.passwordChangeRequired()))
        .returning(APP_USER.ID)
        .fetchOne(APP_USER.ID);
  }

  static void updateUser(DSLContext dsl, long tenantId, long userId, UserInput in, String hash) {
    var update = dsl.update(APP_USER).set(APP_USER.TENANT_ID, tenantId);
    if (in.username() != null) {
      update = update.set(APP_USER.USERNAME, in.username());
    }
    if (in.displayName() != null) {
      update = update.set(APP_USER.DISPLAY_NAME, in.displayName());
    }
    if (in.role() != null) {
      update = update.set(APP_USER.ROLE, in.role());
    }
    if (in.enabled() != null) {
      update = update.set(APP_USER.ENABLED, in.enabled());
    }
    if (hash != null) {
      update = update.set(APP_USER.PASSWORD_HASH, hash);
    }
    if (in.passwordChangeRequired() != null) {
      update = update.set(APP_USER.PASSWORD_CHANGE_REQUIRED, in.passwordChangeRequired());
    }
    update.where(APP_USER.TENANT_ID.eq(tenantId).and(APP_USER.ID.eq(userId))).execute();
  }

  /**
   * The extension's id, created when the number is new; empty when another agent or a user's phone
   * holds it.
   */
  static Optional<Long> freeExtension(
      DSLContext dsl, long tenantId, String number, Long ownAgentId) {
    Long id =
        dsl.select(EXTENSION.ID)
            .from(EXTENSION)
            .where(EXTENSION.TENANT_ID.eq(tenantId).and(EXTENSION.NUMBER.eq(number)))
            .forUpdate()
            .fetchOne(EXTENSION.ID);
    if (id == null) {
      return Optional.of(
          dsl.insertInto(EXTENSION)
              .set(EXTENSION.TENANT_ID, tenantId)
              .set(EXTENSION.NUMBER, number)
              .returning(EXTENSION.ID)
              .fetchOne(EXTENSION.ID));
    }
    boolean agentHas =
        dsl.fetchExists(
            AGENT,
            AGENT
                .TENANT_ID
                .eq(tenantId)
                .and(AGENT.EXTENSION_ID.eq(id))
                .and(ownAgentId == null ? DSL.trueCondition() : AGENT.ID.ne(ownAgentId)));
    boolean phoneHas =
        dsl.fetchExists(
            APP_USER, APP_USER.TENANT_ID.eq(tenantId).and(APP_USER.PHONE_EXTENSION_ID.eq(id)));
    return agentHas || phoneHas ? Optional.empty() : Optional.of(id);
  }

  static long insertAgent(
      DSLContext dsl, long tenantId, long userId, UserInput.AgentInput a, long extensionId) {
    AgentRecord r = dsl.newRecord(AGENT);
    r.setTenantId(tenantId);
    r.setUserId(userId);
    r.setAgentNumber(a.number());
    r.setExtensionId(extensionId);
    applyAgent(r, a);
    r.store();
    return r.getId();
  }

  static void updateAgent(
      DSLContext dsl, long tenantId, long agentId, UserInput.AgentInput a, Long extensionId) {
    AgentRecord r =
        dsl.selectFrom(AGENT)
            .where(AGENT.TENANT_ID.eq(tenantId).and(AGENT.ID.eq(agentId)))
            .fetchOne();
    if (a.number() != null) {
      r.setAgentNumber(a.number());
    }
    if (extensionId != null) {
      r.setExtensionId(extensionId);
    }
    applyAgent(r, a);
    r.store();
  }

  private static void applyAgent(AgentRecord r, UserInput.AgentInput a) {
    if (a.wrapupSeconds() != null) {
      r.setWrapupSeconds(a.wrapupSeconds());
    }
    if (a.afterCallWork() != null) {
      r.setAfterCallWork(a.afterCallWork());
    }
    if (a.workingWay() != null) {
      r.setWorkingWay(a.workingWay());
    }
    if (a.staticMember() != null) {
      r.setStaticMember(a.staticMember());
    }
  }

  static void replaceGroups(
      DSLContext dsl, long tenantId, long agentId, List<UserInput.Membership> groups) {
    dsl.deleteFrom(AGENT_GROUP_MEMBER)
        .where(
            AGENT_GROUP_MEMBER.TENANT_ID.eq(tenantId).and(AGENT_GROUP_MEMBER.AGENT_ID.eq(agentId)))
        .execute();
    for (UserInput.Membership m : groups) {
      dsl.insertInto(AGENT_GROUP_MEMBER)
          .set(AGENT_GROUP_MEMBER.TENANT_ID, tenantId)
          .set(AGENT_GROUP_MEMBER.GROUP_ID, m.groupId())
          .set(AGENT_GROUP_MEMBER.AGENT_ID, agentId)
          .set(AGENT_GROUP_MEMBER.PENALTY, m.penalty())
          .execute();
    }
  }

  static void replaceSupervised(DSLContext dsl, long tenantId, long userId, List<Long> groupIds) {
    dsl.deleteFrom(GROUP_SUPERVISOR)
        .where(GROUP_SUPERVISOR.TENANT_ID.eq(tenantId).and(GROUP_SUPERVISOR.USER_ID.eq(userId)))
        .execute();
    for (long g : groupIds) {
      dsl.insertInto(GROUP_SUPERVISOR)
          .set(GROUP_SUPERVISOR.TENANT_ID, tenantId)
          .set(GROUP_SUPERVISOR.GROUP_ID, g)
          .set(GROUP_SUPERVISOR.USER_ID, userId)
          .execute();
    }
  }

  /**
   * Enabled admins of the tenant other than {@code userId}, their rows locked: two admins disabling
   * each other at once are serialized, so the second sees it would remove the last one.
   */
  static int otherEnabledAdmins(DSLContext dsl, long tenantId, long userId) {
    return dsl.select(APP_USER.ID)
        .from(APP_USER)
        .where(
            APP_USER
                .TENANT_ID
                .eq(tenantId)
                .and(APP_USER.ROLE.eq("admin"))
                .and(APP_USER.ENABLED.isTrue())
                .and(APP_USER.DELETED_AT.isNull())
                .and(APP_USER.ID.ne(userId)))
        .forUpdate()
        .fetch()
        .size();
  }

  /**
   * Removes the user: its memberships, supervised groups go (its sessions are ended after the
   * commit, by auth); the user and agent rows are soft-deleted (history refers to them, V15):
   * disabled, renamed {@code ~<id>}, extension released.
   */
  static void delete(DSLContext dsl, long tenantId, long userId, Long agentId, OffsetDateTime now) {
    replaceSupervised(dsl, tenantId, userId, List.of());
    if (agentId != null) {
      replaceGroups(dsl, tenantId, agentId, List.of());
      dsl.update(AGENT)
          .set(AGENT.AGENT_NUMBER, "~" + agentId)
          .setNull(AGENT.EXTENSION_ID)
          .where(AGENT.TENANT_ID.eq(tenantId).and(AGENT.ID.eq(agentId)))
          .execute();
    }
    dsl.update(APP_USER)
        .set(APP_USER.ENABLED, false)
        .set(APP_USER.DELETED_AT, now)
        .set(APP_USER.USERNAME, "~" + userId)
        .setNull(APP_USER.PHONE_EXTENSION_ID)
        .where(APP_USER.TENANT_ID.eq(tenantId).and(APP_USER.ID.eq(userId)))
        .execute();
  }
}
