package io.tandemcc.call;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Finds the call of one agent among the live calls. */
final class AgentCallViews {
  private AgentCallViews() {}

  static AgentCallView.Reply of(Collection<LiveCall> calls, AgentCallQuery q) {
    for (LiveCall c : calls) {
      LiveCall.Leg leg = c.legs.get(q.agentId());
      if (c.tenantId != q.tenantId() || leg == null || !c.agents.contains(q.agentId())) {
        continue;
      }
      boolean owner = c.answeredBy != null && c.answeredBy == q.agentId();
      LiveCall.Leg consult = c.consultTarget == null ? null : c.legs.get(c.consultTarget);
      return new AgentCallView.Reply(
          Optional.of(
              new AgentCallView(
                  c.callId,
                  c.kind,
                  c.queue,
                  leg.role().dbValue(),
                  leg.channelId(),
                  c.callId,
                  owner,
                  owner && c.heldSince != null,
                  c.recording,
                  owner ? c.consultTarget : null,
                  owner && consult != null ? consult.channelId() : null,
                  Map.copyOf(c.attachedData),
                  owner ? c.consult : null)));
    }
    return new AgentCallView.Reply(Optional.empty());
  }
}
