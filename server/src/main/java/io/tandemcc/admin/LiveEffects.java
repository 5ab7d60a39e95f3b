package io.tandemcc.admin;

import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.call.AgentCallQuery;
import io.tandemcc.call.AgentCallView;
import io.tandemcc.call.CallAddresses;
import io.tandemcc.common.ApiException;
import io.tandemcc.provisioning.ProvisionPbx;
import io.tandemcc.provisioning.ProvisioningAddresses;
import io.tandemcc.tenant.RosterChanged;
import io.tandemcc.tenant.TenantAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an administration change sets off once committed, without a restart: the owners of the
 * roster reload it ({@link RosterChanged}), the PBX's generated files are rendered and reloaded
 * ({@link ProvisionPbx}; no handler when provisioning is off), and a disabled or deleted user's
 * sessions end.
 */
public final class LiveEffects {
  private static final Logger LOG = LoggerFactory.getLogger(LiveEffects.class);
  private static final DeliveryOptions CALL_QUERY = new DeliveryOptions().setSendTimeout(3000);

  /** Ends every session of a user (auth's, which this package does not depend on for the rest). */
  @FunctionalInterface
  public interface UserSessions {
    Future<Void> endAll(long tenantId, long userId, String reason);
  }

  private final Vertx vertx;
  private final AgentStateClient agents;
  private final UserSessions sessions;
  private final Rounds rounds = new Rounds();

  public LiveEffects(Vertx vertx, AgentStateClient agents, UserSessions sessions) {
    this.vertx = vertx;
    this.agents = agents;
    this.sessions = sessions;
  }

  /**
   * The roster and the PBX follow a committed change. One round per tenant at a time (the roster
   * owners reload the tenant, its PBX files are rendered and reloaded, then the queue membership is
   * compared): the changes committed during a round share one more round after it, so a burst of
   * changes (a script creating agents one by one) costs two reloads of 10,000 agents, not one per
   * change.
   */
  void changed(long tenantId, String reason) {
    if (rounds.begin(tenantId)) {
      round(tenantId, reason);
    }
  }

  private void round(long tenantId, String reason) {
    vertx.eventBus().publish(TenantAddresses.ROSTER_CHANGED, new RosterChanged(tenantId));
    vertx
        .eventBus()
        .request(ProvisioningAddresses.PROVISION, new ProvisionPbx(reason, tenantId))
        .onFailure(
            e ->
                LOG.debug(
                    "tenant {}: no provisioning after {}: {}", tenantId, reason, e.getMessage()))
        .onComplete(
            ar -> {
              vertx.eventBus().publish(TenantAddresses.ROSTER_APPLIED, new RosterChanged(tenantId));
              if (rounds.end(tenantId)) {
                round(tenantId, "changes during the previous round");
              }
            });
  }

  /**
   * Per tenant: whether a round is under way, and whether changes are owed one more after it. Any
   * thread.
   */
  static final class Rounds {
    private final java.util.Map<Long, Boolean> owed = new java.util.HashMap<>();

    /**
     * True when the caller is to start a round now; false when one is under way (one more is owed
     * after it).
     */
    synchronized boolean begin(long tenantId) {
      if (owed.containsKey(tenantId)) {
        owed.put(tenantId, true);
        return false;
      }
      owed.put(tenantId, false);
      return true;
    }

    /** The round is over; true when the caller is to start the owed one now. */
    synchronized boolean end(long tenantId) {
      if (Boolean.TRUE.equals(owed.get(tenantId))) {
        owed.put(tenantId, false);
        return true;
      }
      owed.remove(tenantId);
      return false;
    }
  }

  /**
   * A disabled or deleted user: an agent is logged out first (it leaves its queues and the team
   * view shows it logged out; refused during a call, and the sessions end anyway), then every
   * session ends.
   */
  Future<Void> endSessions(
      long tenantId, long userId, Long agentId, String reason, long actorUserId) {
    Future<?> logout =
        agentId == null
            ? Future.succeededFuture()
            : agents
                .send(tenantId, agentId, new AgentEvent.LogoutRequested(), "admin:" + actorUserId)
                .recover(e -> Future.succeededFuture());
    return logout.compose(v -> sessions.endAll(tenantId, userId, reason));
  }

  /**
   * Whether the agent is on a call now (ringing, talking or held), as either owner knows it: the
   * call owner sees a ringing leg first (the agent state owner hears of the offer after it, and not
   * at all for an agent that is not Ready, e.g. a colleague dialling its extension). No call owner
   * (no PBX) is no call; a call owner that does not answer is 503, not a guess.
   */
  Future<Boolean> onCall(long tenantId, long agentId) {
    Future<Boolean> state =
        agents
            .current(tenantId, agentId)
            .map(s -> s.call() != null)
            .recover(e -> Future.succeededFuture(false));
    Future<Boolean> calls =
        vertx
            .eventBus()
            .<AgentCallView.Reply>request(
                CallAddresses.AGENT_CALL, new AgentCallQuery(tenantId, agentId), CALL_QUERY)
            .map(m -> m.body().call().isPresent())
            .recover(
                e ->
                    e instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS
                        ? Future.succeededFuture(false)
                        : Future.failedFuture(
                            new ApiException(
                                503,
                                "calls-unavailable",
                                "Unavailable",
                                "Whether the agent is on a call cannot be told now; try again.")));
    return Future.all(state, calls).map(all -> state.result() || calls.result());
  }

  /**
   * The same, waited for on a worker thread (inside the delete's transaction, with the user's row
   * locked): an offer that arrived while the delete waited for its lock is seen; only an offer in
   * the last milliseconds before the commit can still slip through, and that call ends with the
   * agent's sessions.
   */
  boolean onCallNow(long tenantId, long agentId) {
    try {
      return onCall(tenantId, agentId)
          .toCompletionStage()
          .toCompletableFuture()
          .get(CALL_QUERY.getSendTimeout() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof ApiException api
          ? api
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (TimeoutException e) {
      throw new ApiException(
          503,
          "calls-unavailable",
          "Unavailable",
          "Whether the agent is on a call cannot be told now; try again.");
    }
  }
}
