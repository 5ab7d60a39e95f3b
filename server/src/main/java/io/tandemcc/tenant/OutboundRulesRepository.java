package io.tandemcc.tenant;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.TENANT_OUTBOUND_RULES;

import io.tandemcc.db.Database;
import io.vertx.core.Future;
import org.jooq.DSLContext;

/**
 * Reads a tenant's outbound rules ({@code tenant_outbound_rules}); a tenant without a row gets
 * {@link OutboundRules#DEFAULTS}, the columns' defaults. Read on every check: rules are a
 * primary-key lookup, and an edit takes effect on the next call without a cache to invalidate.
 */
public final class OutboundRulesRepository {
  private final Database db;

  public OutboundRulesRepository(Database db) {
    this.db = db;
  }

  public Future<OutboundRules> of(long tenantId) {
    return db.query(dsl -> read(dsl, tenantId));
  }

  /** Whether the agent's working way is inbound only: it makes no outside call. */
  public Future<Boolean> inboundOnly(long tenantId, long agentId) {
    return db.query(
        dsl ->
            dsl.fetchExists(
                AGENT,
                AGENT
                    .TENANT_ID
                    .eq(tenantId)
                    .and(AGENT.ID.eq(agentId))
                    .and(AGENT.WORKING_WAY.eq("inbound"))));
  }

  /**
   * The same, inside a query or transaction already running (provisioning reads the whole model in
   * one).
   */
  public static OutboundRules read(DSLContext dsl, long tenantId) {
    return dsl.selectFrom(TENANT_OUTBOUND_RULES)
        .where(TENANT_OUTBOUND_RULES.TENANT_ID.eq(tenantId))
        .fetchOptional(
            r ->
                new OutboundRules(
                    r.getCountryCode(),
                    OutboundRules.parsePrefixes(r.getAllowedPrefixes()),
                    OutboundRules.parsePrefixes(r.getBlockedPrefixes()),
                    OutboundRules.parsePrefixes(r.getPremiumPrefixes()),
                    r.getInternationalAllowed(),
                    r.getPremiumAllowed(),
                    r.getMaxOutboundPerTenant(),
                    r.getMaxOutboundPerAgent()))
        .orElse(OutboundRules.DEFAULTS);
  }
}
