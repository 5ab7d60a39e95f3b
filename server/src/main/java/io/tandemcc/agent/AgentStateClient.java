package io.tandemcc.agent;

import io.tandemcc.common.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;

/** Sends commands to {@link AgentStateVerticle} and turns delivery failures into API errors. */
public final class AgentStateClient {
  private static final DeliveryOptions OPTIONS = new DeliveryOptions().setSendTimeout(10_000);
  private final Vertx vertx;

  public AgentStateClient(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<AgentCommandReply> send(
      long tenantId, long agentId, AgentEvent event, String cause) {
    return vertx
        .eventBus()
        .<AgentCommandReply>request(
            AgentAddresses.COMMANDS, new AgentCommand(tenantId, agentId, event, cause), OPTIONS)
        .map(msg -> msg.body())
        .recover(AgentStateClient::notFound);
  }

  public Future<AgentState> current(long tenantId, long agentId) {
    return vertx
        .eventBus()
        .<AgentState>request(
            AgentAddresses.QUERIES, new AgentStateQuery(tenantId, agentId), OPTIONS)
        .map(msg -> msg.body())
        .recover(AgentStateClient::notFound);
  }

  private static <T> Future<T> notFound(Throwable e) {
    if (e instanceof ReplyException re && re.failureCode() == AgentStateVerticle.NOT_FOUND) {
      return Future.failedFuture(ApiException.notFound("There is no such agent."));
    }
    if (e instanceof ReplyException re && re.failureCode() == AgentStateVerticle.UNAVAILABLE) {
      return Future.failedFuture(ApiException.databaseUnavailable());
    }
    return Future.failedFuture(e);
  }

  /**
   * Like {@link #send} but a rejection becomes a 409 problem with the machine's code and message.
   */
  public Future<AgentState> require(long tenantId, long agentId, AgentEvent event, String cause) {
    return send(tenantId, agentId, event, cause)
        .compose(
            reply -> {
              if (reply.decision() instanceof Decision.Rejected rejected) {
                return Future.failedFuture(
                    ApiException.conflict(rejected.code(), rejected.message()));
              }
              return Future.succeededFuture(reply.state());
            });
  }
}
