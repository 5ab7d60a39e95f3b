package io.tandemcc.agent;

import static io.tandemcc.agent.AgentStatus.LOGGED_OUT;
import static io.tandemcc.agent.AgentStatus.NOT_READY;
import static io.tandemcc.agent.AgentStatus.PENDING_NOT_READY;
import static io.tandemcc.agent.AgentStatus.READY;
import static io.tandemcc.agent.AgentStatus.WRAPUP;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything the server knows about one agent's availability: the status, plus the call the agent
 * is on.
 *
 * <p>Invariants, checked on construction (an {@link IllegalArgumentException} otherwise):
 *
 * <ul>
 *   <li>{@code reason} is set exactly when the status is NOT_READY or PENDING_NOT_READY;
 *   <li>{@code wrapupEndsAt} is set for WRAPUP, may be set for PENDING_NOT_READY (Not Ready
 *       requested during wrap-up), and is null otherwise;
 *   <li>WRAPUP and LOGGED_OUT have no call;
 *   <li>PENDING_NOT_READY waits for exactly one thing: either a call or a wrap-up, never both;
 *   <li>{@code dispositionOwed} is set only during a wrap-up.
 * </ul>
 *
 * @param since when the status or the reason last changed (time-in-state in the toolbar); changes
 *     of the call alone keep it
 * @param wrapupEndsAt when the running wrap-up ends, if one runs
 * @param call the call the agent is on, or null
 * @param dispositionOwed the call whose disposition the running wrap-up waits for (the tenant
 *     requires one), or null; wrap-up cannot end before it is given
 */
public record AgentState(
    AgentStatus status,
    Reason reason,
    Instant since,
    Instant wrapupEndsAt,
    ActiveCall call,
    String dispositionOwed) {
  /** A state that owes no disposition. */
  public AgentState(
      AgentStatus status, Reason reason, Instant since, Instant wrapupEndsAt, ActiveCall call) {
    this(status, reason, since, wrapupEndsAt, call, null);
  }

  public AgentState {
    check(status != null && since != null, "an agent state needs a status and a since");
    boolean needsReason = status == NOT_READY || status == PENDING_NOT_READY;
    check(
        needsReason == (reason != null),
        status + (needsReason ? " needs a reason" : " cannot have a reason"));
    switch (status) {
      case WRAPUP ->
          check(wrapupEndsAt != null && call == null, "WRAPUP needs wrapupEndsAt and no call");
      case PENDING_NOT_READY ->
          check(
              (wrapupEndsAt == null) != (call == null),
              "PENDING_NOT_READY waits for either a call or a wrap-up");
      case LOGGED_OUT ->
          check(wrapupEndsAt == null && call == null, "LOGGED_OUT has no call and no wrap-up");
      case READY, NOT_READY -> check(wrapupEndsAt == null, status + " cannot have a wrap-up");
    }
    check(
        dispositionOwed == null || wrapupEndsAt != null && !dispositionOwed.isBlank(),
        "only a wrap-up waits for a disposition");
  }

  /** The state of an agent who is not logged in. */
  public static AgentState loggedOut(Instant now) {
    return new AgentState(LOGGED_OUT, null, now, null, null);
  }

  public boolean loggedIn() {
    return status != LOGGED_OUT;
  }

  public boolean onCall() {
    return call != null;
  }

  /** True during wrap-up, including a Not Ready requested during wrap-up (PENDING_NOT_READY). */
  public boolean inWrapup() {
    return wrapupEndsAt != null;
  }

  /** Whether {@code callId} is the call this agent is on. */
  public boolean isOnCall(String callId) {
    return call != null && call.callId().equals(callId);
  }

  /** Whether the running wrap-up waits for a disposition. */
  public boolean owesDisposition() {
    return dispositionOwed != null;
  }

  /**
   * The state with these fields; {@code since} moves to {@code now} only if the status or the
   * reason changes. Every transition goes through here, so the rule for {@code since} lives in one
   * place. A disposition owed stays owed as long as the wrap-up goes on.
   */
  AgentState next(
      AgentStatus newStatus,
      Reason newReason,
      Instant newWrapupEndsAt,
      ActiveCall newCall,
      Instant now) {
    boolean sameStatus = newStatus == status && Objects.equals(newReason, reason);
    return new AgentState(
        newStatus,
        newReason,
        sameStatus ? since : now,
        newWrapupEndsAt,
        newCall,
        newWrapupEndsAt == null ? null : dispositionOwed);
  }

  /**
   * The same state, now waiting (or no longer waiting, with null) for the disposition of {@code
   * callId}.
   */
  AgentState owingDisposition(String callId) {
    return new AgentState(status, reason, since, wrapupEndsAt, call, callId);
  }

  /** READY, keeping the call; ends any wrap-up. */
  AgentState toReady(Instant now) {
    return next(READY, null, null, call, now);
  }

  /** NOT_READY with this reason, keeping the call; ends any wrap-up. */
  AgentState toNotReady(Reason newReason, Instant now) {
    return next(NOT_READY, newReason, null, call, now);
  }

  /** PENDING_NOT_READY with this reason, keeping the call or the wrap-up it waits for. */
  AgentState toPendingNotReady(Reason newReason, Instant now) {
    return next(PENDING_NOT_READY, newReason, wrapupEndsAt, call, now);
  }

  /** The same status with another call overlay (or none); {@code since} is kept. */
  AgentState withCall(ActiveCall newCall) {
    return new AgentState(status, reason, since, wrapupEndsAt, newCall, dispositionOwed);
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
