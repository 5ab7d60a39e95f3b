package io.tandemcc.pbx;

/** Outcome of a successful check-out; both values mean the agent is no longer a member. */
public enum QueueRemoveResult {
  REMOVED,
  NOT_MEMBER
}
