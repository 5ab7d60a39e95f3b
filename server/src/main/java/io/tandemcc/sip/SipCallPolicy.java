package io.tandemcc.sip;

import io.tandemcc.agent.AgentState;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.agent.AgentStatus;
import io.tandemcc.common.ApiException;
import io.tandemcc.tenant.OutboundGate;
import io.tandemcc.tenant.OutboundRules;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which new calls an agent may place, decided by the server (the authority on agent state) before
 * Asterisk sees the INVITE. A call to a colleague's extension needs that colleague to be Ready; any
 * other number is an outbound call and needs the caller to be Not Ready, so that queue calls are
 * not offered meanwhile. A supervisor's own phone (which has no agent state) may call colleagues
 * but no outside number. An outside number must also pass the tenant's outbound rules ({@link
 * OutboundRules}: blocked prefixes, premium, international, allowed prefixes): 403 with the rule's
 * sentence as the reason otherwise.
 */
public final class SipCallPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(SipCallPolicy.class);
  private final SipDirectory directory;
  private final AgentStateClient agents;
  private final OutboundGate gate;

  /**
   * How long an admitted INVITE holds its place under the caps before the PBX's first event of the
   * call (which comes within milliseconds when Asterisk takes the call; a refused INVITE frees it
   * when this has passed).
   */
  static final Duration OUTBOUND_HOLD = Duration.ofSeconds(10);

  public SipCallPolicy(SipDirectory directory, AgentStateClient agents, OutboundGate gate) {
    this.directory = directory;
    this.agents = agents;
    this.gate = gate;
  }

  /** A supervisor's own phone monitors and calls colleagues; it does not call outside numbers. */
  static final Refusal SUPERVISOR_OUTBOUND =
      new Refusal(403, "Supervisor phones call colleagues only");

  /** A refused call: the SIP status and reason phrase the browser gets. */
  public record Refusal(int status, String reason) {}

  /**
   * Empty when {@code caller} may dial {@code target} (the Request-URI user, e.g. {@code 1002})
   * now.
   */
  public Future<Optional<Refusal>> check(SipIdentity caller, String target) {
    if (target.equals(caller.extension())) {
      return Future.succeededFuture(
          Optional.of(new Refusal(403, "You cannot call your own extension")));
    }
    return directory
        .agentByExtension(caller.tenantId(), target)
        .compose(
            colleague ->
                colleague.isPresent()
                    ? agents
                        .current(caller.tenantId(), colleague.get())
                        .map(state -> toColleague(target, state))
                    : caller.agentId() == null
                        ? Future.succeededFuture(Optional.of(SUPERVISOR_OUTBOUND))
                        : agents
                            .current(caller.tenantId(), caller.agentId())
                            .map(SipCallPolicy::outbound)
                            .compose(
                                refusal ->
                                    refusal.isPresent()
                                        ? Future.succeededFuture(refusal)
                                        : gate.admit(
                                                new OutboundGate.Dial(
                                                    caller.tenantId(),
                                                    caller.userId(),
                                                    caller.agentId(),
                                                    target,
                                                    "webphone"),
                                                OUTBOUND_HOLD)
                                            .<Optional<Refusal>>map(claim -> Optional.empty())
                                            .recover(SipCallPolicy::refused)))
        .recover(
            e -> {
              LOG.error("call policy failed for {} dialling {}", caller.logContext(), target, e);
              return Future.succeededFuture(
                  Optional.of(new Refusal(503, "Call policy unavailable")));
            });
  }

  static Optional<Refusal> toColleague(String extension, AgentState colleague) {
    return colleague.status() == AgentStatus.READY
        ? Optional.empty()
        : Optional.of(new Refusal(480, "Extension " + extension + " is not Ready"));
  }

  /** The tenant's outbound rules or caps refused the number: 403 with the rule's sentence. */
  private static Future<Optional<Refusal>> refused(Throwable e) {
    return e instanceof ApiException api && api.status() == 403
        ? Future.succeededFuture(Optional.of(new Refusal(403, api.getMessage())))
        : Future.failedFuture(e);
  }

  static Optional<Refusal> outbound(AgentState caller) {
    return caller.status() == AgentStatus.NOT_READY
        ? Optional.empty()
        : Optional.of(new Refusal(403, "Outbound calls need Not Ready"));
  }
}
