package io.tandemcc.supervisor;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP_MEMBER;
import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.EXTENSION;
import static io.tandemcc.db.generated.Tables.TENANT;

import io.tandemcc.db.Database;
import io.vertx.core.Future;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the team view reads from the database: a tenant's roster and today's queue calls.
 * Tenant-scoped.
 */
public final class TeamRepository {
  private static final Logger LOG = LoggerFactory.getLogger(TeamRepository.class);
  private final Database db;

  public TeamRepository(Database db) {
    this.db = db;
  }

  record Roster(
      long tenantId,
      String domain,
      ZoneId zone,
      List<RosterAgent> agents,
      List<RosterGroup> groups) {}

  record RosterAgent(
      long agentId, String displayName, String agentNumber, String extension, Set<Long> groupIds) {}

  record RosterGroup(long groupId, String name, String queueName, int serviceLevelSeconds) {}

  /**
   * The tenant's enabled agents (by display name) and groups, or empty if there is no such tenant.
   */
  Future<Optional<Roster>> roster(long tenantId) {
    return db.query(
        dsl -> {
          var tenant =
              dsl.select(TENANT.DOMAIN, TENANT.TIME_ZONE)
                  .from(TENANT)
                  .where(TENANT.ID.eq(tenantId))
                  .fetchOne();
          if (tenant == null) {
            return Optional.<Roster>empty();
          }
          Map<Long, Set<Long>> groupsOf = new HashMap<>();
          dsl.select(AGENT_GROUP_MEMBER.AGENT_ID, AGENT_GROUP_MEMBER.GROUP_ID)
              .from(AGENT_GROUP_MEMBER)
              .where(AGENT_GROUP_MEMBER.TENANT_ID.eq(tenantId))
              .forEach(
                  r -> groupsOf.computeIfAbsent(r.value1(), a -> new HashSet<>()).add(r.value2()));
          List<RosterAgent> agents =
              dsl.select(AGENT.ID, APP_USER.DISPLAY_NAME, AGENT.AGENT_NUMBER, EXTENSION.NUMBER)
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
                  .orderBy(APP_USER.DISPLAY_NAME, AGENT.ID)
                  .fetch(
                      r ->
                          new RosterAgent(
                              r.value1(),
                              r.value2(),
                              r.value3(),
                              r.value4(),
                              groupsOf.getOrDefault(r.value1(), Set.of())));
          List<RosterGroup> groups =
              dsl.select(
                      AGENT_GROUP.ID,
                      AGENT_GROUP.NAME,
                      AGENT_GROUP.QUEUE_NAME,
                      AGENT_GROUP.SERVICE_LEVEL_SECONDS)
                  .from(AGENT_GROUP)
                  .where(AGENT_GROUP.TENANT_ID.eq(tenantId))
                  .orderBy(AGENT_GROUP.NAME)
                  .fetch(r -> new RosterGroup(r.value1(), r.value2(), r.value3(), r.value4()));
          return Optional.of(
              new Roster(
                  tenantId, tenant.value1(), zone(tenantId, tenant.value2()), agents, groups));
        });
  }

  /**
   * Today's totals per queue (PBX queue name), from the queue calls that started at or after {@code
   * since}.
   */
  Future<Map<String, QueueFigures.Day>> day(long tenantId, Instant since) {
    return db.query(
        dsl -> {
          Map<String, QueueFigures.Day> days = new HashMap<>();
          dsl.fetch(
                  """
          select g.queue_name,
            count(*) filter (where c.outcome = 'answered') as answered,
            count(*) filter (where c.outcome = 'abandoned') as abandoned,
            count(*) filter (where c.outcome = 'answered' and c.wait_seconds <= g.service_level_seconds) as in_time,
            coalesce(sum(c.wait_seconds) filter (where c.outcome = 'answered'), 0) as wait_sum,
            count(c.talk_seconds) filter (where c.outcome = 'answered') as talk_count,
            coalesce(sum(c.talk_seconds) filter (where c.outcome = 'answered'), 0) as talk_sum
          from call_record c
          join agent_group g on g.tenant_id = c.tenant_id and g.queue_name = c.queue_name
          where c.tenant_id = ? and c.kind = 'queue' and c.started_at >= cast(? as timestamp with time zone)
          group by g.queue_name""",
                  tenantId,
                  since.atOffset(ZoneOffset.UTC))
              .forEach(
                  r ->
                      days.put(
                          r.get(0, String.class),
                          new QueueFigures.Day(
                              r.get(1, Integer.class),
                              r.get(2, Integer.class),
                              r.get(3, Integer.class),
                              r.get(4, Long.class),
                              r.get(5, Integer.class),
                              r.get(6, Long.class))));
          return days;
        });
  }

  private static ZoneId zone(long tenantId, String name) {
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      LOG.warn("tenant {}: time zone '{}' is not valid; using UTC", tenantId, name);
      return ZoneOffset.UTC;
    }
  }
}
