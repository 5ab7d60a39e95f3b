package io.tandemcc.agent;

/** Where a call came from. Only {@link #QUEUE} calls are followed by wrap-up. */
public enum CallKind {
  /** Inbound call distributed by a queue. */
  QUEUE,
  /** Call to the agent's own extension. */
  DIRECT,
  /** Call the agent dialled. */
  OUTBOUND
}
