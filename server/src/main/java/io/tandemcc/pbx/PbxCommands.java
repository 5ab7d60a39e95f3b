package io.tandemcc.pbx;

import io.tandemcc.pbx.PbxEvent.ChannelListed;
import io.tandemcc.pbx.PbxEvent.QueueCallerListed;
import io.tandemcc.pbx.PbxEvent.QueueMemberListed;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * The actions the product asks of a PBX. Every method returns at once; the future fails with a
 * {@link PbxCommandException} carrying the PBX's own message when the PBX refuses or the link is
 * down, and with {@link IllegalArgumentException} when the arguments mix tenants. Futures complete
 * on the caller's Vert.x context when there is one.
 */
public interface PbxCommands {

  /**
   * Checks an agent into a queue.
   *
   * @param memberName the display name shown in queue reports
   * @param paused whether the member starts paused
   * @param pauseReason the reason recorded with the pause ({@code null} or empty for none)
   * @return {@link QueueAddResult#ALREADY_MEMBER} when the agent was already in the queue
   */
  Future<QueueAddResult> queueAdd(
      QueueRef queue, AgentEndpoint agent, String memberName, boolean paused, String pauseReason);

  /** Checks an agent out of a queue; {@link QueueRemoveResult#NOT_MEMBER} when it was not in it. */
  Future<QueueRemoveResult> queueRemove(QueueRef queue, AgentEndpoint agent);

  /** Pauses or unpauses an agent in one queue. Fails when the agent is not a member of it. */
  Future<Void> queuePause(QueueRef queue, AgentEndpoint agent, boolean paused, String reason);

  /**
   * Pauses or unpauses an agent in every queue it is a member of. Fails when it is a member of
   * none.
   */
  Future<Void> queuePauseAll(AgentEndpoint agent, boolean paused, String reason);

  /** The members of one queue, for resynchronisation. */
  Future<List<QueueMemberListed>> queueStatus(QueueRef queue);

  /** The members of every queue of every tenant on this PBX, for resynchronisation. */
  Future<List<QueueMemberListed>> queueStatusAll();

  /**
   * The callers waiting in every queue of every tenant on this PBX (Asterisk: QueueStatus →
   * QueueEntry), for resynchronisation: callers already waiting when the link came up.
   */
  Future<List<QueueCallerListed>> queueCallers();

  /**
   * The call legs in progress that belong to a tenant (agent phones, or calls carrying CC_TENANT).
   */
  Future<List<ChannelListed>> coreShowChannels();

  /**
   * Runs a PBX command-line command, e.g. {@code dialplan reload} (Asterisk: AMI {@code Command}),
   * and completes with its output, one element per line. Fails with {@link PbxCommandException}
   * carrying the command's own output (or the PBX's message when there is none) when the PBX
   * refuses it or reports that it failed.
   */
  Future<List<String>> command(String cli);

  // --- call control. Channel ids are the legs' unique ids as the events carry them. ---

  /**
   * Blind transfer: the party bridged with the agent's leg is dialled to {@code exten} of the
   * tenant's agents' dialplan (an extension or an outside number as an agent would dial it); the
   * agent's leg then ends.
   */
  Future<Void> blindTransfer(AgentEndpoint agent, String agentChannelId, String exten);

  /**
   * Sends a leg (the customer's) into a queue of its tenant; it waits there again with its channel
   * variables.
   */
  Future<Void> redirectToQueue(QueueRef queue, String channelId);

  /**
   * Starts a consultation (attended transfer): the customer is held and the agent's leg dials
   * {@code exten}. Hanging up the agent's leg afterwards completes the transfer; {@link
   * #cancelConsultation} takes the customer back.
   */
  Future<Void> consult(AgentEndpoint agent, String agentChannelId, String exten);

  /**
   * Ends the consultation of the agent's leg (also while the target still rings); the customer is
   * taken back.
   */
  Future<Void> cancelConsultation(String agentChannelId);

  /** Hangs up one leg. */
  Future<Void> hangup(String channelId);

  /** Records the conversation of a leg (both directions, only while bridged) into {@code file}. */
  Future<Void> startRecording(String channelId, String file);

  /** Stops recording a leg; fails when it is not being recorded. */
  Future<Void> stopRecording(String channelId);

  /**
   * Click-to-dial: rings the agent's phone first, then, once it answers, dials {@code number} from
   * it. Completes with the unique id of the agent's leg once the phone answered; fails when it did
   * not (busy, offline, no answer).
   */
  Future<String> originate(ClickToDial request);

  // --- conference (trace 12) ---

  /**
   * Sends a leg into a conference room of its tenant, and with it {@code extraChannelId} when not
   * null (a dual Redirect: both legs leave their bridge at once, so neither is left alone with
   * nothing). The room opens with the first leg that enters.
   */
  Future<Void> redirectToConference(ConferenceRoom room, String channelId, String extraChannelId);

  /**
   * Rings a party into a conference room: once it answers it enters the room. Completes with the
   * unique id of the party's leg once it answered; fails when the PBX refused the call or the party
   * did not answer (busy, offline, no answer within the ring time). {@code ConferenceEvent.Joined}
   * reports its entry into the room.
   */
  Future<String> dialIntoConference(ConferenceDial dial);

  /**
   * The names of the conference rooms open on the PBX (of every tenant); empty when there is none.
   */
  Future<List<String>> conferenceRooms();

  /**
   * The unique ids of the legs in a conference room (Asterisk: ConfbridgeList → ConfbridgeList
   * items, trace 12); empty when the room is not open.
   */
  Future<List<String>> conferenceLegs(String room);

  // --- reload survival (docs/webphone.md) ---

  /**
   * Takes the customer's leg out of its bridge into the tenant's holding place: music on hold for
   * the grace period, then back to the queue's head or an apology and the end of the call, as the
   * request says. The agent's old leg, left alone in the bridge, ends.
   */
  Future<Void> holdForReattach(ReattachHold hold);

  /**
   * Rings the agent's phone with a call it answers by itself (the header names the call) and, once
   * it answered, bridges it with the held customer. Completes with the unique id of the agent's new
   * leg once both are bridged; fails when the phone did not answer or the customer is gone.
   */
  Future<String> reattach(ReattachDial dial);

  // --- supervision ---

  /**
   * Silent monitor, whisper or barge-in: rings the supervisor's own phone and, once it answers,
   * joins the agent's leg in the request's mode. Completes with the unique id of the supervisor's
   * leg once the phone answered; fails when it did not. The leg ends by itself when the agent's leg
   * ends (or was gone already); {@link #spyMode} switches it to another mode without a new call,
   * {@link #hangup} ends it. The agent's phone is not signalled.
   */
  Future<String> spy(SpyRequest request);

  /** Switches a running spy leg (see {@link #spy}) to another mode. */
  Future<Void> spyMode(String spyChannelId, SpyMode mode);

  /** A round trip to the PBX; completes with the time it took. */
  Future<Duration> ping();
}
