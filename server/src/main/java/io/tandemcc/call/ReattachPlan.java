package io.tandemcc.call;

import io.tandemcc.agent.CallKind;
import java.time.Duration;
import java.time.Instant;

/**
 * The pure decisions of reload survival (docs/webphone.md), unit-tested without Vert.x or a PBX:
 * which call is kept when an agent's SIP socket closes, whether a reattach request may go ahead,
 * and what happens when the grace ends.
 */
final class ReattachPlan {
  /** The server stops offering the call back a little before the dialplan's MusicOnHold ends. */
  static final Duration SAFETY = Duration.ofSeconds(2);

  /** How long the reloaded phone may take to answer the reattach call (it answers by itself). */
  static final Duration RING = Duration.ofSeconds(10);

  private ReattachPlan() {}

  /**
   * Whether the agent's call is kept when its page goes away: a queue call the agent is connected
   * to (talking or held), with the agent's leg known, no consultation and no conference under way
   * (those are out of scope).
   */
  static boolean keeps(LiveCall c, long agentId, boolean inConference) {
    return c.kind == CallKind.QUEUE
        && c.answeredBy != null
        && c.answeredBy == agentId
        && c.legs.containsKey(agentId)
        && c.consultTarget == null
        && c.consultNumberChannel == null
        && c.consult == null
        && !c.transferPending
        && !inConference;
  }

  /**
   * A held call waits for its agent; a reattach is under way; or nothing (the call is not kept).
   */
  enum Phase {
    HOLDING,
    DIALING
  }

  /** What a request for the call back gets. */
  enum Verdict {
    GO,
    NONE,
    NOT_YOURS,
    BUSY,
    EXPIRED
  }

  /**
   * @param pendingAgentId the agent the call is held for, or null when it is held for nobody
   * @param until when the server stops offering it back
   */
  static Verdict request(
      Long pendingAgentId, Phase phase, Instant until, long agentId, Instant now) {
    if (pendingAgentId == null) {
      return Verdict.NONE;
    }
    if (pendingAgentId != agentId) {
      return Verdict.NOT_YOURS;
    }
    if (phase == Phase.DIALING) {
      return Verdict.BUSY;
    }
    return now.isBefore(until) ? Verdict.GO : Verdict.EXPIRED;
  }

  /**
   * Until when the call is offered back, for a grace of {@code graceSeconds} from {@code heldAt}.
   */
  static Instant until(Instant heldAt, int graceSeconds) {
    Duration grace = Duration.ofSeconds(graceSeconds);
    return heldAt.plus(grace.compareTo(SAFETY.multipliedBy(2)) > 0 ? grace.minus(SAFETY) : grace);
  }
}
