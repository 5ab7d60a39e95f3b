package io.tandemcc.admin;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP_MEMBER;
import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.GROUP_SUPERVISOR;
import static io.tandemcc.db.generated.Tables.TENANT;

import io.tandemcc.common.Page;
import io.tandemcc.db.generated.tables.records.AgentGroupRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The rows behind /api/admin/groups, always scoped by tenant. */
final class GroupRepository {
  private GroupRepository() {}

  static Optional<AdminGroup> find(DSLContext dsl, long tenantId, long id) {
    return load(dsl, tenantId, AGENT_GROUP.ID.eq(id), 1).stream().findFirst();
  }

  static Page<AdminGroup> page(DSLContext dsl, long tenantId, String q, int limit, String after) {
    Condition where = DSL.trueCondition();
    if (q != null) {
      String like =
          "%"
              + q.toLowerCase(Locale.ROOT)
                  .replace("\\", "\\\\")
                  .replace("%", "\\%")
                  .replace("_", "\\_")
              + "%";
      where =
          where.and(DSL.lower(AGENT_GROUP.NAME).like(like).or(AGENT_GROUP.QUEUE_NAME.like(like)));
    }
    Cursors.Key k = Cursors.parse(after);
    if (k != null) {
      where = where.and(DSL.row(AGENT_GROUP.NAME, AGENT_GROUP.ID).gt(k.value(), k.id()));
    }
    List<AdminGroup> rows = load(dsl, tenantId, where, limit + 1);
    boolean more = rows.size() > limit;
    List<AdminGroup> items = more ? rows.subList(0, limit) : rows;
    AdminGroup last = more ? items.get(items.size() - 1) : null;
    return new Page<>(items, last == null ? null : Cursors.of(last.name(), last.id()));
  }

  private static List<AdminGroup> load(DSLContext dsl, long tenantId, Condition where, int limit) {
    List<AgentGroupRecord> groups =
        dsl.selectFrom(AGENT_GROUP)
            .where(AGENT_GROUP.TENANT_ID.eq(tenantId).and(where))
            .orderBy(AGENT_GROUP.NAME, AGENT_GROUP.ID)
            .limit(limit)
            .fetch();
    List<Long> ids = groups.stream().map(AgentGroupRecord::getId).toList();
    Map<Long, List<AdminGroup.Member>> members = new HashMap<>();
    dsl.select(AGENT_GROUP_MEMBER.GROUP_ID, AGENT_GROUP_MEMBER.AGENT_ID, AGENT_GROUP_MEMBER.PENALTY)
        .from(AGENT_GROUP_MEMBER)
        .where(AGENT_GROUP_MEMBER.TENANT_ID.eq(tenantId).and(AGENT_GROUP_MEMBER.GROUP_ID.in(ids)))
        .orderBy(AGENT_GROUP_MEMBER.AGENT_ID)
        .forEach(
            r ->
                members
                    .computeIfAbsent(r.value1(), g -> new ArrayList<>())
                    .add(new AdminGroup.Member(r.value2(), r.value3())));
    Map<Long, List<Long>> supervisors = new HashMap<>();
    dsl.select(GROUP_SUPERVISOR.GROUP_ID, GROUP_SUPERVISOR.USER_ID)
        .from(GROUP_SUPERVISOR)
        .where(GROUP_SUPERVISOR.TENANT_ID.eq(tenantId).and(GROUP_SUPERVISOR.GROUP_ID.in(ids)))
        .orderBy(GROUP_SUPERVISOR.USER_ID)
        .forEach(
            r -> supervisors.computeIfAbsent(r.value1(), g -> new ArrayList<>()).add(r.value2()));
    return groups.stream()
        .map(
            g ->
                new AdminGroup(
                    g.getId(),
                    g.getName(),
                    g.getQueueName(),
                    g.getStrategy(),
                    g.getRingTimeoutSeconds(),
                    g.getServiceLevelSeconds(),
                    g.getAlwaysRecord(),
                    members.getOrDefault(g.getId(), List.of()),
                    supervisors.getOrDefault(g.getId(), List.of())))
        .toList();
  }

  /** A queue name no group has: {@code <domain>-<slug of the name>}, with a number when taken. */
  static String queueName(DSLContext dsl, long tenantId, String name) {
    String domain =
        dsl.select(TENANT.DOMAIN)
            .from(TENANT)
            .where(TENANT.ID.eq(tenantId))
            .fetchOne(TENANT.DOMAIN);
    String slug =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > 40) {
      slug = slug.substring(0, 40).replaceAll("-+$", "");
    }
    String base = domain + "-" + (slug.isEmpty() ? "queue" : slug);
    String candidate = base;
    for (int n = 2; dsl.fetchExists(AGENT_GROUP, AGENT_GROUP.QUEUE_NAME.eq(candidate)); n++) {
      candidate = base + "-" + n;
    }
    return candidate;
  }

  static long insert(DSLContext dsl, long tenantId, GroupInput in, String queueName) {
    AgentGroupRecord r = dsl.newRecord(AGENT_GROUP);
    r.setTenantId(tenantId);
    r.setName(in.name());
    r.setQueueName(queueName);
    apply(r, in);
    r.store();
    return r.getId();
  }

  static void update(DSLContext dsl, long tenantId, long id, GroupInput in) {
    AgentGroupRecord r =
        dsl.selectFrom(AGENT_GROUP)
            .where(AGENT_GROUP.TENANT_ID.eq(tenantId).and(AGENT_GROUP.ID.eq(id)))
            .fetchOne();
    if (in.name() != null) {
      r.setName(in.name());
    }
    apply(r, in);
    r.store();
  }

  private static void apply(AgentGroupRecord r, GroupInput in) {
    if (in.strategy() != null) {
      r.setStrategy(in.strategy());
    }
    if (in.ringTimeoutSeconds() != null) {
      r.setRingTimeoutSeconds(in.ringTimeoutSeconds());
    }
    if (in.serviceLevelSeconds() != null) {
      r.setServiceLevelSeconds(in.serviceLevelSeconds());
    }
    if (in.alwaysRecord() != null) {
      r.setAlwaysRecord(in.alwaysRecord());
    }
  }

  static void replaceMembers(
      DSLContext dsl, long tenantId, long groupId, List<AdminGroup.Member> members) {
    dsl.deleteFrom(AGENT_GROUP_MEMBER)
        .where(
            AGENT_GROUP_MEMBER.TENANT_ID.eq(tenantId).and(AGENT_GROUP_MEMBER.GROUP_ID.eq(groupId)))
        .execute();
    for (AdminGroup.Member m : members) {
      dsl.insertInto(AGENT_GROUP_MEMBER)
          .set(AGENT_GROUP_MEMBER.TENANT_ID, tenantId)
          .set(AGENT_GROUP_MEMBER.GROUP_ID, groupId)
          .set(AGENT_GROUP_MEMBER.AGENT_ID, m.agentId())
          .set(AGENT_GROUP_MEMBER.PENALTY, m.penalty())
          .execute();
    }
  }

  static void replaceSupervisors(DSLContext dsl, long tenantId, long groupId, List<Long> userIds) {
    dsl.deleteFrom(GROUP_SUPERVISOR)
        .where(GROUP_SUPERVISOR.TENANT_ID.eq(tenantId).and(GROUP_SUPERVISOR.GROUP_ID.eq(groupId)))
        .execute();
    for (long u : userIds) {
      dsl.insertInto(GROUP_SUPERVISOR)
          .set(GROUP_SUPERVISOR.TENANT_ID, tenantId)
          .set(GROUP_SUPERVISOR.GROUP_ID, groupId)
          .set(GROUP_SUPERVISOR.USER_ID, u)
          .execute();
    }
  }

  /**
   * The agents among {@code ids} that are not live agents of the tenant (another tenant's, deleted,
   * unknown).
   */
  static List<Long> foreignAgents(DSLContext dsl, long tenantId, Collection<Long> ids) {
    List<Long> own =
        dsl.select(AGENT.ID)
            .from(AGENT)
            .where(
                AGENT
                    .TENANT_ID
                    .eq(tenantId)
                    .and(AGENT.ID.in(ids))
                    .and(AGENT.EXTENSION_ID.isNotNull()))
            .fetch(AGENT.ID);
    return ids.stream().filter(id -> !own.contains(id)).toList();
  }

  /** The users among {@code ids} that are not supervisors or admins of the tenant. */
  static List<Long> notSupervisors(DSLContext dsl, long tenantId, Collection<Long> ids) {
    List<Long> own =
        dsl.select(APP_USER.ID)
            .from(APP_USER)
            .where(
                APP_USER
                    .TENANT_ID
                    .eq(tenantId)
                    .and(APP_USER.ID.in(ids))
                    .and(APP_USER.DELETED_AT.isNull())
                    .and(APP_USER.ROLE.in("supervisor", "admin")))
            .fetch(APP_USER.ID);
    return ids.stream().filter(id -> !own.contains(id)).toList();
  }

  static boolean delete(DSLContext dsl, long tenantId, long id) {
    replaceMembers(dsl, tenantId, id, List.of());
    replaceSupervisors(dsl, tenantId, id, List.of());
    return dsl.deleteFrom(AGENT_GROUP)
            .where(AGENT_GROUP.TENANT_ID.eq(tenantId).and(AGENT_GROUP.ID.eq(id)))
            .execute()
        == 1;
  }

  static boolean nameTaken(DSLContext dsl, long tenantId, String name, Long except) {
    return dsl.fetchExists(
        AGENT_GROUP,
        AGENT_GROUP
            .TENANT_ID
            .eq(tenantId)
            .and(AGENT_GROUP.NAME.eq(name))
            .and(except == null ? DSL.trueCondition() : AGENT_GROUP.ID.ne(except)));
  }
}
