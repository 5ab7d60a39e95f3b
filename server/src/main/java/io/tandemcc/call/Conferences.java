package io.tandemcc.call;

import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.call.CallRecords.Update;
import io.tandemcc.db.WriteBehind;
import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.ConferenceEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the conferences of calls from the rooms' events (trace 12) and keeps the call model and
 * the agents' states right: an agent rung into the room rings, talks once its leg is in the room,
 * and its call ends (wrap-up per policy) when its leg leaves; the call record ends when the last
 * party left. Every change is pushed to every agent in the conference. Runs on the call verticle's
 * context: {@link CallVerticle} hands it the room events in order and its hooks decide that the
 * legs of a conference end by leaving the room, not by the queue's AgentComplete.
 *
 * <p>A room is tied to its call by the legs that enter it: the customer's and first agent's legs
 * carry the call id; legs rung in later may not (trace 12), so the room, once known, is what
 * counts. What agents ask for is in {@link ConferenceControl}.
 */
final class Conferences {
  private static final Logger LOG = LoggerFactory.getLogger(Conferences.class);
  static final String CAUSE = "pbx-conference";

  private final Vertx vertx;
  private final LiveCalls live;
  private final CallDirectory directory;
  private final CallRecords records;
  private final CallParties parties;
  private final ConferenceParties conferenceParties;
  private final AgentStateClient agents;
  private final Clock clock;

  /** CallVerticle's: conference facts are written in order with the call's other facts. */
  private final WriteBehind writes;

  /** tenant|call id → its conference. */
  final Map<String, Conference> byCall = new HashMap<>();

  /** tenant|room name → the conference. */
  private final Map<String, Conference> byRoom = new HashMap<>();

  Conferences(
      Vertx vertx,
      WriteBehind writes,
      LiveCalls live,
      CallDirectory directory,
      CallRecords records,
      CallParties parties,
      ConferenceParties conferenceParties,
      AgentStateClient agents,
      Clock clock) {
    this.vertx = vertx;
    this.writes = writes;
    this.live = live;
    this.directory = directory;
    this.records = records;
    this.parties = parties;
    this.conferenceParties = conferenceParties;
    this.agents = agents;
    this.clock = clock;
  }

  // ---- hooks for CallVerticle

  /** Whether the call is (becoming) a conference: its agents' legs end by leaving the room. */
  boolean follows(long tenantId, String callId) {
    return byCall.containsKey(LiveCalls.key(tenantId, callId));
  }

  /**
   * An agent's leg hung up. When it was a party of a conference, it has left the room (if its
   * ConfbridgeLeave was missed) and nothing else is to be done: true. False when the leg is no
   * conference's.
   */
  boolean hungUp(long tenantId, String callId, String channelId) {
    Conference conf = byCall.get(LiveCalls.key(tenantId, callId));
    Optional<Conference.Party> party = conf == null ? Optional.empty() : conf.byChannel(channelId);
    if (party.isEmpty()) {
      for (Conference c : byCall.values()) {
        if (c.call.tenantId == tenantId && c.byChannel(channelId).isPresent()) {
          conf = c;
          party = c.byChannel(channelId);
          break;
        }
      }
    }
    if (party.isPresent()) {
      left(conf, party.get());
      return true;
    }
    // a leg that already left the room is done with; any other (e.g. the agent hung up before its
    // leg entered the
    // room) ends the usual way
    return conf != null && conf.departed.contains(channelId);
  }

  /**
   * A room event, once its tenant (and agent) are known; the future completes when it was applied.
   */
  Future<Void> on(ConferenceEvent e) {
    return directory
        .tenantId(e.tenant())
        .compose(
            tenantId -> {
              if (tenantId.isEmpty()) {
                LOG.warn("conference event for unknown tenant '{}' dropped", e.tenant());
                return Future.<Void>succeededFuture();
              }
              long tenant = tenantId.get();
              if (e instanceof ConferenceEvent.Joined j) {
                return agentOf(j.tenant(), j.agent())
                    .map(
                        agent -> {
                          joined(tenant, j, agent);
                          return null;
                        });
              }
              if (e instanceof ConferenceEvent.Left l) {
                Conference conf = byRoom.get(roomKey(tenant, l.room()));
                if (conf != null) {
                  conf.byChannel(l.channelId()).ifPresent(p -> left(conf, p));
                }
              } else if (e instanceof ConferenceEvent.Ended end) {
                Conference conf = byRoom.get(roomKey(tenant, end.room()));
                if (conf != null) {
                  finish(conf);
                }
              }
              return Future.<Void>succeededFuture();
            })
        .recover(
            err -> {
              LOG.error("conference event {} not handled", e, err);
              return Future.succeededFuture();
            });
  }

  private Future<Optional<CallDirectory.AgentInfo>> agentOf(
      String domain, Optional<AgentEndpoint> endpoint) {
    return endpoint.isEmpty()
        ? Future.succeededFuture(Optional.empty())
        : directory.agent(domain, endpoint.get().extension());
  }

  // ---- the room's events

  private void joined(
      long tenantId, ConferenceEvent.Joined j, Optional<CallDirectory.AgentInfo> agent) {
    Conference conf = byRoom.get(roomKey(tenantId, j.room()));
    if (conf == null) {
      conf = byCall.get(LiveCalls.key(tenantId, j.callId()));
      if (conf == null) {
        LOG.debug(
            "tenant {}: leg {} entered room {}, which belongs to no call we follow",
            tenantId,
            j.channelId(),
            j.room());
        return;
      }
      bind(conf, j.room());
    }
    if (conf.byChannel(j.channelId()).isPresent()) {
      return;
    }
    LiveCall c = conf.call;
    Conference.Party p = party(conf, j, agent);
    if (p == null || conf.ending) {
      LOG.info(
          "tenant {}: leg {} entered the room of call {} after it was dropped or the conference ended; "
              + "hanging it up",
          tenantId,
          j.channelId(),
          c.callId);
      hangup(j.channelId());
      return;
    }
    boolean ringFirst = p.agentId != null && !c.agents.contains(p.agentId) && !p.toldRinging;
    conf.entered = true;
    p.channelId = j.channelId();
    p.channel = j.channel();
    p.joinedAt = now();
    if (p.agentId != null) {
      c.agents.add(p.agentId);
      c.legs.putIfAbsent(p.agentId, new LiveCall.Leg(p.channelId, PartyRole.CONFERENCE));
      // sent one after the other from this context, the agent's events arrive in this order
      if (ringFirst) {
        toAgent(c.tenantId, p.agentId, new AgentEvent.CallRinging(c.callId, c.kind));
      }
      toAgent(c.tenantId, p.agentId, new AgentEvent.CallAnswered(c.callId));
    }
    Instant at = p.joinedAt;
    blocking(c, () -> conferenceParties.joinedBlocking(c.tenantId, c.callId, p, at));
    LOG.info(
        "tenant {}: {} {} entered the conference of call {} ({} in the room)",
        tenantId,
        p.kind,
        p.displayName,
        c.callId,
        conf.parties.values().stream().filter(Conference.Party::inRoom).count());
    publish(conf, "joined", p);
  }

  /**
   * The party a leg entering the room is: a rung agent or number, the customer, the agent who had
   * the call.
   */
  private Conference.Party party(
      Conference conf, ConferenceEvent.Joined j, Optional<CallDirectory.AgentInfo> agent) {
    LiveCall c = conf.call;
    if (agent.isPresent()) {
      long agentId = agent.get().agentId();
      Optional<Conference.Party> unwanted =
          conf.unwanted.stream().filter(p -> p.agentId != null && p.agentId == agentId).findFirst();
      if (unwanted.isPresent()) {
        conf.unwanted.remove(unwanted.get());
        return null;
      }
      return conf.ringingAgent(agentId)
          .orElseGet(() -> conf.add("agent", agentId, agent.get().displayName(), null));
    }
    if (j.channelId().equals(c.callId)) {
      String name = c.callerName.isEmpty() ? c.callerNumber : c.callerName;
      return conf.add(
          "customer",
          null,
          name.isEmpty() ? j.callerName() : name,
          c.callerNumber.isEmpty() ? j.callerNumber() : c.callerNumber);
    }
    Optional<Conference.Party> unwanted =
        conf.unwanted.stream().filter(p -> p.agentId == null).findFirst();
    if (unwanted.isPresent()) {
      conf.unwanted.remove(unwanted.get());
      return null;
    }
    return conf.ringingNumber(j.channel())
        .orElseGet(() -> conf.add("number", null, j.callerNumber(), j.callerNumber()));
  }

  /** The party's leg left the room (hung up, dropped, or the conference ended). */
  void left(Conference conf, Conference.Party p) {
    LiveCall c = conf.call;
    conf.parties.remove(p.partyId);
    if (p.channelId != null) {
      conf.departed.add(p.channelId);
    }
    String reason = p.endReason == null ? "left" : p.endReason;
    Instant at = now();
    if (p.channelId != null) {
      String channelId = p.channelId;
      blocking(c, () -> parties.leftBlocking(c.tenantId, channelId, reason, at));
    }
    if (p.agentId != null) {
      c.agents.remove(p.agentId);
      c.legs.remove(p.agentId);
      toAgent(c.tenantId, p.agentId, new AgentEvent.CallEnded(c.callId));
      vertx
          .eventBus()
          .publish(
              CallAddresses.CONFERENCE_CHANGED,
              new ConferenceChanged(
                  c.tenantId,
                  p.agentId,
                  ConferenceJson.message(c.callId, null, "left", p, p.agentId)));
    }
    LOG.info(
        "tenant {}: {} {} left the conference of call {} ({})",
        c.tenantId,
        p.kind,
        p.displayName,
        c.callId,
        reason);
    publish(conf, "left", p);
    if (conf.parties.isEmpty() && conf.entered) {
      finish(conf); // the room is empty: the call is over (ConfbridgeEnd says the same)
    }
  }

  /**
   * The room is gone: the call record ends, the call is no longer followed, agents still in it are
   * released.
   */
  private void finish(Conference conf) {
    LiveCall c = conf.call;
    for (Conference.Party p : List.copyOf(conf.parties.values())) {
      if (p.inRoom()) {
        left(conf, p);
      }
    }
    if (byCall.remove(LiveCalls.key(c.tenantId, c.callId)) == null) {
      return;
    }
    conf.roomNames.forEach(name -> byRoom.remove(roomKey(c.tenantId, name)));
    for (Conference.Party p : conf.parties.values()) {
      if (p.agentId != null) { // still ringing: the call it rings for is over
        toAgent(c.tenantId, p.agentId, new AgentEvent.CallEnded(c.callId));
      }
    }
    LOG.info("tenant {}: the conference of call {} is over; the call ends", c.tenantId, c.callId);
    Instant at = c.startedAt;
    Instant ended = now();
    writes.submit(
        () -> "tenant " + c.tenantId + ": end of call record " + c.callId,
        () -> records.upsertBlocking(c.tenantId, c.callId, at, Update.ended(ended)));
    live.remove(c.tenantId, c.callId);
  }

  /**
   * The PBX link came (back) up: rooms that closed while it was down are over (their ConfbridgeEnd
   * was lost), so their calls end; in a room still open, parties whose leg is no longer listed left
   * meanwhile (their ConfbridgeLeave was lost), so they leave now.
   */
  void linkUp(io.tandemcc.pbx.PbxCommands pbx) {
    if (byCall.isEmpty()) {
      return;
    }
    pbx.conferenceRooms()
        .onSuccess(
            rooms -> {
              java.util.Set<String> open = java.util.Set.copyOf(rooms);
              for (Conference conf : List.copyOf(byCall.values())) {
                Optional<String> room = conf.roomNames.stream().filter(open::contains).findFirst();
                if (conf.entered && room.isEmpty()) {
                  LOG.info(
                      "tenant {}: the room of call {} closed while the PBX link was down",
                      conf.domain,
                      conf.call.callId);
                  finish(conf);
                } else if (room.isPresent()) {
                  pbx.conferenceLegs(room.get())
                      .onSuccess(legs -> partiesGone(conf, java.util.Set.copyOf(legs)))
                      .onFailure(
                          err ->
                              LOG.warn(
                                  "tenant {}: the parties of call {}'s room not resynchronised: {}",
                                  conf.domain,
                                  conf.call.callId,
                                  err.getMessage()));
                }
              }
            })
        .onFailure(err -> LOG.warn("conference rooms not resynchronised: {}", err.getMessage()));
  }

  /** The parties in the room whose leg the PBX no longer lists left while the link was down. */
  private void partiesGone(Conference conf, java.util.Set<String> legs) {
    if (byCall.get(LiveCalls.key(conf.call.tenantId, conf.call.callId)) != conf) {
      return; // over meanwhile
    }
    for (Conference.Party p : List.copyOf(conf.parties.values())) {
      if (byCall.get(LiveCalls.key(conf.call.tenantId, conf.call.callId)) != conf) {
        return; // the last one left: the conference is over
      }
      if (p.inRoom() && !legs.contains(p.channelId) && conf.parties.containsKey(p.partyId)) {
        LOG.info(
            "tenant {}: {} {} left the room of call {} while the PBX link was down",
            conf.domain,
            p.kind,
            p.displayName,
            conf.call.callId);
        left(conf, p);
      }
    }
  }

  // ---- for ConferenceControl

  Conference open(LiveCall c, String domain) {
    Conference conf =
        new Conference(c, domain, io.tandemcc.pbx.ConferenceRoom.forCall(domain, c.callId));
    byCall.put(LiveCalls.key(c.tenantId, c.callId), conf);
    byRoom.put(roomKey(c.tenantId, conf.room.name()), conf);
    return conf;
  }

  /** The conference could not start (the PBX refused the Redirect): forget it. */
  void abandon(Conference conf) {
    byCall.remove(LiveCalls.key(conf.call.tenantId, conf.call.callId));
    conf.roomNames.forEach(name -> byRoom.remove(roomKey(conf.call.tenantId, name)));
  }

  Optional<Conference> of(long tenantId, String callId) {
    return Optional.ofNullable(byCall.get(LiveCalls.key(tenantId, callId)));
  }

  /**
   * A rung party did not answer (or the PBX refused to ring it): it is gone from the conference.
   */
  void notAnswered(Conference conf, Conference.Party p) {
    if (p.inRoom() || conf.parties.remove(p.partyId) == null) {
      return;
    }
    LiveCall c = conf.call;
    if (p.agentId != null) {
      toAgent(c.tenantId, p.agentId, new AgentEvent.CallEnded(c.callId));
      vertx
          .eventBus()
          .publish(
              CallAddresses.CONFERENCE_CHANGED,
              new ConferenceChanged(
                  c.tenantId,
                  p.agentId,
                  ConferenceJson.message(c.callId, null, "left", p, p.agentId)));
    }
    publish(conf, "left", p);
  }

  /** Pushes the conference, and what changed, to every agent in it (rung agents too). */
  void publish(Conference conf, String changeKind, Conference.Party changed) {
    LiveCall c = conf.call;
    for (Long agentId : conf.agentIds()) {
      vertx
          .eventBus()
          .publish(
              CallAddresses.CONFERENCE_CHANGED,
              new ConferenceChanged(
                  c.tenantId,
                  agentId,
                  ConferenceJson.message(c.callId, conf, changeKind, changed, agentId)));
    }
  }

  Future<?> toAgent(long tenantId, long agentId, AgentEvent event) {
    return agents
        .send(tenantId, agentId, event, CAUSE)
        .onFailure(
            err ->
                LOG.error(
                    "tenant {}: agent {} could not take {}: {}",
                    tenantId,
                    agentId,
                    event.getClass().getSimpleName(),
                    err.getMessage()));
  }

  /** Set by {@link ConferenceControl}: how legs are hung up (the PBX link's commands). */
  Consumer<String> hangups = channelId -> {};

  private void hangup(String channelId) {
    hangups.accept(channelId);
  }

  private void bind(Conference conf, String room) {
    conf.roomNames.add(room);
    byRoom.put(roomKey(conf.call.tenantId, room), conf);
  }

  private void blocking(LiveCall c, Runnable write) {
    writes.submit(() -> "tenant " + c.tenantId + ": conference facts of " + c.callId, write);
  }

  private static String roomKey(long tenantId, String room) {
    return tenantId + "|" + room;
  }

  private Instant now() {
    return clock.instant();
  }
}
