package io.tandemcc.call;

import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.AgentState;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.agent.AgentStatus;
import io.tandemcc.call.ConferenceCommand.Action;
import io.tandemcc.common.ApiException;
import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.ConferenceDial;
import io.tandemcc.pbx.PbxCommandException;
import io.tandemcc.pbx.PbxCommands;
import io.tandemcc.pbx.PbxLink;
import io.tandemcc.pbx.PbxLinks;
import io.tandemcc.tenant.OutboundGate;
import io.tandemcc.tenant.OutboundRules;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an agent asks of the conference of its call (docs/call-control.md "Conference"): add a party
 * (the first time, the customer and the agent are moved into the call's room), drop one, end it, or
 * turn a consultation into a conference. Checks first, then asks the PBX; the conference itself
 * changes only when the room's events say so ({@link Conferences}). Runs on the call verticle's
 * context.
 */
final class ConferenceControl {
  private static final Logger LOG = LoggerFactory.getLogger(ConferenceControl.class);
  private static final Pattern NUMBER = Pattern.compile("[0-9+*#]{1,32}");
  static final Duration RING = Duration.ofSeconds(30);

  private final LiveCalls live;
  private final Conferences conferences;
  private final CallDirectory directory;
  private final AgentStateClient agents;
  private final PbxLinks links;
  private final OutboundGate gate;
  private final OutboundCalls outbound;

  ConferenceControl(
      LiveCalls live,
      Conferences conferences,
      CallDirectory directory,
      AgentStateClient agents,
      PbxLinks links,
      OutboundGate gate,
      OutboundCalls outbound) {
    this.gate = gate;
    this.outbound = outbound;
    this.live = live;
    this.conferences = conferences;
    this.directory = directory;
    this.agents = agents;
    this.links = links;
    conferences.hangups =
        channelId ->
            pbx()
                .ifPresent(
                    pbx ->
                        pbx.hangup(channelId)
                            .onFailure(
                                err ->
                                    LOG.info(
                                        "hang-up of {} refused: {}", channelId, err.getMessage())));
  }

  void onCommand(Message<ConferenceCommand> m) {
    ConferenceCommand cmd = m.body();
    Future<ConferenceReply> reply;
    try {
      reply = handle(cmd);
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    reply.recover(err -> Future.succeededFuture(failure(cmd, err))).onSuccess(m::reply);
  }

  Future<ConferenceReply> handle(ConferenceCommand cmd) {
    Optional<LiveCall> found = callOf(cmd.tenantId(), cmd.agentId());
    if (found.isEmpty()) {
      return refused(409, "not-on-call", "You are on no call.");
    }
    LiveCall c = found.get();
    Optional<Conference> conf = conferences.of(c.tenantId, c.callId);
    if (cmd.action() == Action.VIEW) {
      return Future.succeededFuture(
          ConferenceReply.viewed(
              c.callId,
              ConferenceJson.message(c.callId, conf.orElse(null), null, null, cmd.agentId())));
    }
    if (conf.isPresent() && !conf.get().inRoom(cmd.agentId()) && cmd.action() != Action.ADD) {
      return refused(409, "call-not-connected", "You are not connected to the conference yet.");
    }
    return switch (cmd.action()) {
      case ADD -> add(cmd, c, conf);
      case DROP -> drop(cmd, c, conf);
      case END -> end(c, conf);
      case FROM_CONSULT -> fromConsult(cmd, c, conf);
      case VIEW -> throw new IllegalStateException("answered above");
    };
  }

  // ---- add

  private Future<ConferenceReply> add(
      ConferenceCommand cmd, LiveCall c, Optional<Conference> existing) {
    if (existing.isEmpty()) {
      Optional<ConferenceReply> notConnected = ownerCheck(cmd, c);
      if (notConnected.isPresent()) {
        return Future.succeededFuture(notConnected.get());
      }
      if (c.consultTarget != null) {
        return refused(
            409,
            "consult-in-progress",
            "Finish the consultation first, or turn it into a conference.");
      }
    } else if (!existing.get().inRoom(cmd.agentId())) {
      return refused(409, "call-not-connected", "You are not connected to the conference yet.");
    }
    int count = existing.map(conf -> conf.parties.size()).orElse(2);
    if (count >= Conference.MAX_PARTIES) {
      return refused(
          409,
          "conference-full",
          "A conference has at most " + Conference.MAX_PARTIES + " parties.");
    }
    if ((cmd.targetAgentId() == null) == (cmd.targetNumber() == null)) {
      return refused(400, "invalid-request", "The target is an agent or a number.");
    }
    if (cmd.targetNumber() != null && !NUMBER.matcher(cmd.targetNumber()).matches()) {
      return refused(400, "invalid-request", "A number is 1 to 32 digits, +, * or #.");
    }
    // an outside number passes the tenant's rules first (403 outbound-refused, audited), the caps
    // below
    OutboundGate.Dial dial =
        cmd.targetNumber() == null || !OutboundRules.reachesTrunk(cmd.targetNumber())
            ? null
            : new OutboundGate.Dial(
                c.tenantId, null, cmd.agentId(), cmd.targetNumber(), "conference");
    Future<OutboundRules> rules = dial == null ? Future.succeededFuture(null) : gate.rules(dial);
    Future<Optional<CallDirectory.AgentInfo>> target =
        cmd.targetAgentId() == null
            ? rules.map(r -> Optional.empty())
            : readyAgent(cmd, c, existing);
    return target.compose(
        agent -> {
          // the checks took a while: is the call still there and still ours?
          if (live.get(c.tenantId, c.callId) == null || !c.agents.contains(cmd.agentId())) {
            return refused(409, "not-on-call", "The call has ended.");
          }
          Optional<PbxCommands> pbx = pbx();
          if (pbx.isEmpty()) {
            return refused(503, "pbx-unavailable", "The phone system is not reachable.");
          }
          Conference conf = conferences.of(c.tenantId, c.callId).orElse(null);
          if (conf != null && conf.parties.size() >= Conference.MAX_PARTIES) {
            return refused(
                409,
                "conference-full",
                "A conference has at most " + Conference.MAX_PARTIES + " parties.");
          }
          if (dial != null && rules.result() != null) {
            // counted and the party added on this context, in one step: no other request takes the
            // same place
            OutboundRules r = rules.result();
            Optional<OutboundRules.Refusal> capped =
                outbound.check(c.tenantId, cmd.agentId(), r.maxPerTenant(), r.maxPerAgent());
            if (capped.isPresent()) {
              return gate.refuse(dial, r, capped.get());
            }
          }
          Future<Conference> room =
              conf != null ? Future.succeededFuture(conf) : start(pbx.get(), c, cmd.domain());
          return room.compose(started -> ring(pbx.get(), started, agent, cmd.targetNumber()));
        });
  }

  /**
   * Moves the customer and the agent who has the call into the call's room (trace 12's dual
   * Redirect).
   */
  private Future<Conference> start(PbxCommands pbx, LiveCall c, String domain) {
    LiveCall.Leg owner = c.legs.get(c.answeredBy);
    Conference conf = conferences.open(c, domain);
    LOG.info(
        "tenant {}: call {} becomes a conference in room {}", domain, c.callId, conf.room.name());
    return pbx.redirectToConference(conf.room, c.callId, owner.channelId())
        .map(v -> conf)
        .onFailure(err -> conferences.abandon(conf));
  }

  private Future<ConferenceReply> ring(
      PbxCommands pbx, Conference conf, Optional<CallDirectory.AgentInfo> agent, String number) {
    LiveCall c = conf.call;
    Conference.Party p =
        agent.isPresent()
            ? conf.add("agent", agent.get().agentId(), agent.get().displayName(), null)
            : conf.add("number", null, number, number);
    ConferenceDial dial =
        agent.isPresent()
            ? ConferenceDial.agent(
                conf.room,
                new AgentEndpoint(conf.domain, agent.get().extension()),
                c.callId,
                callerName(c),
                RING)
            : ConferenceDial.number(conf.room, number, c.callId, callerName(c), RING);
    if (p.agentId != null) {
      p.toldRinging = true;
      conferences.toAgent(c.tenantId, p.agentId, new AgentEvent.CallRinging(c.callId, c.kind));
    }
    conferences.publish(conf, null, null);
    pbx.dialIntoConference(dial)
        .onFailure(
            err -> {
              LOG.info(
                  "tenant {}: {} was not added to the conference of call {}: {}",
                  conf.domain,
                  p.displayName,
                  c.callId,
                  err.getMessage());
              conferences.notAnswered(conf, p);
            });
    return Future.succeededFuture(ConferenceReply.done(c.callId, p.partyId));
  }

  private Future<Optional<CallDirectory.AgentInfo>> readyAgent(
      ConferenceCommand cmd, LiveCall c, Optional<Conference> conf) {
    long targetId = cmd.targetAgentId();
    return directory
        .agentById(c.tenantId, targetId)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.failedFuture(
                    new Refusal(404, "unknown-target", "There is no such agent."));
              }
              CallDirectory.AgentInfo agent = found.get();
              if (targetId == cmd.agentId()
                  || c.agents.contains(targetId)
                  || conf.map(x -> x.hasAgent(targetId)).orElse(false)) {
                return Future.failedFuture(
                    new Refusal(
                        409,
                        "target-not-ready",
                        agent.displayName() + " is on this call already."));
              }
              return agents
                  .current(c.tenantId, targetId)
                  .compose(
                      state -> {
                        if (state.status() != AgentStatus.READY || state.call() != null) {
                          return Future.failedFuture(
                              new Refusal(
                                  409,
                                  "target-not-ready",
                                  agent.displayName() + " is " + describe(state) + "."));
                        }
                        return Future.succeededFuture(found);
                      });
            });
  }

  private static String describe(AgentState state) {
    if (state.call() != null) {
      return "on a call";
    }
    return switch (state.status()) {
      case NOT_READY -> "Not Ready (" + state.reason().label() + ")";
      case PENDING_NOT_READY -> "Not Ready (" + state.reason().label() + ")";
      case WRAPUP -> "in wrap-up";
      case LOGGED_OUT -> "logged out";
      case READY -> "busy";
    };
  }

  // ---- drop, end

  private Future<ConferenceReply> drop(
      ConferenceCommand cmd, LiveCall c, Optional<Conference> existing) {
    Conference.Party p = existing.map(conf -> conf.parties.get(cmd.partyId())).orElse(null);
    if (p == null) {
      return refused(404, "unknown-party", "There is no such party in your conference.");
    }
    Conference conf = existing.get();
    if (!p.inRoom()) {
      conf.unwanted.add(p);
      conferences.notAnswered(conf, p);
      return Future.succeededFuture(ConferenceReply.done(c.callId, p.partyId));
    }
    Optional<PbxCommands> pbx = pbx();
    if (pbx.isEmpty()) {
      return refused(503, "pbx-unavailable", "The phone system is not reachable.");
    }
    p.endReason = "dropped";
    return pbx.get()
        .hangup(p.channelId)
        .map(v -> ConferenceReply.done(c.callId, p.partyId))
        .onFailure(err -> p.endReason = null);
  }

  private Future<ConferenceReply> end(LiveCall c, Optional<Conference> existing) {
    if (existing.isEmpty()) {
      return refused(409, "not-in-conference", "Your call is not a conference.");
    }
    Optional<PbxCommands> pbx = pbx();
    if (pbx.isEmpty()) {
      return refused(503, "pbx-unavailable", "The phone system is not reachable.");
    }
    Conference conf = existing.get();
    conf.ending = true;
    List<Future<Void>> hangups = new ArrayList<>();
    for (Conference.Party p : List.copyOf(conf.parties.values())) {
      if (p.inRoom()) {
        p.endReason = "conference_ended";
        hangups.add(pbx.get().hangup(p.channelId));
      } else {
        conf.unwanted.add(p);
        conferences.notAnswered(conf, p);
      }
    }
    return Future.all(hangups).map(v -> ConferenceReply.done(c.callId, null));
  }

  // ---- consultation → conference

  /**
   * The agent consults a colleague (Atxfer, trace 11): the customer waits in the call's bridge, the
   * agent and the colleague talk in a bridge of their own. The customer and the colleague are
   * redirected into the room first (a dual Redirect), then the agent: Asterisk's attended transfer
   * ends as if the colleague had hung up (the agent is taken back to the customer's bridge),
   * whereas moving the agent first would complete the transfer.
   *
   * <p>An outside number is consulted the same way: the agent's leg dials {@code
   * Local/<number>@<tenant>-agents}, whose {@code ;2} half Dials the trunk. The leg redirected is
   * the trunk leg, the outside party's own channel, as the colleague's own phone leg is for an
   * agent: Redirect of a Local half would move only that half out of its Dial bridge (leaving the
   * far end alone there, hung up when Dial returns), and a Local pair without {@code /n} optimises
   * itself out of the call path once the far end answers (Asterisk's "Local Channel Optimization";
   * trace 11 shows its LocalOptimizationBegin/End on the Atxfer's pair), after which the halves are
   * gone and only the real leg is left.
   */
  private Future<ConferenceReply> fromConsult(
      ConferenceCommand cmd, LiveCall c, Optional<Conference> existing) {
    Optional<ConferenceReply> notConnected = ownerCheck(cmd, c);
    if (notConnected.isPresent()) {
      return Future.succeededFuture(notConnected.get());
    }
    LiveCall.Leg consulted = c.consultTarget == null ? null : c.legs.get(c.consultTarget);
    String outside =
        consulted == null && c.consult != null && c.consult.agentId() == null
            ? c.consultNumberChannel
            : null;
    if (existing.isPresent() || (consulted == null && outside == null)) {
      return refused(409, "no-consult", "You are consulting nobody.");
    }
    Optional<PbxCommands> pbx = pbx();
    if (pbx.isEmpty()) {
      return refused(503, "pbx-unavailable", "The phone system is not reachable.");
    }
    LiveCall.Leg owner = c.legs.get(c.answeredBy);
    Conference conf = conferences.open(c, cmd.domain());
    LOG.info(
        "tenant {}: the consultation of call {} becomes a conference in room {}",
        cmd.domain(),
        c.callId,
        conf.room.name());
    if (outside != null) {
      // shown as a number party; the room's Join of that leg then finds it (Conferences.party →
      // ringingNumber)
      conf.add("number", null, c.consult.number(), c.consult.number());
    }
    return pbx.get()
        .redirectToConference(
            conf.room, c.callId, consulted != null ? consulted.channelId() : outside)
        .compose(v -> pbx.get().redirectToConference(conf.room, owner.channelId(), null))
        .map(
            v -> {
              c.consultTarget = null;
              c.consultNumberChannel = null;
              return ConferenceReply.done(c.callId, null);
            })
        .onFailure(err -> conferences.abandon(conf));
  }

  // ---- helpers

  /** The agent must be the one connected to the customer. */
  private static Optional<ConferenceReply> ownerCheck(ConferenceCommand cmd, LiveCall c) {
    boolean owner = c.answeredBy != null && c.answeredBy == cmd.agentId() && c.everAnswered;
    return owner
        ? Optional.empty()
        : Optional.of(
            ConferenceReply.refused(
                409, "call-not-connected", "Your call is not connected to the customer."));
  }

  private Optional<LiveCall> callOf(long tenantId, long agentId) {
    return live.values().stream()
        .filter(
            c ->
                c.tenantId == tenantId && c.agents.contains(agentId) && c.legs.containsKey(agentId))
        .findFirst();
  }

  private Optional<PbxCommands> pbx() {
    return links.primary().filter(l -> l.status().isUp()).map(PbxLink::commands);
  }

  private static String callerName(LiveCall c) {
    return c.callerName.isEmpty() ? c.callerNumber : c.callerName;
  }

  private static Future<ConferenceReply> refused(int status, String code, String message) {
    return Future.succeededFuture(ConferenceReply.refused(status, code, message));
  }

  private static ConferenceReply failure(ConferenceCommand cmd, Throwable err) {
    if (err instanceof Refusal r) {
      return ConferenceReply.refused(r.status, r.code, r.getMessage());
    }
    if (err instanceof ApiException api) {
      return ConferenceReply.refused(api.status(), api.code(), api.getMessage());
    }
    if (err instanceof PbxCommandException p) {
      return ConferenceReply.refused(
          502, "pbx-refused", "The phone system refused: " + p.pbxMessage());
    }
    LOG.error(
        "tenant {}: conference {} of agent {} failed",
        cmd.tenantId(),
        cmd.action(),
        cmd.agentId(),
        err);
    return ConferenceReply.refused(500, "internal-error", "The conference request failed.");
  }

  /** A refusal found while checking asynchronously. */
  private static final class Refusal extends RuntimeException {
    final int status;
    final String code;

    Refusal(int status, String code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }
  }
}
