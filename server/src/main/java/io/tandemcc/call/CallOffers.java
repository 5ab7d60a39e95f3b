package io.tandemcc.call;

import io.tandemcc.call.CallSettings.PopupRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds what an agent's desktop is offered: attached data named by the tenant, and the popup URL.
 */
final class CallOffers {

  CallOffered offer(LiveCall c, CallDirectory.AgentInfo agent, CallSettings settings, Instant now) {
    List<AttachedItem> items = items(c.attachedData, settings);
    CallOffered.Popup popup =
        settings
            .popupFor(c.kind, c.queue)
            .map(rule -> new CallOffered.Popup(render(rule, c, agent, items), rule.openOn()))
            .orElse(null);
    return new CallOffered(
        agent.tenantId(),
        agent.agentId(),
        c.callId,
        c.kind,
        c.queue,
        settings.queueLabel(c.queue),
        c.callerNumber,
        c.callerName,
        items,
        popup,
        now);
  }

  List<AttachedItem> items(Map<Integer, String> values, CallSettings settings) {
    List<AttachedItem> items = new ArrayList<>();
    values.forEach(
        (position, value) ->
            items.add(new AttachedItem(position, settings.keyName(position), value)));
    items.sort(java.util.Comparator.comparingInt(AttachedItem::position));
    return items;
  }

  private static String render(
      PopupRule rule, LiveCall c, CallDirectory.AgentInfo agent, List<AttachedItem> items) {
    Map<String, String> values = new HashMap<>();
    items.forEach(i -> values.put(i.key(), i.value()));
    values.put("callerNumber", c.callerNumber);
    values.put("callerName", c.callerName);
    values.put("callId", c.callId);
    values.put("queue", c.queue == null ? "" : c.queue);
    values.put("agentNumber", agent.agentNumber());
    values.put("extension", agent.extension());
    return rule.template().render(values);
  }
}
