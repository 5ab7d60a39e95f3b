package io.tandemcc.call;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The {@code call.conference} push (docs/call-control.md), encoded for one agent ("you" marks its
 * own party).
 */
final class ConferenceJson {
  private ConferenceJson() {}

  /**
   * @param conference null when the conference is over for this agent; {@code change} kind
   *     joined/left or null
   */
  static String message(
      String callId,
      Conference conference,
      String changeKind,
      Conference.Party changed,
      long forAgentId) {
    JsonObject conf = null;
    if (conference != null) {
      JsonArray parties = new JsonArray();
      conference.parties.values().forEach(p -> parties.add(party(p, forAgentId)));
      conf = new JsonObject().put("parties", parties).put("maxParties", Conference.MAX_PARTIES);
    }
    JsonObject change =
        changeKind == null
            ? null
            : new JsonObject().put("kind", changeKind).put("party", party(changed, forAgentId));
    return new JsonObject()
        .put("type", "call.conference")
        .put("callId", callId)
        .put("conference", conf)
        .put("change", change)
        .encode();
  }

  static JsonObject party(Conference.Party p, long forAgentId) {
    return new JsonObject()
        .put("partyId", p.partyId)
        .put("kind", p.kind)
        .put("agentId", p.agentId)
        .put("displayName", p.displayName)
        .put("number", p.number)
        .put("state", p.inRoom() ? "connected" : "ringing")
        .put("joinedAt", p.joinedAt == null ? null : p.joinedAt.toString())
        .put("you", p.agentId != null && p.agentId == forAgentId);
  }
}
