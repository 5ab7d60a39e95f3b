package io.tandemcc.supervisor;

import io.tandemcc.agent.ActiveCall;
import io.tandemcc.agent.AgentState;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One agent as the team view shows it: who, the agent state, the current call with its party and
 * queue, whether its webphone is registered and whether a browser is connected. Mutated only on the
 * team owner's context.
 */
final class TeamMember {
  final long agentId;
  final String displayName;
  final String agentNumber;
  final String extension;
  final Set<Long> groupIds;
  AgentState state;

  /**
   * The party of the latest call the PBX announced for this agent; shown while it is the current
   * call.
   */
  CallParty party;

  /** When the current call started ringing (or dialling), and when it was answered. */
  Instant callStartedAt;

  Instant callAnsweredAt;

  /** Null while unknown (no registration event seen since the link came up). */
  Boolean phoneRegistered;

  int browsers;
  long version;

  TeamMember(
      long agentId,
      String displayName,
      String agentNumber,
      String extension,
      Set<Long> groupIds,
      AgentState state) {
    this.agentId = agentId;
    this.displayName = displayName;
    this.agentNumber = agentNumber;
    this.extension = extension;
    this.groupIds = Set.copyOf(groupIds);
    this.state = Objects.requireNonNull(state);
    follow(null, state.call());
  }

  /** Takes a new agent state; false if nothing the team view shows changed. */
  boolean setState(AgentState next) {
    if (next.equals(state)) {
      return false;
    }
    follow(state.call(), next.call());
    state = next;
    return true;
  }

  /** The party, if it is that of the agent's current call. */
  CallParty currentParty() {
    return party != null && state.call() != null && state.call().callId().equals(party.callId())
        ? party
        : null;
  }

  /** Takes the party of a call; true if it is shown now (the call is the current one). */
  boolean setParty(CallParty next) {
    if (next == null || next.equals(party)) {
      return false;
    }
    party = next;
    return currentParty() != null;
  }

  boolean setPhoneRegistered(Boolean registered) {
    if (Objects.equals(registered, phoneRegistered)) {
      return false;
    }
    phoneRegistered = registered;
    return true;
  }

  boolean setBrowsers(int count) {
    if (count == browsers) {
      return false;
    }
    browsers = count;
    return true;
  }

  /**
   * Keeps the start and answer times of the call across its state changes (ringing, talking, held).
   */
  private void follow(ActiveCall before, ActiveCall after) {
    if (after == null) {
      callStartedAt = null;
      callAnsweredAt = null;
    } else if (before == null || !before.callId().equals(after.callId())) {
      callStartedAt = after.since();
      callAnsweredAt = after.answered() ? after.since() : null;
    } else if (after.answered() && callAnsweredAt == null) {
      callAnsweredAt = after.since();
    }
  }
}
