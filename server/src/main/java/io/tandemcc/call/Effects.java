package io.tandemcc.call;

import io.tandemcc.agent.AgentEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The effects a step of the {@link CallTracker} collects, in the order they are to be carried out.
 */
final class Effects {
  private final List<CallEffect> list = new ArrayList<>();

  void add(CallEffect effect) {
    list.add(effect);
  }

  void toAgent(long tenantId, long agentId, AgentEvent event, String cause) {
    list.add(new CallEffect.ToAgent(tenantId, agentId, event, cause));
  }

  void write(CallWrite write) {
    list.add(new CallEffect.Write(write));
  }

  void publish(String address, Object message) {
    list.add(new CallEffect.Publish(address, message));
  }

  List<CallEffect> list() {
    return List.copyOf(list);
  }
}
