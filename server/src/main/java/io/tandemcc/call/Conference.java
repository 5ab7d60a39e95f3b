package io.tandemcc.call;

import io.tandemcc.pbx.ConferenceRoom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conference of one call, as the call verticle follows it from the room's events: every party
 * (customer, agents, outside numbers) with its leg once it is in the room. Mutated only on the call
 * verticle's context.
 */
final class Conference {
  static final int MAX_PARTIES = 30;

  /** One party: rung (no leg yet) or in the room. */
  static final class Party {
    final String partyId;
    final String kind;
    final Long agentId;
    final String displayName;
    final String number;
    String channelId;
    String channel;
    Instant joinedAt;

    /** The agent's state was told that the call rings it (when it was rung into the room). */
    boolean toldRinging;

    /**
     * Why its leg will leave, when an agent made it leave (dropped, conference ended); null: it
     * left by itself.
     */
    String endReason;

    Party(String partyId, String kind, Long agentId, String displayName, String number) {
      this.partyId = partyId;
      this.kind = kind;
      this.agentId = agentId;
      this.displayName = displayName;
      this.number = number;
    }

    boolean inRoom() {
      return channelId != null;
    }
  }

  final LiveCall call;
  final String domain;
  final ConferenceRoom room;

  /**
   * Room names this conference is known by: ours, and the one its legs' events carry (the same on
   * our dialplan).
   */
  final List<String> roomNames = new ArrayList<>();

  final Map<String, Party> parties = new LinkedHashMap<>();

  /** The legs that have left the room (their hang-up, which follows, changes nothing more). */
  final java.util.Set<String> departed = new java.util.HashSet<>();

  /**
   * Parties rung into the room that were dropped before they answered: hung up as soon as they
   * enter.
   */
  final List<Party> unwanted = new ArrayList<>();

  private int nextId = 1;

  /** A leg has entered the room: once it is empty again, the call is over. */
  boolean entered;

  /** An agent ended the conference: whoever still enters is hung up. */
  boolean ending;

  Conference(LiveCall call, String domain, ConferenceRoom room) {
    this.call = call;
    this.domain = domain;
    this.room = room;
    roomNames.add(room.name());
  }

  Party add(String kind, Long agentId, String displayName, String number) {
    Party p = new Party("p" + nextId++, kind, agentId, displayName, number);
    parties.put(p.partyId, p);
    return p;
  }

  Optional<Party> byChannel(String channelId) {
    return parties.values().stream().filter(p -> channelId.equals(p.channelId)).findFirst();
  }

  Optional<Party> ringingAgent(long agentId) {
    return parties.values().stream()
        .filter(p -> !p.inRoom() && p.agentId != null && p.agentId == agentId)
        .findFirst();
  }

  Optional<Party> ringingNumber(String channel) {
    List<Party> ringing =
        parties.values().stream().filter(p -> !p.inRoom() && "number".equals(p.kind)).toList();
    return ringing.stream()
        .filter(p -> channel.startsWith("Local/" + p.number + "@"))
        .findFirst()
        .or(() -> ringing.stream().findFirst());
  }

  boolean hasAgent(long agentId) {
    return parties.values().stream().anyMatch(p -> p.agentId != null && p.agentId == agentId);
  }

  boolean inRoom(long agentId) {
    return parties.values().stream()
        .anyMatch(p -> p.inRoom() && p.agentId != null && p.agentId == agentId);
  }

  List<Long> agentIds() {
    return parties.values().stream()
        .filter(p -> p.agentId != null)
        .map(p -> p.agentId)
        .distinct()
        .toList();
  }
}
