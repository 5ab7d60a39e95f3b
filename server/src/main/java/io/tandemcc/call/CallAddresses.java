package io.tandemcc.call;

/** Event-bus addresses of the call domain (catalogue: docs/events.md). */
public final class CallAddresses {
  /**
   * {@link CallDataChanged}: attached data of a call changed (CRM push); the agents on it are told.
   */
  public static final String DATA_CHANGED = "call.data.changed";

  /** {@link AttachData} → reply {@link AttachData.Result}. Handled by {@link CallVerticle}. */
  public static final String ATTACH_DATA = "call.attach-data";

  /**
   * {@link AgentCallQuery} → reply {@link AgentCallView.Reply}: the call an agent is on. {@link
   * CallVerticle}.
   */
  public static final String AGENT_CALL = "call.agent-call";

  /**
   * {@link CallConsultChanged}: an agent's consultation started, was answered or ended. {@link
   * CallVerticle}.
   */
  public static final String CONSULT_CHANGED = "call.consult.changed";

  /** {@link CallRecordingChanged}: a call an agent is on started or stopped being recorded. */
  public static final String RECORDING_CHANGED = "call.recording.changed";

  /**
   * {@link ConsultRequest} (no reply): a consultation of an outside number was asked of the PBX.
   */
  public static final String CONSULT_REQUEST = "call.consult.request";

  /**
   * {@link ConferenceCommand} → reply {@link ConferenceReply}: add/drop parties, end. {@link
   * CallVerticle}.
   */
  public static final String CONFERENCE = "call.conference";

  /** {@link ConferenceChanged}: the {@code call.conference} push for one agent in a conference. */
  public static final String CONFERENCE_CHANGED = "call.conference.changed";

  /**
   * {@link CallOriginated}: click-to-dial placed a call; {@link CallVerticle} follows it from then
   * on.
   */
  public static final String ORIGINATED = "call.originated";

  /**
   * {@link ReattachCommand} → reply {@link ReattachReply}: a reloaded page takes its held call
   * back. {@link CallVerticle}.
   */
  public static final String REATTACH = "call.reattach";

  /** {@link RecordingRequest} (no reply): the file a recording asked of the PBX goes into. */
  public static final String RECORDING_REQUEST = "call.recording.request";

  /**
   * A tenant id ({@code Long}, published, no reply): the administration changed the tenant's
   * attached-data keys or popup rules; {@link CallVerticle} forgets its cached {@link CallSettings}
   * so the next call reads them.
   */
  public static final String SETTINGS_CHANGED = "call.settings.changed";

  private CallAddresses() {}
}
