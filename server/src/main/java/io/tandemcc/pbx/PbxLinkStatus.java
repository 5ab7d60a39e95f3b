package io.tandemcc.pbx;

import java.time.Instant;
import java.util.Objects;

/**
 * The state of the link to one PBX.
 *
 * @param since when the link entered this state
 * @param lastError why the link last went down or failed to come up ({@code ""} if it never did)
 * @param failedAttempts connection attempts that failed since the link was last up
 */
public record PbxLinkStatus(
    String pbx, State state, Instant since, String lastError, int failedAttempts) {

  public enum State {
    /** Not started, or connecting for the first time. */
    CONNECTING,
    /** Logged in, the PBX is fully booted, events flow. */
    UP,
    /** Lost or never established; reconnecting with backoff. */
    DOWN,
    /** Stopped by us; no reconnection. */
    STOPPED
  }

  public PbxLinkStatus {
    Objects.requireNonNull(pbx, "pbx");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(since, "since");
    lastError = lastError == null ? "" : lastError;
  }

  public boolean isUp() {
    return state == State.UP;
  }
}
