package io.tandemcc.call;

import io.tandemcc.agent.CallKind;
import java.util.Map;
import java.util.Optional;

/**
 * The call an agent is on, as call control needs it.
 *
 * @param role {@code primary} (connected to the customer), {@code transfer} or {@code consult}
 * @param customerChannelId the customer's leg (the call id: Asterisk's linked id is the customer's
 *     unique id)
 * @param consultTargetAgentId the agent this agent is consulting, or null
 * @param consult the consultation this agent runs (agent or number), or null
 */
public record AgentCallView(
    String callId,
    CallKind kind,
    String queue,
    String role,
    String agentChannelId,
    String customerChannelId,
    boolean connectedToCustomer,
    boolean held,
    boolean recording,
    Long consultTargetAgentId,
    String consultChannelId,
    Map<Integer, String> attachedData,
    ConsultView consult) {

  /** The reply: empty when the agent is on no call we know of. */
  public record Reply(Optional<AgentCallView> call) {}
}
