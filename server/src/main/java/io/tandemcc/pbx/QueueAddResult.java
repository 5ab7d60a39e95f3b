package io.tandemcc.pbx;

/** Outcome of a successful check-in; both values mean the agent is now a member. */
public enum QueueAddResult {
  ADDED,
  ALREADY_MEMBER
}
