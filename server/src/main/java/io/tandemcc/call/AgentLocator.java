package io.tandemcc.call;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP_MEMBER;
import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.EXTENSION;
import static io.tandemcc.db.generated.Tables.TENANT;

import io.tandemcc.db.Database;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;

/** Finds agents by their PBX endpoint (tenant domain + extension) or by id. Tenant-scoped. */
public final class AgentLocator {
  private final Database db;

  public AgentLocator(Database db) {
    this.db = db;
  }

  public Future<Optional<AgentRef>> byEndpoint(String domain, String extension) {
    return db.query(
        dsl ->
            find(dsl, TENANT.DOMAIN.eq(domain).and(EXTENSION.NUMBER.eq(extension))).stream()
                .findFirst());
  }

  public Future<Optional<AgentRef>> byId(long tenantId, long agentId) {
    return db.query(
        dsl ->
            find(dsl, AGENT.TENANT_ID.eq(tenantId).and(AGENT.ID.eq(agentId))).stream().findFirst());
  }

  /**
   * Every agent of the tenant with this domain, by extension, without their queues (the call side's
   * directory needs no more): one query however many agents.
   */
  public Future<java.util.Map<String, AgentRef>> allOfTenant(String domain) {
    return db.query(
        dsl -> {
          java.util.Map<String, AgentRef> byExtension = new java.util.HashMap<>();
          dsl.select(
                  AGENT.TENANT_ID,
                  TENANT.DOMAIN,
                  AGENT.ID,
                  EXTENSION.NUMBER,
                  AGENT.AGENT_NUMBER,
                  APP_USER.DISPLAY_NAME,
                  AGENT.STATIC_MEMBER)
              .from(AGENT)
              .join(TENANT)
              .on(TENANT.ID.eq(AGENT.TENANT_ID))
              .join(EXTENSION)
              .on(EXTENSION.TENANT_ID.eq(AGENT.TENANT_ID).and(EXTENSION.ID.eq(AGENT.EXTENSION_ID)))
              .join(APP_USER)
              .on(APP_USER.TENANT_ID.eq(AGENT.TENANT_ID).and(APP_USER.ID.eq(AGENT.USER_ID)))
              .where(TENANT.DOMAIN.eq(domain))
              .forEach(
                  r ->
                      byExtension.put(
                          r.value4(),
                          new AgentRef(
                              r.value1(),
                              r.value2(),
                              r.value3(),
                              r.value4(),
                              r.value5(),
                              r.value6(),
                              r.value7(),
                              List.of())));
          return byExtension;
        });
  }

  /** Every agent that belongs to at least one queue (for resynchronisation with the PBX). */
  public Future<List<AgentRef>> allWithQueues() {
    return db.query(
        dsl ->
            find(
                dsl,
                org.jooq.impl.DSL.exists(
                    dsl.selectOne()
                        .from(AGENT_GROUP_MEMBER)
                        .where(
                            AGENT_GROUP_MEMBER
                                .TENANT_ID
                                .eq(AGENT.TENANT_ID)
                                .and(AGENT_GROUP_MEMBER.AGENT_ID.eq(AGENT.ID))))));
  }

  /** {@code agent.working_way} of an agent who makes calls only: queues never offer it one. */
  static final String OUTBOUND_ONLY = "outbound";

  private static List<AgentRef> find(DSLContext dsl, Condition where) {
    var queues =
        org.jooq
            .impl
            .DSL
            .multiset(
                dsl.select(AGENT_GROUP.QUEUE_NAME)
                    .from(AGENT_GROUP_MEMBER)
                    .join(AGENT_GROUP)
                    .on(
                        AGENT_GROUP
                            .TENANT_ID
                            .eq(AGENT_GROUP_MEMBER.TENANT_ID)
                            .and(AGENT_GROUP.ID.eq(AGENT_GROUP_MEMBER.GROUP_ID)))
                    .where(
                        AGENT_GROUP_MEMBER
                            .TENANT_ID
                            .eq(AGENT.TENANT_ID)
                            .and(AGENT_GROUP_MEMBER.AGENT_ID.eq(AGENT.ID)))
                    // an outbound-only agent (working way) is in its groups for the team view, but
                    // joins none of their queues
                    .and(AGENT.WORKING_WAY.ne(OUTBOUND_ONLY))
                    .orderBy(AGENT_GROUP.QUEUE_NAME))
            .as("queues")
            .convertFrom(r -> r.map(org.jooq.Record1::value1));
    return dsl.select(
            AGENT.TENANT_ID,
            TENANT.DOMAIN,
            AGENT.ID,
            EXTENSION.NUMBER,
            AGENT.AGENT_NUMBER,
            APP_USER.DISPLAY_NAME,
            AGENT.STATIC_MEMBER,
            queues)
        .from(AGENT)
        .join(TENANT)
        .on(TENANT.ID.eq(AGENT.TENANT_ID))
        .join(EXTENSION)
        .on(EXTENSION.TENANT_ID.eq(AGENT.TENANT_ID).and(EXTENSION.ID.eq(AGENT.EXTENSION_ID)))
        .join(APP_USER)
        .on(APP_USER.TENANT_ID.eq(AGENT.TENANT_ID).and(APP_USER.ID.eq(AGENT.USER_ID)))
        .where(where)
        .fetch(
            r ->
                new AgentRef(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    r.value6(),
                    r.value7(),
                    r.value8()));
  }
}
