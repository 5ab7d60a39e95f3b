package io.tandemcc.pbx.ami;

import static io.tandemcc.pbx.ami.MalformedEventException.require;

import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.ConferenceEvent;
import io.tandemcc.pbx.PbxEvent;
import java.util.List;
import java.util.Optional;
import org.asteriskjava.manager.event.AbstractConfbridgeEvent;
import org.asteriskjava.manager.event.ConfbridgeEndEvent;
import org.asteriskjava.manager.event.ConfbridgeJoinEvent;
import org.asteriskjava.manager.event.ConfbridgeLeaveEvent;
import org.asteriskjava.manager.event.ConfbridgeStartEvent;

/**
 * ConfBridge rooms (trace 12): {@code ConfbridgeStart/Join/Leave/End}. Part of {@link
 * AmiEventTranslator}.
 *
 * <p>The tenant is the prefix of the room's name ({@code acme-room-…}); a leg whose {@code
 * CC_TENANT} or agent endpoint names another tenant is dropped as malformed, so a leg can never be
 * counted in another tenant's room. Rooms without a tenant prefix are not ours (counted as
 * unattributed).
 */
final class ConferenceEventMapper {
  private final EndpointEventMapper endpoints;
  private final TranslationStats stats;

  ConferenceEventMapper(EndpointEventMapper endpoints, TranslationStats stats) {
    this.endpoints = endpoints;
    this.stats = stats;
  }

  List<PbxEvent> started(ConfbridgeStartEvent e) {
    return room(e)
        .<List<PbxEvent>>map(r -> List.of(new ConferenceEvent.Started(r.tenant(), r.name())))
        .orElse(List.of());
  }

  List<PbxEvent> ended(ConfbridgeEndEvent e) {
    return room(e)
        .<List<PbxEvent>>map(r -> List.of(new ConferenceEvent.Ended(r.tenant(), r.name())))
        .orElse(List.of());
  }

  List<PbxEvent> joined(ConfbridgeJoinEvent e) {
    Optional<Room> room = room(e);
    if (room.isEmpty()) {
      return List.of();
    }
    Leg leg = leg(room.get(), e);
    return List.of(
        new ConferenceEvent.Joined(
            room.get().tenant(),
            room.get().name(),
            leg.callId(),
            leg.channelId(),
            leg.channel(),
            leg.agent(),
            e.getCallerIdNum(),
            e.getCallerIdName()));
  }

  List<PbxEvent> left(ConfbridgeLeaveEvent e) {
    Optional<Room> room = room(e);
    if (room.isEmpty()) {
      return List.of();
    }
    Leg leg = leg(room.get(), e);
    return List.of(
        new ConferenceEvent.Left(
            room.get().tenant(), room.get().name(), leg.callId(), leg.channelId(), leg.agent()));
  }

  private record Room(String tenant, String name) {}

  private record Leg(
      String callId, String channelId, String channel, Optional<AgentEndpoint> agent) {}

  private Optional<Room> room(AbstractConfbridgeEvent e) {
    String name = require(e.getConference(), "Conference");
    Optional<String> tenant = ConferenceEvent.tenantOf(name);
    if (tenant.isEmpty()) {
      stats.unattributed(AmiEventTranslator.nameOf(e));
      return Optional.empty();
    }
    return Optional.of(new Room(tenant.get(), name));
  }

  private Leg leg(Room room, AbstractConfbridgeEvent e) {
    String channelId = require(e.getUniqueId(), "Uniqueid");
    String channel = require(e.getChannel(), "Channel");
    ChannelVars vars = endpoints.varsOf(channelId, e);
    Optional<String> declared = vars.tenant();
    if (declared.isPresent() && !declared.get().equals(room.tenant())) {
      throw new MalformedEventException(
          "CC_TENANT " + declared.get() + " on a leg in room " + room.name());
    }
    Optional<AgentEndpoint> agent = AmiNames.endpointOfChannel(channel);
    if (agent.isPresent() && !agent.get().tenant().equals(room.tenant())) {
      throw new MalformedEventException("phone " + agent.get() + " in room " + room.name());
    }
    return new Leg(
        EndpointEventMapper.callId(vars, e.getLinkedId(), channelId), channelId, channel, agent);
  }
}
