package io.tandemcc.sip;

import io.tandemcc.agent.AgentState;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.agent.AgentStatus;
import io.vertx.core.Future;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which new calls an agent may place, decided by the server (the authority on agent state) before Asterisk sees
 * the INVITE. A call to a colleague's extension needs that colleague to be Ready; any other number is an outbound
 * call and needs the caller to be Not Ready, so that queue calls are not offered meanwhile.
 */
public final class SipCallPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(SipCallPolicy.class);
  private final SipDirectory directory;
  private final AgentStateClient agents;

  public SipCallPolicy(SipDirectory directory, AgentStateClient agents) {
    this.directory = directory;
    this.agents = agents;
  }

  /** A refused call: the SIP status and reason phrase the browser gets. */
  public record Refusal(int status, String reason) {}

  /** Empty when {@code caller} may dial {@code target} (the Request-URI user, e.g. {@code 1002}) now. */
  public Future<Optional<Refusal>> check(SipIdentity caller, String target) {
    if (target.equals(caller.extension())) {
      return Future.succeededFuture(Optional.of(new Refusal(403, "You cannot call your own extension")));
    }
    return directory.agentByExtension(caller.tenantId(), target)
        .compose(colleague -> colleague.isPresent()
            ? agents.current(caller.tenantId(), colleague.get()).map(state -> toColleague(target, state))
            : agents.current(caller.tenantId(), caller.agentId()).map(SipCallPolicy::outbound))
        .recover(e -> {
          LOG.error("call policy failed for {} dialling {}", caller.logContext(), target, e);
          return Future.succeededFuture(Optional.of(new Refusal(503, "Call policy unavailable")));
        });
  }

  static Optional<Refusal> toColleague(String extension, AgentState colleague) {
    return colleague.status() == AgentStatus.READY ? Optional.empty()
        : Optional.of(new Refusal(480, "Extension " + extension + " is not Ready"));
  }

  static Optional<Refusal> outbound(AgentState caller) {
    return caller.status() == AgentStatus.NOT_READY ? Optional.empty()
        : Optional.of(new Refusal(403, "Outbound calls need Not Ready"));
  }
}
