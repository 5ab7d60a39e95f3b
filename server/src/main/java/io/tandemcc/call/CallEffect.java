package io.tandemcc.call;

import io.tandemcc.agent.AgentEvent;
import java.util.List;

/**
 * What the {@link CallTracker} decided an input calls for; {@link CallVerticle} carries them out,
 * in order. Values only: a unit test compares them, a replay collects them.
 */
sealed interface CallEffect {
  /** The cause the agent state machine records for changes the PBX's events make. */
  String PBX = "pbx";

  /** … and for those a resynchronisation makes. */
  String RESYNC = "pbx-resync";

  /** Tells the agent's state machine about its call. */
  record ToAgent(long tenantId, long agentId, AgentEvent event, String cause)
      implements CallEffect {}

  /** Tells the agent's state machine several things, each once the previous one was taken. */
  record ToAgentInOrder(long tenantId, long agentId, List<AgentEvent> events, String cause)
      implements CallEffect {
    public ToAgentInOrder {
      events = List.copyOf(events);
    }
  }

  /**
   * The screen-pop for one agent (published on the local topic, before the event's writes start).
   */
  record Offer(CallOffered offer) implements CallEffect {}

  /**
   * A message on the event bus for the agent's browser (consultation, recording, attached data).
   */
  record Publish(String address, Object message) implements CallEffect {}

  /**
   * A fact for the database, written behind in order; {@code afterwards} are published once it was
   * written.
   */
  record Write(CallWrite write, List<Publish> afterwards) implements CallEffect {
    public Write {
      afterwards = List.copyOf(afterwards);
    }

    Write(CallWrite write) {
      this(write, List.of());
    }
  }

  /**
   * An outside call of the agent is now among the live calls: its outbound claim is no longer
   * needed.
   */
  record OutboundSeen(long tenantId, long agentId) implements CallEffect {}
}
