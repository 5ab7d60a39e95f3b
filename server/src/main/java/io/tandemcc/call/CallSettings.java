package io.tandemcc.call;

import io.tandemcc.agent.CallKind;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's call-presentation settings: names of the attached-data positions, its CRM popup rules
 * and the names of its queues.
 */
public record CallSettings(
    Map<Integer, String> keyNames, List<PopupRule> popupRules, Map<String, String> queueLabels) {

  /**
   * A popup rule; {@code queue} null and {@code kinds} empty match any. The most specific matching
   * rule wins: a rule for the queue over one for the kind over a tenant-wide one.
   */
  public record PopupRule(
      String queue, Set<CallKind> kinds, PopupTemplate template, String openOn) {
    public PopupRule {
      kinds = Set.copyOf(kinds);
    }

    int specificity() {
      return (queue != null ? 2 : 0) + (!kinds.isEmpty() ? 1 : 0);
    }

    boolean matches(CallKind callKind, String callQueue) {
      return (kinds.isEmpty() || kinds.contains(callKind))
          && (queue == null || queue.equals(callQueue));
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
    return popupRules.stream()
        .filter(r -> r.matches(kind, queue))
        .max(java.util.Comparator.comparingInt(PopupRule::specificity));
  }

  /** The tenant's key for a position, or a neutral name for positions the tenant did not name. */
  public String keyName(int position) {
    return keyNames.getOrDefault(position, "Var" + position);
  }

  /**
   * The kinds a stored rule names: null any, "inbound" (the administration's) queue and direct
   * calls.
   */
  static Set<CallKind> kindsOf(String wire) {
    if (wire == null) {
      return Set.of();
    }
    if (wire.equals("inbound")) {
      return Set.of(CallKind.QUEUE, CallKind.DIRECT);
    }
    return Set.of(CallKind.valueOf(wire.toUpperCase(Locale.ROOT)));
  }
}
