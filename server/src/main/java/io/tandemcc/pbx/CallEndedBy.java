package io.tandemcc.pbx;

/** Who ended a queue call that an agent had answered. */
public enum CallEndedBy {
  AGENT,
  CALLER,
  TRANSFER,
  UNKNOWN
}
