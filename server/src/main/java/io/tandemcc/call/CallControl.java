package io.tandemcc.call;

import io.tandemcc.agent.AgentState;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.agent.AgentStatus;
import io.tandemcc.common.ApiException;
import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.PbxCommandException;
import io.tandemcc.pbx.PbxCommands;
import io.tandemcc.pbx.PbxLink;
import io.tandemcc.pbx.PbxLinks;
import io.tandemcc.tenant.AgentListing;
import io.tandemcc.tenant.OutboundGate;
import io.tandemcc.tenant.TenantDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an agent does with the call it is on: transfers, consultation, recording
 * (docs/call-control.md). Each action asks the call owner ({@link CallVerticle}) for the agent's
 * call, checks that the action makes sense now, and issues exactly one PBX command; the call model
 * then changes from the PBX's events, not from here. Thread-safe; shared by every HTTP verticle
 * instance.
 */
public final class CallControl {
  private static final Logger LOG = LoggerFactory.getLogger(CallControl.class);
  private static final DeliveryOptions OPTIONS = new DeliveryOptions().setSendTimeout(10_000);

  private final Vertx vertx;
  private final TenantDirectory directory;
  private final AgentStateClient agents;
  private final PbxLinks links;
  private final CallControlRepository repository;
  private final Clock clock;
  private final OutboundGate gate;

  /**
   * How long a transfer or consultation to a number holds its place under the caps before the PBX's
   * events.
   */
  static final Duration OUTBOUND_HOLD = Duration.ofSeconds(30);

  /** The agent acting on its own call, and its user (the actor of the audit log). */
  public record Actor(long tenantId, String domain, long agentId, long userId) {}

  public CallControl(
      Vertx vertx,
      TenantDirectory directory,
      AgentStateClient agents,
      PbxLinks links,
      CallControlRepository repository,
      Clock clock,
      OutboundGate gate) {
    this.gate = gate;
    this.vertx = vertx;
    this.directory = directory;
    this.agents = agents;
    this.links = links;
    this.repository = repository;
    this.clock = clock;
  }

  /** The agent's call; 404 {@code not-on-call} when it is on none (a reloaded page asks). */
  public Future<AgentCallView> current(Actor a) {
    return call(a)
        .map(
            call ->
                call.orElseThrow(
                    () ->
                        new ApiException(
                            404, "not-on-call", "Not found", "You are not on a call.")));
  }

  /**
   * Blind transfer to a Ready agent or a number, or the customer back into a queue with its
   * attached data.
   */
  public Future<String> transfer(Actor a, CallTarget target) {
    return connected(a)
        .compose(
            call -> {
              if (call.consult() != null) {
                return Future.failedFuture(
                    ApiException.conflict(
                        "consult-in-progress", "Complete or cancel the consultation first."));
              }
              if (target instanceof CallTarget.Queue q) {
                return repository
                    .queue(a.tenantId(), q.name())
                    .compose(
                        found ->
                            found.isEmpty()
                                ? Future.failedFuture(
                                    unknownTarget("There is no queue '" + q.name() + "'."))
                                : pbx(
                                    p ->
                                        p.redirectToQueue(
                                            found.get().queue(), call.customerChannelId())))
                    .map(call.callId());
              }
              return dialable(a, target)
                  .compose(
                      exten ->
                          outside(a, target, "transfer")
                              .compose(
                                  claim ->
                                      endpoint(a)
                                          .compose(
                                              self ->
                                                  pbx(
                                                      p ->
                                                          p.blindTransfer(
                                                              self, call.agentChannelId(), exten)))
                                          .onFailure(
                                              e -> gate.release(a.tenantId(), a.agentId(), claim))))
                  .map(call.callId());
            });
  }

  /** Holds the customer and dials a Ready agent or a number from the agent's leg (Atxfer). */
  public Future<String> consult(Actor a, CallTarget target) {
    if (target instanceof CallTarget.Queue) {
      return Future.failedFuture(
          ApiException.invalid("A queue cannot be consulted; transfer to it instead."));
    }
    return connected(a)
        .compose(
            call -> {
              if (call.consult() != null) {
                return Future.failedFuture(
                    ApiException.conflict(
                        "consult-in-progress",
                        "You are already consulting; complete or cancel that first."));
              }
              return dialable(a, target)
                  .compose(
                      exten ->
                          outside(a, target, "consult")
                              .compose(
                                  claim -> {
                                    if (target instanceof CallTarget.Number n) {
                                      vertx
                                          .eventBus()
                                          .send(
                                              CallAddresses.CONSULT_REQUEST,
                                              new ConsultRequest(
                                                  a.tenantId(),
                                                  a.agentId(),
                                                  call.callId(),
                                                  n.number()));
                                    }
                                    return endpoint(a)
                                        .compose(
                                            self ->
                                                pbx(
                                                    p ->
                                                        p.consult(
                                                            self, call.agentChannelId(), exten)))
                                        .onFailure(
                                            e -> {
                                              vertx
                                                  .eventBus()
                                                  .send(
                                                      CallAddresses.CONSULT_REQUEST,
                                                      new ConsultRequest(
                                                          a.tenantId(),
                                                          a.agentId(),
                                                          call.callId(),
                                                          null));
                                              gate.release(a.tenantId(), a.agentId(), claim);
                                            });
                                  }))
                  .map(call.callId());
            });
  }

  /**
   * Connects the customer with the consulted party: the agent's leg is hung up (Atxfer completes on
   * hang-up).
   */
  public Future<String> completeConsult(Actor a) {
    return consulting(a)
        .compose(call -> pbx(p -> p.hangup(call.agentChannelId())).map(call.callId()));
  }

  /** Ends the consultation (also while the target rings); the agent is back with the customer. */
  public Future<String> cancelConsult(Actor a) {
    return consulting(a)
        .compose(call -> pbx(p -> p.cancelConsultation(call.agentChannelId())).map(call.callId()));
  }

  public Future<String> startRecording(Actor a) {
    return connected(a)
        .compose(
            call ->
                call.recording()
                    ? Future.failedFuture(
                        ApiException.conflict(
                            "already-recording", "The call is already being recorded."))
                    : record(a.tenantId(), call.callId(), call.agentChannelId())
                        .map(call.callId()));
  }

  private Future<Void> record(long tenantId, String callId, String channelId) {
    String file = CallParties.fileName(tenantId, callId, clock.instant());
    vertx
        .eventBus()
        .send(
            CallAddresses.RECORDING_REQUEST,
            new RecordingRequest(tenantId, callId, channelId, file));
    return pbx(p -> p.startRecording(channelId, file));
  }

  public Future<String> stopRecording(Actor a) {
    return connected(a)
        .compose(
            call ->
                !call.recording()
                    ? Future.failedFuture(
                        ApiException.conflict("not-recording", "The call is not being recorded."))
                    : pbx(p -> p.stopRecording(call.agentChannelId())).map(call.callId()));
  }

  /**
   * Tags the recordings of a call the agent was on (during or after it); 404 for any other call.
   */
  public Future<Void> recordingNote(Actor a, String callId, String note) {
    return repository
        .tagRecordings(a.tenantId(), a.agentId(), callId, note)
        .compose(
            n ->
                n > 0
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        ApiException.notFound("You have no recorded call with this id.")));
  }

  // ---- checks
  // ---------------------------------------------------------------------------------------------------

  private Future<java.util.Optional<AgentCallView>> call(Actor a) {
    return vertx
        .eventBus()
        .<AgentCallView.Reply>request(
            CallAddresses.AGENT_CALL, new AgentCallQuery(a.tenantId(), a.agentId()), OPTIONS)
        .map(m -> m.body().call());
  }

  /** The agent's call, connected to the customer; 409 otherwise. */
  private Future<AgentCallView> connected(Actor a) {
    return call(a)
        .compose(
            call -> {
              if (call.isEmpty()) {
                return Future.failedFuture(
                    ApiException.conflict("not-on-call", "You are not on a call."));
              }
              if (!call.get().connectedToCustomer()
                  && PartyRole.CONSULT.dbValue().equals(call.get().role())) {
                return Future.failedFuture(
                    ApiException.conflict(
                        "call-not-connected",
                        "You are being consulted; the agent who consults you controls the call."));
              }
              if (!call.get().connectedToCustomer()) {
                return Future.failedFuture(
                    ApiException.conflict(
                        "call-not-connected", "Your call is not connected to a customer yet."));
              }
              return Future.succeededFuture(call.get());
            });
  }

  private Future<AgentCallView> consulting(Actor a) {
    return connected(a)
        .compose(
            call ->
                call.consult() == null
                    ? Future.failedFuture(
                        ApiException.conflict("no-consult", "You are not consulting anyone."))
                    : Future.succeededFuture(call));
  }

  /**
   * A number target passes the tenant's outbound rules and caps ({@link OutboundGate}) before the
   * PBX is asked; completes with the claim to release if the PBX then refuses, null for an agent
   * (or a number off the trunk). The agent is on a live call, so "outbound needs Not Ready" does
   * not apply: queues offer it nothing meanwhile.
   */
  private Future<String> outside(Actor a, CallTarget target, String via) {
    return target instanceof CallTarget.Number n
        ? gate.admit(
            new OutboundGate.Dial(a.tenantId(), a.userId(), a.agentId(), n.number(), via),
            OUTBOUND_HOLD)
        : Future.succeededFuture(null);
  }

  /**
   * What the PBX dials for an agent or number target; the agent must be the tenant's, Ready and
   * free.
   */
  private Future<String> dialable(Actor a, CallTarget target) {
    if (target instanceof CallTarget.Number n) {
      return Future.succeededFuture(n.number());
    }
    long agentId = ((CallTarget.Agent) target).agentId();
    if (agentId == a.agentId()) {
      return Future.failedFuture(
          ApiException.badRequest("invalid-target", "You cannot transfer to yourself."));
    }
    return directory
        .agentListings(a.tenantId())
        .compose(
            listings -> {
              AgentListing t =
                  listings.stream().filter(l -> l.agentId() == agentId).findFirst().orElse(null);
              if (t == null) {
                return Future.failedFuture(unknownTarget("There is no such agent."));
              }
              return agents
                  .current(a.tenantId(), agentId)
                  .recover(
                      e ->
                          e instanceof ApiException api && api.status() == 404
                              ? Future.succeededFuture(AgentState.loggedOut(clock.instant()))
                              : Future.failedFuture(e))
                  .compose(
                      state ->
                          state.status() == AgentStatus.READY && !state.onCall()
                              ? Future.succeededFuture(t.extension())
                              : Future.failedFuture(
                                  ApiException.conflict(
                                      "target-not-ready",
                                      t.displayName() + " is " + describe(state) + ".")));
            });
  }

  static String describe(AgentState s) {
    if (s.onCall()) {
      return "on a call";
    }
    return switch (s.status()) {
      case LOGGED_OUT -> "logged out";
      case NOT_READY -> "Not Ready (" + s.reason().label() + ")";
      case PENDING_NOT_READY -> "Pending Not Ready (" + s.reason().label() + ")";
      case WRAPUP -> "in wrap-up";
      case READY -> "Ready";
    };
  }

  private static ApiException unknownTarget(String detail) {
    return new ApiException(404, "unknown-target", "Not found", detail);
  }

  /** The acting agent's own phone. */
  private Future<AgentEndpoint> endpoint(Actor a) {
    return directory
        .agentListings(a.tenantId())
        .map(
            listings ->
                listings.stream()
                    .filter(l -> l.agentId() == a.agentId())
                    .findFirst()
                    .map(l -> new AgentEndpoint(a.domain(), l.extension()))
                    .orElseThrow(() -> ApiException.forbidden("You are not an agent.")));
  }

  /** Runs one PBX command; no link or a link down is 503, the PBX's refusal 502 with its words. */
  private <T> Future<T> pbx(Function<PbxCommands, Future<T>> command) {
    PbxLink link = links.primary().orElse(null);
    if (link == null || !link.status().isUp()) {
      return Future.failedFuture(
          new ApiException(
              503,
              "pbx-unavailable",
              "Unavailable",
              "The phone system is not reachable; try again shortly."));
    }
    return command
        .apply(link.commands())
        .recover(
            e -> {
              if (e instanceof PbxCommandException refused) {
                LOG.info(
                    "PBX {} refused {}: {}", refused.pbx(), refused.action(), refused.pbxMessage());
                return Future.failedFuture(
                    new ApiException(
                        502,
                        "pbx-refused",
                        "Refused by the phone system",
                        "The phone system refused: " + refused.pbxMessage()));
              }
              return Future.failedFuture(e);
            });
  }
}
