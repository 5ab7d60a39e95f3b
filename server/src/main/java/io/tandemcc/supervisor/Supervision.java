package io.tandemcc.supervisor;

import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.AgentState;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.agent.Reason;
import io.tandemcc.auth.LoginService;
import io.tandemcc.auth.Principal;
import io.tandemcc.call.AgentCallQuery;
import io.tandemcc.call.AgentCallView;
import io.tandemcc.call.CallAddresses;
import io.tandemcc.call.CallScope;
import io.tandemcc.common.ApiException;
import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.SpyMode;
import io.tandemcc.pbx.SpyRequest;
import io.tandemcc.supervisor.SupervisorRepository.Target;
import io.tandemcc.tenant.Role;
import io.tandemcc.tenant.TenantDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What supervisors and admins may see and do. Every call first settles the caller's scope (the
 * groups a supervisor supervises, the whole tenant for an admin; agents are refused) and, for an
 * intervention, finds the target agent inside it: an agent of another group or tenant, or none at
 * all, is the same 404. Every intervention is then carried out through the agent's state owner
 * (cause {@code supervisor:<user id>}) or the monitor owner, and written to the audit log with its
 * outcome. Thread-safe; shared by every HTTP verticle instance.
 */
public final class Supervision {
  private static final Logger LOG = LoggerFactory.getLogger(Supervision.class);
  private static final DeliveryOptions OPTIONS = new DeliveryOptions().setSendTimeout(30_000);

  /** How long the caller's phone may ring for a monitoring call. */
  static final Duration RING = Duration.ofSeconds(20);

  /** Covers the ringing plus the PBX's answer. */
  private static final DeliveryOptions MONITOR_OPTIONS =
      new DeliveryOptions().setSendTimeout(60_000);

  private final Vertx vertx;
  private final TenantDirectory directory;
  private final SupervisorRepository repository;
  private final AgentStateClient agents;
  private final LoginService logins;
  private final AuditLog audit;

  public Supervision(
      Vertx vertx,
      TenantDirectory directory,
      SupervisorRepository repository,
      AgentStateClient agents,
      LoginService logins,
      AuditLog audit) {
    this.vertx = vertx;
    this.directory = directory;
    this.repository = repository;
    this.agents = agents;
    this.logins = logins;
    this.audit = audit;
  }

  /** Whom a supervisor watches: some groups, or (admins) the whole tenant. */
  record Scope(Principal principal, Set<Long> groupIds, boolean wholeTenant) {}

  /**
   * A Ready or Not Ready request of a supervisor for an agent; {@code reasonCode} only with Not
   * Ready.
   */
  public record StateRequest(boolean ready, String reasonCode) {}

  /**
   * The team view of the caller's groups: {@code GET /api/supervisor/team} (JSON, encoded by the
   * team owner).
   */
  public Future<String> team(Principal p) {
    return scope(p)
        .compose(
            s ->
                vertx
                    .eventBus()
                    .<TeamSnapshot>request(
                        SupervisorAddresses.TEAM_QUERY,
                        new TeamQuery(p.tenantId(), s.groupIds(), s.wholeTenant()),
                        OPTIONS))
        .map(m -> m.body().json())
        .recover(e -> Future.failedFuture(ownerFailure(e, "team view")));
  }

  /** Makes an agent Ready or Not Ready (a Pending Not Ready during a call), as the agent could. */
  public Future<AgentState> changeState(Principal p, long agentId, StateRequest request) {
    return scope(p)
        .compose(s -> target(s, agentId))
        .compose(
            t -> {
              String action = request.ready() ? "state.ready" : "state.not-ready";
              String detail = request.ready() ? "" : request.reasonCode();
              Future<AgentState> done =
                  event(p, request)
                      .compose(e -> agents.require(p.tenantId(), t.agentId(), e, cause(p)));
              return audited(p, t, action, detail, done);
            });
  }

  /**
   * Logs an agent out and ends its sessions, as its own logout would; refused (409) during a call.
   */
  public Future<Void> logout(Principal p, long agentId) {
    return scope(p)
        .compose(s -> target(s, agentId))
        .compose(
            t -> {
              Future<Void> done =
                  agents
                      .require(
                          p.tenantId(), t.agentId(), new AgentEvent.LogoutRequested(), cause(p))
                      .compose(state -> logins.endSessions(p.tenantId(), t.userId(), "supervisor"));
              return audited(p, t, "logout", "", done);
            });
  }

  /**
   * Silent monitor, whisper or barge-in on an agent's call from the caller's own phone; on the
   * agent the caller already monitors, a change of mode on the same call. Needs the caller's phone
   * and the agent talking to a customer.
   */
  public Future<MonitorReply> monitor(Principal p, long agentId, SpyMode mode) {
    return scope(p)
        .compose(s -> target(s, agentId))
        .compose(
            t -> {
              Future<MonitorReply> done =
                  directory
                      .phoneExtension(p.tenantId(), p.userId())
                      .compose(
                          phone ->
                              phone
                                  .<Future<String>>map(Future::succeededFuture)
                                  .orElseGet(
                                      () ->
                                          Future.failedFuture(
                                              ApiException.conflict(
                                                  "no-phone",
                                                  "You have no phone of your own to monitor calls with."))))
                      .compose(
                          phone ->
                              agentLeg(t)
                                  .map(
                                      leg ->
                                          new SpyRequest(
                                              new AgentEndpoint(p.domain(), phone),
                                              new AgentEndpoint(p.domain(), t.extension()),
                                              leg,
                                              mode,
                                              "Monitor " + t.displayName(),
                                              RING)))
                      .compose(
                          spy ->
                              monitorOwner(
                                  new MonitorCommand(p.tenantId(), p.userId(), t.agentId(), spy)));
              return audited(p, t, "monitor." + mode.name().toLowerCase(Locale.ROOT), "", done);
            });
  }

  /** Ends the caller's monitoring of this agent. */
  public Future<MonitorReply> stopMonitor(Principal p, long agentId) {
    return scope(p)
        .compose(s -> target(s, agentId))
        .compose(
            t ->
                audited(
                    p,
                    t,
                    "monitor.stop",
                    "",
                    monitorOwner(new MonitorCommand(p.tenantId(), p.userId(), t.agentId(), null))));
  }

  /** The agent's own leg of the call it is on with a customer; 409 when it is on none. */
  private Future<String> agentLeg(Target t) {
    return vertx
        .eventBus()
        .<AgentCallView.Reply>request(
            CallAddresses.AGENT_CALL, new AgentCallQuery(t.tenantId(), t.agentId()), OPTIONS)
        .map(
            m ->
                m.body()
                    .call()
                    .filter(AgentCallView::connectedToCustomer)
                    .map(AgentCallView::agentChannelId)
                    .orElseThrow(
                        () ->
                            ApiException.conflict(
                                "agent-not-on-call",
                                t.displayName() + " is not talking to a customer now.")));
  }

  private Future<MonitorReply> monitorOwner(MonitorCommand cmd) {
    return vertx
        .eventBus()
        .<MonitorReply>request(SupervisorAddresses.MONITOR, cmd, MONITOR_OPTIONS)
        .recover(
            e ->
                Future.failedFuture(
                    e instanceof ReplyException re && re.failureType() == ReplyFailure.NO_HANDLERS
                        ? new ApiException(
                            503,
                            "pbx-unavailable",
                            "Unavailable",
                            "There is no phone system to monitor calls with.")
                        : ownerFailure(e, "monitoring")))
        .compose(
            m ->
                m.body().refusal() == null
                    ? Future.succeededFuture(m.body())
                    : Future.failedFuture(m.body().refusal()));
  }

  /** The latest interventions on agents in the caller's scope, newest first. */
  public Future<List<AuditLog.Entry>> auditTrail(Principal p, int limit) {
    return scope(p).compose(s -> audit.latest(p.tenantId(), s.groupIds(), s.wholeTenant(), limit));
  }

  /**
   * The calls the caller may attach data to: an admin's whole tenant, a supervisor's groups' calls.
   */
  public Future<CallScope> callScope(Principal p) {
    return scope(p)
        .compose(
            s ->
                s.wholeTenant()
                    ? Future.succeededFuture(CallScope.WHOLE_TENANT)
                    : repository.callScope(p.tenantId(), s.groupIds()));
  }

  // ---- scope and targets
  // --------------------------------------------------------------------------------------

  Future<Scope> scope(Principal p) {
    if (p.role() != Role.SUPERVISOR && p.role() != Role.ADMIN) {
      return Future.failedFuture(
          ApiException.forbidden("Only supervisors and administrators can do this."));
    }
    return directory
        .supervisedGroups(p.tenantId(), p.userId(), p.role())
        .map(groups -> new Scope(p, Set.copyOf(groups), p.role() == Role.ADMIN));
  }

  Future<Target> target(Scope s, long agentId) {
    return repository
        .target(s.principal().tenantId(), agentId, s.groupIds(), s.wholeTenant())
        .compose(
            found ->
                found
                    .<Future<Target>>map(Future::succeededFuture)
                    .orElseGet(
                        () -> {
                          LOG.info(
                              "tenant {}: user {} asked for agent {}, which is not in its scope",
                              s.principal().domain(),
                              s.principal().userId(),
                              agentId);
                          return Future.failedFuture(noSuchAgent());
                        }));
  }

  /** Writes the outcome to the audit log, then completes like {@code done}. */
  <T> Future<T> audited(Principal p, Target t, String action, String detail, Future<T> done) {
    return done.transform(
        outcome ->
            audit
                .record(p.tenantId(), p.userId(), t.agentId(), action, detail, outcome)
                .transform(
                    written ->
                        outcome.succeeded()
                            ? Future.succeededFuture(outcome.result())
                            : Future.failedFuture(outcome.cause())));
  }

  static String cause(Principal p) {
    return "supervisor:" + p.userId();
  }

  static ApiException noSuchAgent() {
    return ApiException.notFound("There is no such agent in your team.");
  }

  private Future<AgentEvent> event(Principal p, StateRequest request) {
    if (request.ready()) {
      return Future.succeededFuture(new AgentEvent.ReadyRequested());
    }
    return directory
        .settings(p.tenantId())
        .compose(
            settings ->
                settings
                    .reason(request.reasonCode())
                    .<Future<AgentEvent>>map(
                        r ->
                            Future.succeededFuture(
                                new AgentEvent.NotReadyRequested(new Reason(r.code(), r.label()))))
                    .orElseGet(
                        () ->
                            Future.failedFuture(
                                ApiException.badRequest(
                                    "unknown-reason",
                                    "'"
                                        + request.reasonCode()
                                        + "' is not one of your tenant's Not Ready reasons."))));
  }

  /**
   * A failed event-bus request to an owner, as an API error: 404 stays 404, anything else is a 503.
   */
  static Throwable ownerFailure(Throwable e, String what) {
    if (e instanceof ApiException) {
      return e;
    }
    if (e instanceof ReplyException re && re.failureCode() == TeamVerticle.NOT_FOUND) {
      return noSuchAgent();
    }
    LOG.error("{} failed", what, e);
    return new ApiException(
        503, "unavailable", "Unavailable", "The " + what + " is unavailable; try again.");
  }
}
