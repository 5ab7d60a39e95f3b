package io.tandemcc.call;

/**
 * The answer to a {@link ConferenceCommand}: done ({@code problemCode} null) or refused with a problem.
 *
 * @param status the HTTP status of a refusal (404, 409, 502, 503)
 */
public record ConferenceReply(String callId, String partyId, int status, String problemCode, String message) {
  static ConferenceReply done(String callId, String partyId) {
    return new ConferenceReply(callId, partyId, 200, null, null);
  }

  static ConferenceReply refused(int status, String code, String message) {
    return new ConferenceReply(null, null, status, code, message);
  }

  public boolean ok() {
    return problemCode == null;
  }
}
