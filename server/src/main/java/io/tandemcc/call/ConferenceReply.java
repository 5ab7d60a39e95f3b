package io.tandemcc.call;

/**
 * The answer to a {@link ConferenceCommand}: done ({@code problemCode} null) or refused with a
 * problem.
 *
 * @param status the HTTP status of a refusal (404, 409, 502, 503)
 * @param view for {@link ConferenceCommand.Action#VIEW}: the conference as the agent's {@code
 *     call.conference} push carries it (encoded JSON), else null
 */
public record ConferenceReply(
    String callId, String partyId, int status, String problemCode, String message, String view) {
  static ConferenceReply done(String callId, String partyId) {
    return new ConferenceReply(callId, partyId, 200, null, null, null);
  }

  static ConferenceReply viewed(String callId, String view) {
    return new ConferenceReply(callId, null, 200, null, null, view);
  }

  static ConferenceReply refused(int status, String code, String message) {
    return new ConferenceReply(null, null, status, code, message, null);
  }

  public boolean ok() {
    return problemCode == null;
  }
}
