package io.tandemcc.callback;

/** Event-bus addresses of the callback domain (catalogue: docs/events.md). */
public final class CallbackAddresses {
  /** {@link CallbackDue}: an agent's callback fell due; its browsers show the reminder. */
  public static final String DUE = "callback.due";

  private CallbackAddresses() {}
}
