package io.tandemcc.pbx.ami;

import io.tandemcc.pbx.ConferenceDial;
import io.tandemcc.pbx.ConferenceRoom;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.RedirectAction;

/**
 * The AMI side of conferences (trace 12): a (dual) Redirect of connected legs into the room's
 * extension, and an Originate that rings a party and, once answered, runs the room's extension.
 */
final class ConferenceActions {
  static final String NOT_ANSWERED = "the party did not answer";

  /** ConfbridgeListRooms' error when no room is open (app_confbridge). */
  static final String NO_ROOMS = "No active conferences";

  /** ConfbridgeList's error when the room is not open (app_confbridge, action_confbridgelist). */
  static final String NO_SUCH_ROOM = "No Conference by that name found";

  private ConferenceActions() {}

  /**
   * @param channel the leg's channel name; {@code extraChannel} the second leg's, or null
   */
  static RedirectAction redirect(ConferenceRoom room, String channel, String extraChannel) {
    RedirectAction action = new RedirectAction(channel, room.context(), room.number(), 1);
    if (extraChannel != null) {
      action.setExtraChannel(extraChannel);
      action.setExtraContext(room.context());
      action.setExtraExten(room.number());
      action.setExtraPriority(1);
    }
    return action;
  }

  /**
   * An agent is rung on its endpoint; a number through a Local channel into the tenant's agents'
   * dialplan (which lets only what its agents may dial through, via the tenant's trunk). {@code
   * /n}: the Local pair stays, so the leg in the room keeps one name until it leaves.
   */
  static OriginateAction originate(ConferenceDial dial) {
    ConferenceRoom room = dial.room();
    OriginateAction action = new OriginateAction();
    action.setChannel(
        dial.agent() != null
            ? AmiNames.interfaceOf(dial.agent())
            : "Local/" + dial.number() + "@" + AmiNames.agentsContext(room.tenant()) + "/n");
    action.setContext(room.context());
    action.setExten(room.number());
    action.setPriority(1);
    action.setCallerId(AmiNames.callerId(dial.callerName(), room.number()));
    action.setTimeout(dial.ringTimeout().toMillis());
    action.setAsync(true);
    action.setVariable("__" + ChannelVars.TENANT, room.tenant());
    action.setVariable("__" + ChannelVars.CALL_ID, dial.callId());
    return action;
  }
}
