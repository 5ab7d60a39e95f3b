package io.tandemcc.agent;

import io.tandemcc.agent.AgentRepository.HistoryEntry;
import java.time.Instant;
import java.util.Optional;

/**
 * Rebuilds an agent's state from its last history row when the server starts. Calls are not carried
 * over: nothing is assumed about calls from before the restart (the PBX resynchronisation reports
 * live calls again). A wrap-up that ended meanwhile is finished, unless it waits for a disposition:
 * that wait is restored, and only the disposition ends it; a pending Not Ready whose call and
 * wrap-up are over is applied.
 */
public final class StateRestore {
  private StateRestore() {}

  public static AgentState restore(Optional<HistoryEntry> last, Instant now) {
    if (last.isEmpty()) {
      return AgentState.loggedOut(now);
    }
    RecordedState r = last.get().state();
    Instant since = last.get().occurredAt();
    switch (r.status()) {
      case LOGGED_OUT:
        return AgentState.loggedOut(since);
      case READY:
        return new AgentState(AgentStatus.READY, null, since, null, null);
      case NOT_READY:
        return new AgentState(AgentStatus.NOT_READY, r.reason(), since, null, null);
      case WRAPUP:
        return r.wrapupEndsAt().isAfter(now) || r.dispositionOwed() != null
            ? new AgentState(
                AgentStatus.WRAPUP, null, since, r.wrapupEndsAt(), null, r.dispositionOwed())
            : new AgentState(AgentStatus.READY, null, now, null, null);
      case PENDING_NOT_READY:
        return r.wrapupEndsAt() != null
                && (r.wrapupEndsAt().isAfter(now) || r.dispositionOwed() != null)
            ? new AgentState(
                AgentStatus.PENDING_NOT_READY,
                r.reason(),
                since,
                r.wrapupEndsAt(),
                null,
                r.dispositionOwed())
            : new AgentState(AgentStatus.NOT_READY, r.reason(), now, null, null);
      default:
        throw new IllegalStateException("unknown status " + r.status());
    }
  }
}
