package io.tandemcc.pbx;

import static io.tandemcc.pbx.EventFields.id;
import static io.tandemcc.pbx.EventFields.sameTenant;
import static io.tandemcc.pbx.EventFields.text;

import java.util.Objects;
import java.util.Optional;

/**
 * What happens in a conference room (Asterisk: ConfBridge, trace 12), in our words. A room belongs
 * to one tenant: its name starts with the tenant's domain and a dash ({@code
 * acme-room-17953155570}), like every PBX name of a tenant.
 *
 * <p>A leg in a room is identified by its channel id. Its {@code callId} is the call the leg says
 * it belongs to ({@code CC_CALLID}, else its linked id): the customer's and the first agent's legs
 * carry the customer's call, but a leg the server originated into the room may carry a call id of
 * its own (trace 12: Bob's leg is its own linked id). The room is what ties the legs of one
 * conference together.
 */
public sealed interface ConferenceEvent extends PbxEvent.TenantEvent {

  /** The room's name on the PBX. */
  String room();

  /** The first leg entered the room (ConfbridgeStart). */
  record Started(String tenant, String room) implements ConferenceEvent {
    public Started {
      sameTenant(tenant, tenantOfRoom(room));
    }
  }

  /**
   * A leg entered the room (ConfbridgeJoin).
   *
   * @param channel the leg's channel name (e.g. {@code PJSIP/acme-1002-00000002})
   * @param agent the agent endpoint when the leg is an agent's phone, empty for customers, trunks,
   *     Local channels
   * @param callerNumber the leg's own caller id number, {@code ""} when unknown
   */
  record Joined(
      String tenant,
      String room,
      String callId,
      String channelId,
      String channel,
      Optional<AgentEndpoint> agent,
      String callerNumber,
      String callerName)
      implements ConferenceEvent {
    public Joined {
      sameTenant(tenant, tenantOfRoom(room));
      agent.ifPresent(a -> sameTenant(tenant, a.tenant()));
      callId = id(callId);
      channelId = id(channelId);
      channel = id(channel);
      callerNumber = text(callerNumber);
      callerName = text(callerName);
    }
  }

  /** A leg left the room: it hung up, was hung up, or was sent elsewhere (ConfbridgeLeave). */
  record Left(
      String tenant, String room, String callId, String channelId, Optional<AgentEndpoint> agent)
      implements ConferenceEvent {
    public Left {
      sameTenant(tenant, tenantOfRoom(room));
      agent.ifPresent(a -> sameTenant(tenant, a.tenant()));
      callId = id(callId);
      channelId = id(channelId);
    }
  }

  /** The last leg left; the room is gone (ConfbridgeEnd). */
  record Ended(String tenant, String room) implements ConferenceEvent {
    public Ended {
      sameTenant(tenant, tenantOfRoom(room));
    }
  }

  /**
   * The tenant a room belongs to: the text before the first dash of its name; empty if it has none.
   */
  static Optional<String> tenantOf(String room) {
    if (room == null) {
      return Optional.empty();
    }
    int dash = room.indexOf('-');
    if (dash <= 0 || dash == room.length() - 1) {
      return Optional.empty();
    }
    String tenant = room.substring(0, dash);
    return tenant.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        ? Optional.of(tenant)
        : Optional.empty();
  }

  private static String tenantOfRoom(String room) {
    Objects.requireNonNull(room, "room");
    return tenantOf(room)
        .orElseThrow(() -> new IllegalArgumentException("room without a tenant prefix: " + room));
  }
}
