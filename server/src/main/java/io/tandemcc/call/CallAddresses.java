package io.tandemcc.call;

/** Event-bus addresses of the call domain (catalogue: docs/events.md). */
public final class CallAddresses {
  /** {@link CallOffered}: a call rings an agent; its browsers show it with its attached data and popup. */
  public static final String OFFERED = "call.offered";
  /** {@link CallDataChanged}: attached data of a call changed (CRM push); the agents on it are told. */
  public static final String DATA_CHANGED = "call.data.changed";
  /** {@link AttachData} → reply {@link AttachData.Result}. Handled by {@link CallVerticle}. */
  public static final String ATTACH_DATA = "call.attach-data";

  /** {@link AgentCallQuery} → reply {@link AgentCallView.Reply}: the call an agent is on. {@link CallVerticle}. */
  public static final String AGENT_CALL = "call.agent-call";

  /** {@link CallOriginated}: click-to-dial placed a call; {@link CallVerticle} follows it from then on. */
  public static final String ORIGINATED = "call.originated";

  private CallAddresses() {}
}
