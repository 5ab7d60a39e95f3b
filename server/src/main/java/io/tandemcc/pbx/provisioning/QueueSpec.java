package io.tandemcc.pbx.provisioning;

import java.util.List;
import java.util.Objects;

/**
 * A queue (one per agent group), e.g. {@code acme-support}.
 *
 * @param name the queue's PBX name: the tenant's domain, a dash and lower-case letters, digits and
 *     dashes
 * @param staticMembers agents who are members permanently (written as {@code member =>} lines);
 *     everyone else is added and removed at sign-in and sign-out by the server with AMI
 *     QueueAdd/QueueRemove
 * @param strategy the ring strategy (one of {@link #STRATEGIES}); written only when it is not the
 *     template's
 * @param timeoutSeconds how long a member's phone rings (5..300); written only when it is not the
 *     template's
 */
public record QueueSpec(
    String name, List<StaticMember> staticMembers, String strategy, int timeoutSeconds) {
  /** Asterisk's strategies that a group may take (V15's agent_group_strategy_ck). */
  public static final java.util.Set<String> STRATEGIES =
      java.util.Set.of(
          "ringall", "leastrecent", "fewestcalls", "random", "rrmemory", "linear", "wrandom");

  /** What the [tandem-queue] template of asterisk-conf/queues.conf sets. */
  public static final String TEMPLATE_STRATEGY = "rrmemory";

  public static final int TEMPLATE_TIMEOUT = 15;

  public QueueSpec {
    Objects.requireNonNull(name, "name");
    staticMembers = List.copyOf(staticMembers);
    if (!STRATEGIES.contains(strategy)) {
      throw new IllegalArgumentException("unknown queue strategy");
    }
    if (timeoutSeconds < 5 || timeoutSeconds > 300) {
      throw new IllegalArgumentException("queue timeout out of range");
    }
  }

  /** A queue that rings as the template says. */
  public QueueSpec(String name, List<StaticMember> staticMembers) {
    this(name, staticMembers, TEMPLATE_STRATEGY, TEMPLATE_TIMEOUT);
  }

  /** A queue without static members. */
  public static QueueSpec dynamic(String name) {
    return new QueueSpec(name, List.of());
  }
}
