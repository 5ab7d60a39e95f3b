package io.tandemcc.queue;

/** Event-bus addresses of the queue domain (catalogue: docs/events.md). */
public final class QueueAddresses {
  /**
   * {@link QueueActionFailed}: the PBX refused a membership change; the agent's browsers are told.
   */
  public static final String ACTION_FAILED = "queue.action.failed";

  private QueueAddresses() {}
}
