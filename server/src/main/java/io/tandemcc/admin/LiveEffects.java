package io.tandemcc.admin;

import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.provisioning.ProvisionPbx;
import io.tandemcc.provisioning.ProvisioningAddresses;
import io.tandemcc.tenant.RosterChanged;
import io.tandemcc.tenant.TenantAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an administration change sets off once committed, without a restart: the owners of the roster reload it
 * ({@link RosterChanged}), the PBX's generated files are rendered and reloaded ({@link ProvisionPbx}; no handler
 * when provisioning is off), and a disabled or deleted user's sessions end.
 */
public final class LiveEffects {
  private static final Logger LOG = LoggerFactory.getLogger(LiveEffects.class);

  /** Ends every session of a user (auth's, which this package does not depend on for the rest). */
  @FunctionalInterface
  public interface UserSessions {
    Future<Void> endAll(long tenantId, long userId, String reason);
  }

  private final Vertx vertx;
  private final AgentStateClient agents;
  private final UserSessions sessions;

  public LiveEffects(Vertx vertx, AgentStateClient agents, UserSessions sessions) {
    this.vertx = vertx;
    this.agents = agents;
    this.sessions = sessions;
  }

  /** The roster and the PBX follow a committed change. */
  void changed(long tenantId, String reason) {
    vertx.eventBus().publish(TenantAddresses.ROSTER_CHANGED, new RosterChanged(tenantId));
    vertx.eventBus().request(ProvisioningAddresses.PROVISION, new ProvisionPbx(reason))
        .onFailure(e -> LOG.debug("tenant {}: no provisioning after {}: {}", tenantId, reason, e.getMessage()))
        .onComplete(ar -> vertx.eventBus().publish(TenantAddresses.ROSTER_APPLIED, new RosterChanged(tenantId)));
  }

  /**
   * A disabled or deleted user: an agent is logged out first (it leaves its queues and the team view shows it
   * logged out; refused during a call, and the sessions end anyway), then every session ends.
   */
  Future<Void> endSessions(long tenantId, long userId, Long agentId, String reason, long actorUserId) {
    Future<?> logout = agentId == null ? Future.succeededFuture()
        : agents.send(tenantId, agentId, new AgentEvent.LogoutRequested(), "admin:" + actorUserId)
            .recover(e -> Future.succeededFuture());
    return logout.compose(v -> sessions.endAll(tenantId, userId, reason));
  }

  /** Whether the agent is on a call now (ringing, talking or held). */
  Future<Boolean> onCall(long tenantId, long agentId) {
    return agents.current(tenantId, agentId).map(s -> s.call() != null).recover(e -> Future.succeededFuture(false));
  }
}
