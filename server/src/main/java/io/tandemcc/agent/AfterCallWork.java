package io.tandemcc.agent;

/** When a queue call is followed by wrap-up (after-call work). */
public enum AfterCallWork {
  /**
   * After every queue call that rang the agent, answered or not (the caller may abandon while it
   * rings).
   */
  AFTER_RING,
  /** Only after a queue call the agent answered. */
  AFTER_ANSWER,
  /** Never. */
  OFF
}
