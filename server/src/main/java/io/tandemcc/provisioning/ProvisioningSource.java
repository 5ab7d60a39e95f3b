package io.tandemcc.provisioning;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP_MEMBER;
import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.EXTENSION;
import static io.tandemcc.db.generated.Tables.TENANT;
import static io.tandemcc.db.generated.Tables.TENANT_TRUNK;

import io.tandemcc.db.Database;
import io.tandemcc.pbx.provisioning.EndpointSpec;
import io.tandemcc.pbx.provisioning.OutboundRoute;
import io.tandemcc.pbx.provisioning.QueueSpec;
import io.tandemcc.pbx.provisioning.StaticMember;
import io.tandemcc.pbx.provisioning.TenantPbxModel;
import io.tandemcc.pbx.provisioning.TrunkConnection;
import io.tandemcc.tenant.OutboundRules;
import io.tandemcc.tenant.OutboundRulesRepository;
import io.tandemcc.tenant.Tenant;
import io.tandemcc.tenant.TenantStatus;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Reads what the PBX must know about each tenant from the database: the agents' extensions with
 * their display names (enabled users only), one queue per agent group with the group's static
 * members, and the tenant's trunk. Every query is scoped by one tenant; the models are returned as
 * stored (the renderer validates them).
 */
public final class ProvisioningSource {
  private final Database db;

  public ProvisioningSource(Database db) {
    this.db = db;
  }

  /** Every tenant's model, in domain order, read in one transaction. */
  public Future<List<TenantPbxModel>> all() {
    return db.transaction(
        dsl -> {
          List<TenantPbxModel> models = new ArrayList<>();
          // neither the reserved tenant of the system users nor deleted tenants have phones or
          // queues
          for (var tenant :
              dsl.select(TENANT.ID, TENANT.DOMAIN)
                  .from(TENANT)
                  .where(
                      TENANT
                          .DOMAIN
                          .ne(Tenant.SYSTEM_DOMAIN)
                          .and(TENANT.STATUS.ne(TenantStatus.DELETED.wireName())))
                  .orderBy(TENANT.DOMAIN)
                  .fetch()) {
            models.add(tenant(dsl, tenant.value1(), tenant.value2()));
          }
          return List.copyOf(models);
        });
  }

  /**
   * The models of the given tenants by domain, read in one transaction; a deleted tenant maps to
   * {@code null} (it leaves the PBX), an id that is no tenant's, or the system users' tenant, is
   * not in the map.
   */
  public Future<Map<String, TenantPbxModel>> some(java.util.Set<Long> tenantIds) {
    return db.transaction(
        dsl -> {
          Map<String, TenantPbxModel> models = new java.util.HashMap<>();
          for (var tenant :
              dsl.select(TENANT.ID, TENANT.DOMAIN, TENANT.STATUS)
                  .from(TENANT)
                  .where(TENANT.ID.in(tenantIds).and(TENANT.DOMAIN.ne(Tenant.SYSTEM_DOMAIN)))
                  .fetch()) {
            models.put(
                tenant.value2(),
                TenantStatus.DELETED.wireName().equals(tenant.value3())
                    ? null
                    : tenant(dsl, tenant.value1(), tenant.value2()));
          }
          return models;
        });
  }

  /** The model of one tenant, read with queries that all carry {@code tenant_id = tenantId}. */
  static TenantPbxModel tenant(DSLContext dsl, long tenantId, String domain) {
    return new TenantPbxModel(
        domain, endpoints(dsl, tenantId), queues(dsl, tenantId), outbound(dsl, tenantId));
  }

  /**
   * The agents' phones and the supervisors' and admins' own phones (for monitoring), by extension.
   */
  private static List<EndpointSpec> endpoints(DSLContext dsl, long tenantId) {
    var agents =
        dsl.select(EXTENSION.NUMBER, APP_USER.DISPLAY_NAME)
            .from(AGENT)
            .join(EXTENSION)
            .on(EXTENSION.TENANT_ID.eq(AGENT.TENANT_ID).and(EXTENSION.ID.eq(AGENT.EXTENSION_ID)))
            .join(APP_USER)
            .on(APP_USER.TENANT_ID.eq(AGENT.TENANT_ID).and(APP_USER.ID.eq(AGENT.USER_ID)))
            .where(AGENT.TENANT_ID.eq(tenantId).and(enabled()));
    var ownPhones =
        dsl.select(EXTENSION.NUMBER, APP_USER.DISPLAY_NAME)
            .from(APP_USER)
            .join(EXTENSION)
            .on(
                EXTENSION
                    .TENANT_ID
                    .eq(APP_USER.TENANT_ID)
                    .and(EXTENSION.ID.eq(APP_USER.PHONE_EXTENSION_ID)))
            .where(APP_USER.TENANT_ID.eq(tenantId).and(enabled()));
    return agents.unionAll(ownPhones).fetch(r -> new EndpointSpec(r.value1(), r.value2())).stream()
        .sorted(java.util.Comparator.comparing(EndpointSpec::extension))
        .toList();
  }

  private static List<QueueSpec> queues(DSLContext dsl, long tenantId) {
    Map<Long, org.jooq.Record4<Long, String, String, Integer>> names = new LinkedHashMap<>();
    dsl.select(
            AGENT_GROUP.ID,
            AGENT_GROUP.QUEUE_NAME,
            AGENT_GROUP.STRATEGY,
            AGENT_GROUP.RING_TIMEOUT_SECONDS)
        .from(AGENT_GROUP)
        .where(AGENT_GROUP.TENANT_ID.eq(tenantId))
        .orderBy(AGENT_GROUP.QUEUE_NAME)
        .forEach(r -> names.put(r.value1(), r));
    Map<Long, List<StaticMember>> members = new LinkedHashMap<>();
    dsl.select(AGENT_GROUP_MEMBER.GROUP_ID, EXTENSION.NUMBER, AGENT_GROUP_MEMBER.PENALTY)
        .from(AGENT_GROUP_MEMBER)
        .join(AGENT)
        .on(
            AGENT
                .TENANT_ID
                .eq(AGENT_GROUP_MEMBER.TENANT_ID)
                .and(AGENT.ID.eq(AGENT_GROUP_MEMBER.AGENT_ID)))
        .join(EXTENSION)
        .on(EXTENSION.TENANT_ID.eq(AGENT.TENANT_ID).and(EXTENSION.ID.eq(AGENT.EXTENSION_ID)))
        .join(APP_USER)
        .on(APP_USER.TENANT_ID.eq(AGENT.TENANT_ID).and(APP_USER.ID.eq(AGENT.USER_ID)))
        .where(
            AGENT_GROUP_MEMBER
                .TENANT_ID
                .eq(tenantId)
                .and(AGENT.STATIC_MEMBER.isTrue())
                .and(AGENT.WORKING_WAY.ne("outbound"))
                .and(enabled()))
        .orderBy(EXTENSION.NUMBER)
        .forEach(
            r ->
                members
                    .computeIfAbsent(r.value1(), g -> new ArrayList<>())
                    .add(new StaticMember(r.value2(), r.value3())));
    List<QueueSpec> queues = new ArrayList<>();
    names.forEach(
        (group, g) ->
            queues.add(
                new QueueSpec(
                    g.value2(), members.getOrDefault(group, List.of()), g.value3(), g.value4())));
    return queues;
  }

  private static OutboundRoute outbound(DSLContext dsl, long tenantId) {
    return dsl.selectFrom(TENANT_TRUNK)
        .where(TENANT_TRUNK.TENANT_ID.eq(tenantId))
        .fetchOptional(
            r -> {
              // the dialplan refuses what the server refuses too (defence in depth): blocked,
              // premium, international
              OutboundRules rules = OutboundRulesRepository.read(dsl, tenantId);
              // with a host set in the administration the server renders the trunk; without,
              // pjsip.conf holds it
              TrunkConnection connection =
                  r.getHost() == null
                      ? null
                      : new TrunkConnection(
                          r.getHost(), r.getPort(), r.getUsername(), r.getPassword());
              return new OutboundRoute(
                  r.getEndpoint(),
                  r.getCallerIdNumber(),
                  List.copyOf(rules.dialplanRefusals()),
                  List.copyOf(rules.dialplanAdmissions()),
                  connection);
            })
        .orElse(null);
  }

  /** Disabled users cannot sign in: their phones and queue seats are left out. */
  private static Condition enabled() {
    return APP_USER.ENABLED.isTrue();
  }
}
