package io.tandemcc.call;

import io.tandemcc.agent.CallKind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's call-presentation settings: names of the attached-data positions, its CRM popup rules and the
 * names of its queues.
 */
public record CallSettings(Map<Integer, String> keyNames, List<PopupRule> popupRules, Map<String, String> queueLabels) {

  /**
   * A popup rule; {@code queue} and {@code kind} null match any. The most specific matching rule wins: a rule
   * for the queue over one for the kind over a tenant-wide one.
   */
  public record PopupRule(String queue, CallKind kind, PopupTemplate template, String openOn) {
    int specificity() {
      return (queue != null ? 2 : 0) + (kind != null ? 1 : 0);
    }

    boolean matches(CallKind callKind, String callQueue) {
      return (kind == null || kind == callKind) && (queue == null || queue.equals(callQueue));
    }
  }

  public CallSettings {
    keyNames = Map.copyOf(keyNames);
    popupRules = List.copyOf(popupRules);
    queueLabels = Map.copyOf(queueLabels);
  }

  /** The name agents know a queue by (its agent group's name), or the PBX name if none. */
  public String queueLabel(String pbxQueue) {
    return pbxQueue == null ? null : queueLabels.getOrDefault(pbxQueue, pbxQueue);
  }

  public Optional<PopupRule> popupFor(CallKind kind, String queue) {
    return popupRules.stream().filter(r -> r.matches(kind, queue))
        .max(java.util.Comparator.comparingInt(PopupRule::specificity));
  }

  /** The tenant's key for a position, or a neutral name for positions the tenant did not name. */
  public String keyName(int position) {
    return keyNames.getOrDefault(position, "Var" + position);
  }

  static CallKind kindOf(String wire) {
    return wire == null ? null : CallKind.valueOf(wire.toUpperCase(Locale.ROOT));
  }
}
