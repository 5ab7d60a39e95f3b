package io.tandemcc.supervisor;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP_MEMBER;
import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.EXTENSION;

import io.tandemcc.call.CallScope;
import io.tandemcc.db.Database;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** The directory read of interventions: the target agent, within the caller's scope only. */
public final class SupervisorRepository {
  private final Database db;

  public SupervisorRepository(Database db) {
    this.db = db;
  }

  /** An agent a supervisor may act on. */
  public record Target(
      long tenantId, long agentId, long userId, String displayName, String extension) {}

  /**
   * The agent, if it belongs to the tenant and (unless {@code wholeTenant}) to one of {@code
   * groupIds}; empty otherwise, whether it does not exist, belongs to another group or to another
   * tenant.
   */
  Future<Optional<Target>> target(
      long tenantId, long agentId, Set<Long> groupIds, boolean wholeTenant) {
    return db.query(
        dsl -> {
          Condition inScope =
              wholeTenant
                  ? DSL.trueCondition()
                  : DSL.exists(
                      DSL.selectOne()
                          .from(AGENT_GROUP_MEMBER)
                          .where(
                              AGENT_GROUP_MEMBER
                                  .TENANT_ID
                                  .eq(AGENT.TENANT_ID)
                                  .and(AGENT_GROUP_MEMBER.AGENT_ID.eq(AGENT.ID))
                                  .and(AGENT_GROUP_MEMBER.GROUP_ID.in(groupIds))));
          return dsl.select(AGENT.ID, AGENT.USER_ID, APP_USER.DISPLAY_NAME, EXTENSION.NUMBER)
              .from(AGENT)
              .join(APP_USER)
              .on(APP_USER.TENANT_ID.eq(AGENT.TENANT_ID).and(APP_USER.ID.eq(AGENT.USER_ID)))
              .join(EXTENSION)
              .on(EXTENSION.TENANT_ID.eq(AGENT.TENANT_ID).and(EXTENSION.ID.eq(AGENT.EXTENSION_ID)))
              .where(AGENT.TENANT_ID.eq(tenantId).and(AGENT.ID.eq(agentId)).and(inScope))
              .fetchOptional(
                  r -> new Target(tenantId, r.value1(), r.value2(), r.value3(), r.value4()));
        });
  }

  /**
   * The queues and agents of these groups of the tenant: the calls a supervisor of them may reach.
   */
  Future<CallScope> callScope(long tenantId, Set<Long> groupIds) {
    return db.query(
        dsl ->
            new CallScope(
                false,
                dsl.select(AGENT_GROUP.QUEUE_NAME)
                    .from(AGENT_GROUP)
                    .where(AGENT_GROUP.TENANT_ID.eq(tenantId).and(AGENT_GROUP.ID.in(groupIds)))
                    .fetchSet(AGENT_GROUP.QUEUE_NAME),
                dsl.select(AGENT_GROUP_MEMBER.AGENT_ID)
                    .from(AGENT_GROUP_MEMBER)
                    .where(
                        AGENT_GROUP_MEMBER
                            .TENANT_ID
                            .eq(tenantId)
                            .and(AGENT_GROUP_MEMBER.GROUP_ID.in(groupIds)))
                    .fetchSet(AGENT_GROUP_MEMBER.AGENT_ID)));
  }
}
