package io.tandemcc.call;

import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.agent.CallKind;
import io.tandemcc.call.CallRecords.Update;
import io.tandemcc.common.LocalTopic;
import io.tandemcc.db.WriteBehind;
import io.tandemcc.pbx.ConferenceEvent;
import io.tandemcc.pbx.PbxAddresses;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.PbxEvent.AgentChannelHungUp;
import io.tandemcc.pbx.PbxEvent.CallHeld;
import io.tandemcc.pbx.PbxEvent.CallTransferred;
import io.tandemcc.pbx.PbxEvent.CallUnheld;
import io.tandemcc.pbx.PbxEvent.ChannelListed;
import io.tandemcc.pbx.PbxEvent.DirectCallAnswered;
import io.tandemcc.pbx.PbxEvent.DirectCallOffered;
import io.tandemcc.pbx.PbxEvent.OutboundCallAnswered;
import io.tandemcc.pbx.PbxEvent.OutboundCallStarted;
import io.tandemcc.pbx.PbxEvent.QueueCallAbandoned;
import io.tandemcc.pbx.PbxEvent.QueueCallAnswered;
import io.tandemcc.pbx.PbxEvent.QueueCallEnded;
import io.tandemcc.pbx.PbxEvent.QueueCallNotAnswered;
import io.tandemcc.pbx.PbxEvent.QueueCallOffered;
import io.tandemcc.pbx.PbxEvent.QueueCallerJoined;
import io.tandemcc.pbx.PbxEvent.RecordingStarted;
import io.tandemcc.pbx.PbxEvent.RecordingStopped;
import io.tandemcc.pbx.PbxLink;
import io.tandemcc.pbx.PbxLinks;
import io.tandemcc.pbx.TransferKind;
import io.tandemcc.tenant.OutboundClaim;
import io.tandemcc.tenant.OutboundGate;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows calls from the PBX's events: drives the call overlay of the agents involved, offers calls
 * to their browsers with attached data and popup, keeps a record of every call, and takes attached
 * data pushed by CRMs. Events of one agent are handled in the order the PBX sent them. Every time a
 * PBX link comes up it assumes nothing from before: the legs the PBX lists are compared with the
 * calls it follows and the agents' call overlays are corrected ({@link CallResync}).
 */
public final class CallVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(CallVerticle.class);
  private static final String CAUSE = "pbx";
  private static final String RESYNC_CAUSE = "pbx-resync";

  private final CallDirectory directory;
  private final CallRecords records;
  private final AgentStateClient agents;
  private final Clock clock;
  private final Map<String, LiveCall> live = new HashMap<>();
  private Future<Void> pending = Future.succeededFuture();
  private Future<Void> lookup = Future.succeededFuture();
  private final CallOffers offers;
  private final LocalTopic<CallOffered> offered;
  private final CallParties parties;
  private final PbxLinks links;
  private final OutboundGate gate;
  private OutboundCalls outbound;
  private CallControlFeed feed;

  /**
   * Calls that saw an event while a resynchronisation was under way; its list is older for them.
   */
  private final Set<String> touchedDuringResync = new HashSet<>();

  private long resyncGeneration;
  private boolean resyncing;
  private Conferences conferences;

  /** Calls kept for their agent's reloaded page (docs/webphone.md, "Reload survival"). */
  private Reattaches reattaches;

  /**
   * The call's facts in the database, written in order a moment after the pushes (see {@link
   * WriteBehind}).
   */
  private WriteBehind writes;

  /**
   * @param links the PBX links, asked for the legs in progress when one comes up
   * @param offered where the screen-pops go: a {@link LocalTopic}, not the event bus, so that the
   *     push hub on this event loop writes an offer before the rest of the AMI event's work (see
   *     {@link LocalTopic})
   */
  public CallVerticle(
      CallDirectory directory,
      CallRecords records,
      CallParties parties,
      AgentStateClient agents,
      Clock clock,
      PbxLinks links,
      LocalTopic<CallOffered> offered,
      OutboundGate gate) {
    this.gate = gate;
    this.offered = offered;
    this.directory = directory;
    this.records = records;
    this.parties = parties;
    this.agents = agents;
    this.clock = clock;
    this.offers = new CallOffers();
    this.links = links;
  }

  @Override
  public Future<?> start() {
    var events = vertx.eventBus().<PbxEvent>consumer(PbxAddresses.EVENTS, m -> onEvent(m.body()));
    var roster =
        vertx
            .eventBus()
            .<io.tandemcc.tenant.RosterChanged>consumer(
                io.tandemcc.tenant.TenantAddresses.ROSTER_CHANGED,
                m -> directory.forget(m.body().tenantId()));
    var attach =
        vertx.eventBus().<AttachData>consumer(CallAddresses.ATTACH_DATA, this::onAttachData);
    var current =
        vertx
            .eventBus()
            .<AgentCallQuery>consumer(
                CallAddresses.AGENT_CALL, m -> m.reply(AgentCallViews.of(live.values(), m.body())));
    feed = new CallControlFeed(vertx.eventBus());
    // call control's requests take their turn with the PBX events received before them (see
    // onEvent)
    var consult =
        vertx
            .eventBus()
            .<ConsultRequest>consumer(
                CallAddresses.CONSULT_REQUEST,
                m ->
                    inTurn(
                        "consultation request",
                        () -> {
                          LiveCall c = live.get(key(m.body().tenantId(), m.body().callId()));
                          if (c != null
                              && c.answeredBy != null
                              && c.answeredBy == m.body().agentId()) {
                            feed.requested(c, m.body().number());
                            if (m.body().number() != null) {
                              outbound.seen(c.tenantId, m.body().agentId());
                            }
                          }
                        }));
    var recordingFile =
        vertx
            .eventBus()
            .<RecordingRequest>consumer(
                CallAddresses.RECORDING_REQUEST,
                m ->
                    inTurn(
                        "recording request",
                        () -> {
                          LiveCall c = live.get(key(m.body().tenantId(), m.body().callId()));
                          if (c != null) {
                            c.recordingFiles.put(m.body().channelId(), m.body().file());
                          }
                        }));
    writes = new WriteBehind(vertx, WriteBehind.DELAY);
    conferences =
        new Conferences(
            vertx,
            writes,
            live,
            directory,
            records,
            parties,
            new ConferenceParties(parties.database()),
            agents,
            clock);
    outbound = new OutboundCalls(live, conferences, clock);
    var conference =
        vertx
            .eventBus()
            .<ConferenceCommand>consumer(
                CallAddresses.CONFERENCE,
                new ConferenceControl(live, conferences, directory, agents, links, gate, outbound)
                    ::onCommand);
    // the caps: counted and granted at once on this context, off the live calls (not in turn:
    // nothing to wait for)
    var claim =
        vertx
            .eventBus()
            .<OutboundClaim>consumer(OutboundClaim.ADDRESS, m -> m.reply(outbound.claim(m.body())));
    var release =
        vertx
            .eventBus()
            .<OutboundClaim>consumer(
                OutboundClaim.RELEASE, m -> outbound.release(m.body().claimId()));
    var originated =
        vertx
            .eventBus()
            .<CallOriginated>consumer(
                CallAddresses.ORIGINATED,
                m -> inTurn("click-to-dial call", () -> originated(m.body())));
    var settingsChanged =
        vertx
            .eventBus()
            .<Long>consumer(
                CallAddresses.SETTINGS_CHANGED, m -> directory.forgetSettings(m.body()));
    reattaches =
        new Reattaches(
            vertx,
            live,
            directory,
            new ReattachRules(parties.database()),
            () -> links.primary().filter(l -> l.status().isUp()).map(PbxLink::commands),
            clock,
            reattachHost(),
            conferences::follows);
    var socketClosed =
        vertx
            .eventBus()
            .<io.tandemcc.call.SipSocketClosed>consumer(
                io.tandemcc.call.SipSocketClosed.ADDRESS,
                m -> inTurn("SIP socket closed", () -> reattaches.socketClosed(m.body())));
    var reattach =
        vertx
            .eventBus()
            .<ReattachCommand>consumer(
                CallAddresses.REATTACH,
                m ->
                    inTurn(
                        "reattach request",
                        () -> reattaches.request(m.body()).onSuccess(m::reply)));
    return Future.all(
        List.of(
            events.completion(),
            attach.completion(),
            current.completion(),
            consult.completion(),
            conference.completion(),
            originated.completion(),
            recordingFile.completion(),
            claim.completion(),
            release.completion(),
            roster.completion(),
            settingsChanged.completion(),
            socketClosed.completion(),
            reattach.completion()));
  }

  /** What {@link Reattaches} may do to the calls followed here. */
  private Reattaches.Host reattachHost() {
    return new Reattaches.Host() {
      @Override
      public void toAgent(long tenantId, long agentId, AgentEvent event) {
        agents
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

      @Override
      public void finish(LiveCall c, long agentId) {
        CallVerticle.this.finish(c, agentId, null);
      }

      @Override
      public void partyLeft(LiveCall c, String channelId, String reason) {
        Instant at = now();
        blocking(c, () -> parties.leftBlocking(c.tenantId, channelId, reason, at));
      }

      @Override
      public void joined(LiveCall c, long agentId, String channelId, String role) {
        CallVerticle.this.joined(c, agentId, channelId, role);
        legAnswered(c, channelId);
      }

      @Override
      public void endHold(LiveCall c) {
        CallVerticle.this.endHold(c);
      }

      @Override
      public void offerAgain(LiveCall c, long agentId) {
        directory
            .agentById(c.tenantId, agentId)
            .compose(agent -> directory.settings(c.tenantId).map(s -> agent))
            .onSuccess(agent -> agent.ifPresent(a -> offer(c, a)));
      }

      @Override
      public void inTurn(String what, Runnable step) {
        CallVerticle.this.inTurn(what, step);
      }

      @Override
      public void await(Future<?> work) {
        lookup = work.transform(ar -> Future.<Void>succeededFuture());
      }
    };
  }

  /** What waits to be written is written before the owner stops. */
  @Override
  public Future<?> stop() {
    return writes == null ? Future.succeededFuture() : writes.drain();
  }

  /**
   * Runs {@code step} after every step before it has run and its lookups are done (see {@link
   * #onEvent}).
   *
   * @param what names the step in the log when it fails
   */
  private void inTurn(String what, Runnable step) {
    pending =
        pending.transform(
            ignored -> {
              lookup = Future.succeededFuture();
              try {
                step.run();
              } catch (RuntimeException e) {
                LOG.error("{} not handled", what, e);
              }
              return lookup;
            });
  }

  /** A click-to-dial call: followed like an agent's outbound call, with the CRM's attached data. */
  private void originated(CallOriginated o) {
    withAgent(
        o.domain(),
        o.extension(),
        agent -> {
          LiveCall c = call(agent.tenantId(), o.callId(), CallKind.OUTBOUND);
          c.kind = CallKind.OUTBOUND;
          dialled(c, agent.agentId());
          c.callerNumber = o.number();
          c.callerName = o.customerName();
          c.attachedData.putAll(o.attachedData());
          c.agents.add(agent.agentId());
          offer(c, agent);
          toAgent(agent, new AgentEvent.CallDialing(o.callId()));
          if (c.everAnswered) {
            toAgent(agent, new AgentEvent.CallAnswered(o.callId()));
          }
          record(
              c,
              new Update(
                  "outbound",
                  null,
                  agent.agentId(),
                  null,
                  o.customerName(),
                  o.number(),
                  now(),
                  null,
                  null,
                  null,
                  null));
          if (!c.legs.containsKey(agent.agentId())) {
            joined(
                c,
                agent.agentId(),
                o.agentChannelId(),
                "primary"); // after the record: its leg row refers to it
          }
          attachRecord(c, o.attachedData(), "api");
          blocking(
              c,
              () ->
                  records.clickToDialBlocking(
                      c.tenantId, c.callId)); // its direction in the history
        });
  }

  /**
   * Events are handled one after the other, across agents too: the next waits until the previous
   * one's lookups are done, so a transfer target's first (uncached) lookup cannot let the
   * transferring agent's later events overtake.
   */
  private void onEvent(PbxEvent event) {
    if (event instanceof PbxEvent.LinkUp up) {
      links.find(up.pbx()).ifPresent(this::resynchronise);
      links.find(up.pbx()).ifPresent(link -> conferences.linkUp(link.commands()));
      return;
    }
    if (resyncing && event instanceof PbxEvent.TenantEvent e) {
      CallResync.callIdOf(e).ifPresent(touchedDuringResync::add);
    }
    inTurn(event.getClass().getSimpleName(), () -> dispatch(event));
  }

  private void dispatch(PbxEvent event) {
    if (!(event instanceof PbxEvent.TenantEvent e)) {
      return;
    }
    // one dispatch per event type; everything else (membership, registrations) is for other owners
    if (e instanceof QueueCallerJoined j) {
      withTenant(
          j.tenant(),
          tenantId -> {
            LiveCall c = call(tenantId, j.callId(), CallKind.QUEUE);
            c.queue = j.queue().pbxName();
            c.callerNumber = j.callerNumber();
            c.callerName = j.callerName();
            record(
                c,
                new Update(
                    "queue",
                    c.queue,
                    null,
                    j.callerNumber(),
                    j.callerName(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null));
          });
    } else if (e instanceof QueueCallOffered o) {
      withAgent(
          o.tenant(),
          o.agent().extension(),
          agent -> {
            LiveCall c = call(agent.tenantId(), o.callId(), CallKind.QUEUE);
            c.queue = o.queue().pbxName();
            c.callerNumber = o.callerNumber();
            c.callerName = o.callerName();
            o.attachedData().forEach(c.attachedData::putIfAbsent);
            c.agents.add(agent.agentId());
            offer(
                c, agent); // first: the screen-pop leaves before this event's database writes start
            toAgent(agent, new AgentEvent.CallRinging(o.callId(), CallKind.QUEUE));
            record(
                c,
                new Update(
                    "queue",
                    c.queue,
                    null,
                    o.callerNumber(),
                    o.callerName(),
                    null,
                    now(),
                    null,
                    null,
                    null,
                    null));
            joined(
                c,
                agent.agentId(),
                o.agentChannelId(),
                "primary"); // after the record: its leg row refers to it
            attachRecord(c, o.attachedData(), "pbx");
          });
    } else if (e instanceof QueueCallAnswered a) {
      withAgent(
          a.tenant(),
          a.agent().extension(),
          agent -> {
            LiveCall c = call(agent.tenantId(), a.callId(), CallKind.QUEUE);
            c.answeredBy = agent.agentId();
            c.everAnswered = true;
            legAnswered(c, a.agentChannelId());
            toAgent(agent, new AgentEvent.CallAnswered(a.callId()));
            record(
                c,
                new Update(
                    null,
                    null,
                    agent.agentId(),
                    null,
                    null,
                    null,
                    null,
                    now(),
                    null,
                    (int) a.holdTime().toSeconds(),
                    "answered"));
          });
    } else if (e instanceof QueueCallEnded x) {
      withAgent(
          x.tenant(),
          x.agent().extension(),
          agent -> {
            if (conferences.follows(agent.tenantId(), x.callId())) {
              return; // after the Redirect into the room, the agent's call ends when its leg leaves
              // the room
            }
            if (reattaches.queueSessionEnded(agent.tenantId(), x.callId(), agent.agentId())) {
              return; // the customer hung up while waiting for the agent's reloaded page
            }
            toAgent(agent, new AgentEvent.CallEnded(x.callId()));
            LiveCall c = live.get(key(agent.tenantId(), x.callId()));
            if (c != null) {
              finish(c, agent.agentId(), null);
            }
          });
    } else if (e instanceof QueueCallNotAnswered n) {
      withAgent(
          n.tenant(),
          n.agent().extension(),
          agent -> {
            toAgent(agent, new AgentEvent.CallNotAnswered(n.callId()));
            LiveCall c = live.get(key(agent.tenantId(), n.callId()));
            if (c != null) {
              c.agents.remove(agent.agentId());
              Instant at = now(); // the history shows whom it rang in vain
              blocking(
                  c,
                  () -> parties.leftBlocking(c.tenantId, n.agentChannelId(), "not_answered", at));
            }
          });
    } else if (e instanceof QueueCallAbandoned ab) {
      withTenant(
          ab.tenant(),
          tenantId -> {
            LiveCall c = call(tenantId, ab.callId(), CallKind.QUEUE);
            record(
                c,
                new Update(
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    now(),
                    (int) ab.holdTime().toSeconds(),
                    "abandoned"));
            if (c.agents.isEmpty()) {
              live.remove(key(tenantId, ab.callId()));
            }
          });
    } else if (e instanceof DirectCallOffered d) {
      withAgent(
          d.tenant(),
          d.agent().extension(),
          agent -> {
            LiveCall c = call(agent.tenantId(), d.callId(), CallKind.DIRECT);
            String role = CallRoles.ofNewLeg(c, agent.agentId());
            if (role.equals("consult")) {
              c.consultTarget = agent.agentId();
              feed.consultRinging(c, agent.agentId(), agent.displayName());
            } else if (role.equals("primary")) {
              c.callerNumber = d.callerNumber();
              c.callerName = d.callerName();
            }
            c.transferPending = false;
            c.agents.add(agent.agentId());
            offer(c, agent);
            toAgent(agent, new AgentEvent.CallRinging(d.callId(), CallKind.DIRECT));
            boolean first = role.equals("primary");
            record(
                c,
                new Update(
                    "direct",
                    null,
                    first ? agent.agentId() : null,
                    first ? d.callerNumber() : null,
                    first ? d.callerName() : null,
                    null,
                    now(),
                    null,
                    null,
                    null,
                    null));
            joined(c, agent.agentId(), d.agentChannelId(), role);
          });
    } else if (e instanceof DirectCallAnswered da) {
      answered(da.tenant(), da.agent().extension(), da.callId(), da.agentChannelId());
    } else if (e instanceof OutboundCallStarted s) {
      withAgent(
          s.tenant(),
          s.agent().extension(),
          agent -> {
            LiveCall c = call(agent.tenantId(), s.callId(), CallKind.OUTBOUND);
            dialled(c, agent.agentId());
            c.callerNumber = s.dialedNumber();
            c.agents.add(agent.agentId());
            offer(c, agent);
            toAgent(agent, new AgentEvent.CallDialing(s.callId()));
            record(
                c,
                new Update(
                    "outbound",
                    null,
                    agent.agentId(),
                    null,
                    null,
                    s.dialedNumber(),
                    now(),
                    null,
                    null,
                    null,
                    null));
            joined(
                c,
                agent.agentId(),
                s.agentChannelId(),
                "primary"); // after the record: its leg row refers to it
          });
    } else if (e instanceof OutboundCallAnswered oa) {
      answered(oa.tenant(), oa.agent().extension(), oa.callId(), oa.agentChannelId());
    } else if (e instanceof PbxEvent.OutsideLegDialed o) {
      withTenant(
          o.tenant(),
          tenantId ->
              Optional.ofNullable(live.get(key(tenantId, o.callId())))
                  .ifPresent(c -> feed.outsideLeg(c, o.channelId(), o.answered())));
    } else if (e instanceof PbxEvent.OutsideLegHungUp o) {
      withTenant(
          o.tenant(),
          tenantId ->
              Optional.ofNullable(live.get(key(tenantId, o.callId())))
                  .ifPresent(c -> feed.outsideLegEnded(c, o.channelId())));
    } else if (e instanceof CallHeld h) {
      withAgent(
          h.tenant(),
          h.agent().extension(),
          agent -> {
            toAgent(agent, new AgentEvent.CallHeld(h.callId()));
            LiveCall c = live.get(key(agent.tenantId(), h.callId()));
            if (c != null && c.heldSince == null) {
              c.heldSince = now();
            }
            if (c != null && c.answeredBy != null && c.answeredBy == agent.agentId()) {
              feed.ownerHeld(c);
            }
          });
    } else if (e instanceof CallUnheld u) {
      withAgent(
          u.tenant(),
          u.agent().extension(),
          agent -> {
            toAgent(agent, new AgentEvent.CallResumed(u.callId()));
            LiveCall c = live.get(key(agent.tenantId(), u.callId()));
            if (c != null) {
              endHold(c);
              feed.ownerUnheld(c);
            }
          });
    } else if (e instanceof CallTransferred t) {
      withAgent(
          t.tenant(),
          t.agent().extension(),
          agent -> {
            LiveCall c = live.get(key(agent.tenantId(), t.callId()));
            if (c != null) {
              transferred(c, agent.agentId(), t);
            }
          });
    } else if (e instanceof RecordingStarted rs) {
      recording(rs.tenant(), rs.callId(), rs.agentChannelId(), true);
    } else if (e instanceof RecordingStopped rx) {
      recording(rx.tenant(), rx.callId(), rx.agentChannelId(), false);
    } else if (e instanceof ConferenceEvent ce) {
      lookup = conferences.on(ce);
    } else if (e instanceof AgentChannelHungUp h) {
      withAgent(
          h.tenant(),
          h.agent().extension(),
          agent -> {
            if (conferences.hungUp(agent.tenantId(), h.callId(), h.agentChannelId())) {
              return; // a leg of a conference: it left the room
            }
            if (reattaches.legGone(
                agent.tenantId(), h.callId(), agent.agentId(), h.agentChannelId())) {
              return; // the leg of a page that went away: the customer waits for the reloaded page
            }
            toAgent(agent, new AgentEvent.CallEnded(h.callId()));
            LiveCall c = live.get(key(agent.tenantId(), h.callId()));
            if (c != null) {
              legEnded(c, agent.agentId(), h.agentChannelId());
            }
          });
    }
  }

  /**
   * The agent dialled this outbound call: it counts as its outside call from now on, instead of its
   * claim.
   */
  private void dialled(LiveCall c, long agentId) {
    if (c.dialledBy == null) {
      c.dialledBy = agentId;
      outbound.seen(c.tenantId, agentId);
    }
  }

  /** An agent's leg of the call ended (its hang-up, or found gone when the link came back). */
  private void legEnded(LiveCall c, long agentId, String channelId) {
    if (channelId != null && conferences.hungUp(c.tenantId, c.callId, channelId)) {
      return; // a party of the call's conference: it left the room
    }
    if (c.consultTarget != null && c.consultTarget == agentId) {
      // the consulted agent hung up or refused: the consulting agent is back with the customer
      c.consultTarget = null;
      feed.ended(c);
      c.agents.remove(agentId);
      c.legs.remove(agentId);
      if (channelId != null) {
        blocking(c, () -> parties.leftBlocking(c.tenantId, channelId, "consult_ended", now()));
      }
    } else {
      finish(
          c,
          agentId,
          c.kind == CallKind.QUEUE
              ? null
              : c.answeredBy != null
                  ? null
                  : c.kind == CallKind.DIRECT ? "not_answered" : "failed");
    }
  }

  // ---- resynchronisation when a PBX link comes up

  /**
   * Asks the PBX for the legs in progress; once they and their agents are known, the corrections
   * are applied in turn with the events (calls that saw an event meanwhile are left to it).
   */
  private void resynchronise(PbxLink link) {
    long generation = ++resyncGeneration;
    resyncing = true;
    touchedDuringResync.clear();
    link.commands()
        .coreShowChannels()
        .compose(
            channels ->
                legs(channels)
                    .map(
                        legs -> {
                          pending =
                              pending.transform(
                                  ignored -> {
                                    if (generation == resyncGeneration) {
                                      Set<String> listedCallIds =
                                          channels.stream()
                                              .map(ChannelListed::callId)
                                              .collect(Collectors.toSet());
                                      List<CallResync.Step> steps =
                                          CallResync.plan(
                                              legs,
                                              listedCallIds,
                                              List.copyOf(live.values()),
                                              Set.copyOf(touchedDuringResync));
                                      steps.forEach(this::apply);
                                      LOG.info(
                                          "PBX {}: calls resynchronised: {} leg(s) in progress, {} of agents; {} correction(s)",
                                          link.pbx(),
                                          channels.size(),
                                          legs.size(),
                                          steps.size());
                                      resyncing = false;
                                      touchedDuringResync.clear();
                                    }
                                    return Future.<Void>succeededFuture();
                                  });
                          return null;
                        }))
        .onFailure(
            err -> {
              if (generation == resyncGeneration) {
                resyncing = false;
                touchedDuringResync.clear();
              }
              LOG.warn(
                  "PBX {}: calls in progress not resynchronised: {}", link.pbx(), err.getMessage());
            });
  }

  /**
   * The agent legs among the listed channels, with their agents (legs of unknown endpoints are left
   * out); the agents' call settings are loaded too, so offers are built at once.
   */
  private Future<List<CallResync.Leg>> legs(List<ChannelListed> channels) {
    List<Future<Optional<CallResync.Leg>>> lookups = new ArrayList<>();
    for (ChannelListed channel : channels) {
      channel
          .agent()
          .ifPresent(
              endpoint ->
                  lookups.add(
                      directory
                          .agent(endpoint.tenant(), endpoint.extension())
                          .compose(
                              agent ->
                                  agent.isEmpty()
                                      ? Future.succeededFuture(agent)
                                      : directory
                                          .settings(agent.get().tenantId())
                                          .map(settings -> agent))
                          .map(agent -> agent.map(a -> new CallResync.Leg(a, channel)))));
    }
    return Future.all(lookups)
        .map(
            all -> {
              List<CallResync.Leg> legs = new ArrayList<>();
              for (int i = 0; i < all.size(); i++) {
                Optional<CallResync.Leg> leg = all.resultAt(i);
                leg.ifPresent(legs::add);
              }
              return legs;
            });
  }

  private void apply(CallResync.Step step) {
    if (step instanceof CallResync.End end) {
      LOG.info(
          "tenant {}: agent {} is no longer on call {} (its end was missed); ending it",
          end.tenantId(),
          end.agentId(),
          end.callId());
      toAgent(end.tenantId(), end.agentId(), new AgentEvent.CallEnded(end.callId()));
      LiveCall c = live.get(key(end.tenantId(), end.callId()));
      if (c != null) {
        LiveCall.Leg leg = c.legs.get(end.agentId());
        legEnded(c, end.agentId(), leg == null ? null : leg.channelId());
      }
    } else if (step instanceof CallResync.Forget forget) {
      LiveCall c = live.remove(key(forget.tenantId(), forget.callId()));
      if (c != null) {
        LOG.info("tenant {}: call {} ended while the PBX link was down", c.tenantId, c.callId);
        record(c, new Update(null, null, null, null, null, null, null, null, now(), null, null));
      }
    } else if (step instanceof CallResync.Bring bring) {
      bringIn(bring.leg(), bring.known());
    }
  }

  /**
   * The agent is on this listed leg: follow the call and bring the agent's call overlay in line.
   */
  private void bringIn(CallResync.Leg leg, boolean known) {
    CallDirectory.AgentInfo agent = leg.agent();
    ChannelListed channel = leg.channel();
    String callId = channel.callId();
    long agentId = agent.agentId();
    LiveCall c =
        live.computeIfAbsent(
            key(agent.tenantId(), callId),
            k ->
                new LiveCall(
                    agent.tenantId(), callId, leg.kind(), now().minus(channel.duration())));
    if (!known) {
      c.callerNumber = channel.connectedNumber();
      c.callerName = channel.connectedName();
      boolean outbound = c.kind == CallKind.OUTBOUND;
      record(
          c,
          new Update(
              c.kind.name().toLowerCase(Locale.ROOT),
              null,
              agentId,
              outbound ? null : c.callerNumber,
              outbound ? null : c.callerName,
              outbound ? c.callerNumber : null,
              c.startedAt,
              null,
              null,
              null,
              null));
    }
    boolean newLeg = !c.legs.containsKey(agentId);
    if (newLeg) {
      String role = CallRoles.ofNewLeg(c, agentId);
      if (role.equals(CallRoles.CONSULT)) {
        c.consultTarget = agentId;
      }
      joined(c, agentId, channel.channelId(), role);
    }
    c.agents.add(agentId);
    boolean consulted = c.consultTarget != null && c.consultTarget == agentId;
    boolean newAnswer =
        leg.answered() && (c.answeredBy == null || c.answeredBy != agentId) && !consulted;
    if (leg.answered()) {
      legAnswered(c, channel.channelId());
    }
    if (newAnswer) {
      c.answeredBy = agentId;
      c.everAnswered = true;
      record(
          c,
          new Update(null, null, agentId, null, null, null, null, now(), null, null, "answered"));
    }
    if (!known) {
      LOG.info(
          "tenant {}: agent {} is on call {} ({}, {}), found when the PBX link came up",
          agent.domain(),
          agent.agentNumber(),
          callId,
          c.kind,
          leg.answered() ? "connected" : "not yet connected");
      offer(c, agent);
    }
    AgentEvent start =
        c.kind == CallKind.OUTBOUND
            ? new AgentEvent.CallDialing(callId)
            : new AgentEvent.CallRinging(callId, c.kind);
    Future<?> sent = send(agent.tenantId(), agentId, start);
    if (leg.answered()) {
      sent.onComplete(v -> toAgent(agent.tenantId(), agentId, new AgentEvent.CallAnswered(callId)));
    }
  }

  private void answered(String tenant, String extension, String callId, String channelId) {
    withAgent(
        tenant,
        extension,
        agent -> {
          LiveCall c = call(agent.tenantId(), callId, CallKind.DIRECT);
          toAgent(agent, new AgentEvent.CallAnswered(callId));
          legAnswered(c, channelId);
          if (c.consultTarget != null && c.consultTarget == agent.agentId()) {
            feed.consultAnswered(c);
            return; // talking with the consulting agent; the customer stays with that agent
          }
          c.answeredBy = agent.agentId();
          c.everAnswered = true;
          record(
              c,
              new Update(
                  null,
                  null,
                  agent.agentId(),
                  null,
                  null,
                  null,
                  null,
                  now(),
                  null,
                  null,
                  "answered"));
        });
  }

  /**
   * The owner handed the call on: blind → the next agent offered takes it; attended → the consulted
   * agent has it.
   */
  private void transferred(LiveCall c, long agentId, CallTransferred t) {
    endHold(c);
    feed.ended(c);
    blocking(
        c,
        () -> {
          parties.transferredBlocking(c.tenantId, c.callId);
          parties.endReasonBlocking(c.tenantId, t.agentChannelId(), "transferred");
        });
    if (t.kind() == TransferKind.ATTENDED && c.consultTarget != null) {
      c.answeredBy = c.consultTarget;
      c.consultTarget = null;
      record(
          c, new Update(null, null, c.answeredBy, null, null, null, null, null, null, null, null));
    } else {
      c.transferPending = true;
      c.answeredBy = null;
    }
    c.agents.remove(agentId);
  }

  private void endHold(LiveCall c) {
    if (c.heldSince != null) {
      Instant since = c.heldSince;
      Instant until = now();
      c.heldSince = null;
      blocking(c, () -> parties.heldBlocking(c.tenantId, c.callId, since, until));
    }
  }

  private void joined(LiveCall c, long agentId, String channelId, String role) {
    c.legs.put(agentId, new LiveCall.Leg(channelId, role));
    Instant at = now();
    blocking(c, () -> parties.joinedBlocking(c.tenantId, c.callId, agentId, channelId, role, at));
  }

  private void legAnswered(LiveCall c, String channelId) {
    Instant at = now();
    blocking(c, () -> parties.answeredBlocking(c.tenantId, channelId, at));
  }

  private void recording(String tenant, String callId, String channelId, boolean started) {
    withTenant(
        tenant,
        tenantId -> {
          LiveCall c = live.get(key(tenantId, callId));
          if (c != null) {
            c.recording = started;
            Instant at = now();
            String file = started ? c.recordingFiles.remove(channelId) : null;
            Set<Long> told = Set.copyOf(c.agents);
            // the agents on the call now hear of it once the call record has it (a note may follow
            // at once)
            writes
                .submit(
                    () -> "tenant " + tenantId + ": recording of " + callId,
                    () -> parties.recordingBlocking(tenantId, callId, channelId, started, at, file))
                .onComplete(ar -> feed.recording(c, told, started));
          }
        });
  }

  private void blocking(LiveCall c, Runnable write) {
    writes.submit(() -> "tenant " + c.tenantId + ": call-control facts of " + c.callId, write);
  }

  /**
   * The agent's leg ended: the call is over for this agent, and over for good when no agent is left
   * on it.
   */
  private void finish(LiveCall c, long agentId, String outcomeIfUnanswered) {
    if (c.answeredBy != null && c.answeredBy == agentId) {
      feed.ended(c);
    }
    c.agents.remove(agentId);
    LiveCall.Leg leg = c.legs.remove(agentId);
    if (leg != null) {
      Instant at = now();
      blocking(c, () -> parties.leftBlocking(c.tenantId, leg.channelId(), "hangup", at));
    }
    boolean owner = c.answeredBy != null && c.answeredBy == agentId;
    if (owner) {
      endHold(c);
      record(c, new Update(null, null, null, null, null, null, null, null, now(), null, null));
    } else if (outcomeIfUnanswered != null && !c.everAnswered) {
      record(
          c,
          new Update(
              null, null, null, null, null, null, null, null, now(), null, outcomeIfUnanswered));
    }
    if (c.agents.isEmpty() && !c.transferPending && (c.answeredBy == null || owner)) {
      if (!owner && c.everAnswered) {
        record(c, new Update(null, null, null, null, null, null, null, null, now(), null, null));
      }
      live.remove(key(c.tenantId, c.callId));
    }
  }

  /** Publishes the offer; the tenant's settings are loaded already (see {@link #withAgent}). */
  private void offer(LiveCall c, CallDirectory.AgentInfo agent) {
    directory
        .settings(agent.tenantId())
        .onSuccess(settings -> offered.publish(offers.offer(c, agent, settings, now())));
  }

  private void onAttachData(Message<AttachData> m) {
    AttachData a = m.body();
    LiveCall found = live.get(key(a.tenantId(), a.callId()));
    // a live call outside the caller's scope is not touched; its record may still be in it (see
    // below)
    LiveCall c = found != null && a.scope().covers(found.queue, found.agents) ? found : null;
    if (c != null) {
      c.attachedData.putAll(a.values());
      directory
          .settings(a.tenantId())
          .onSuccess(
              settings ->
                  c.agents.forEach(
                      agentId ->
                          vertx
                              .eventBus()
                              .publish(
                                  CallAddresses.DATA_CHANGED,
                                  new CallDataChanged(
                                      a.tenantId(),
                                      agentId,
                                      c.callId,
                                      offers.items(c.attachedData, settings)))));
    }
    int notified = c == null ? 0 : c.agents.size();
    records
        .find(a.tenantId(), a.callId())
        .onComplete(
            ar -> {
              boolean known =
                  c != null
                      || ar.succeeded()
                          && ar.result()
                              .filter(
                                  r ->
                                      a.scope()
                                          .covers(
                                              r.queue(),
                                              r.agentId() == null
                                                  ? java.util.List.of()
                                                  : java.util.List.of(r.agentId())))
                              .isPresent();
              if (known) {
                writes
                    .submit(
                        () -> "tenant " + a.tenantId() + ": attached data of " + a.callId(),
                        () -> records.attachBlocking(a.tenantId(), a.callId(), a.values(), "api"))
                    .onComplete(done -> m.reply(new AttachData.Result(true, notified)));
              } else {
                m.reply(new AttachData.Result(false, 0));
              }
            });
  }

  private LiveCall call(long tenantId, String callId, CallKind kind) {
    return live.computeIfAbsent(
        key(tenantId, callId), k -> new LiveCall(tenantId, callId, kind, now()));
  }

  private void toAgent(long tenantId, long agentId, AgentEvent event) {
    send(tenantId, agentId, event);
  }

  private Future<?> send(long tenantId, long agentId, AgentEvent event) {
    return agents
        .send(tenantId, agentId, event, RESYNC_CAUSE)
        .onFailure(
            err ->
                LOG.error(
                    "tenant {}: agent {} could not take {}: {}",
                    tenantId,
                    agentId,
                    event.getClass().getSimpleName(),
                    err.getMessage()));
  }

  private void toAgent(CallDirectory.AgentInfo agent, AgentEvent event) {
    agents
        .send(agent.tenantId(), agent.agentId(), event, CAUSE)
        .onFailure(
            err ->
                LOG.error(
                    "tenant {}: agent {} could not take {}: {}",
                    agent.domain(),
                    agent.agentNumber(),
                    event.getClass().getSimpleName(),
                    err.getMessage()));
  }

  private void record(LiveCall c, Update u) {
    Instant at = c.startedAt;
    writes.submit(
        () -> "tenant " + c.tenantId + ": call record " + c.callId,
        () -> records.upsertBlocking(c.tenantId, c.callId, at, u));
  }

  private void attachRecord(LiveCall c, Map<Integer, String> values, String source) {
    if (values.isEmpty()) {
      return;
    }
    writes.submit(
        () -> "tenant " + c.tenantId + ": attached data of " + c.callId,
        () -> records.attachBlocking(c.tenantId, c.callId, values, source));
  }

  private void withTenant(String domain, Consumer<Long> action) {
    lookup =
        directory
            .tenantId(domain)
            .transform(
                ar -> {
                  if (ar.succeeded() && ar.result().isPresent()) {
                    action.accept(ar.result().get());
                  } else if (ar.failed()) {
                    LOG.error("tenant lookup failed for '{}'", domain, ar.cause());
                  } else {
                    LOG.warn("PBX event for unknown tenant '{}' dropped", domain);
                  }
                  return Future.<Void>succeededFuture();
                });
  }

  /**
   * Runs {@code action} once the agent and its tenant's call settings are known. Every event of an
   * agent goes through the same chain of (cached) lookups, so they are handled in the order they
   * came, and an offer is built with the settings at hand: it reaches the browser before the state
   * change it goes with.
   */
  private void withAgent(
      String domain, String extension, Consumer<CallDirectory.AgentInfo> action) {
    lookup =
        directory
            .agent(domain, extension)
            .compose(
                agent ->
                    agent.isEmpty()
                        ? Future.succeededFuture(agent)
                        : directory.settings(agent.get().tenantId()).map(settings -> agent))
            .transform(
                ar -> {
                  Optional<CallDirectory.AgentInfo> agent =
                      ar.succeeded() ? ar.result() : Optional.empty();
                  if (agent.isPresent()) {
                    action.accept(agent.get());
                  } else if (ar.failed()) {
                    LOG.error("agent lookup failed for {}-{}", domain, extension, ar.cause());
                  } else {
                    LOG.debug("PBX event for {}-{}, which is no agent, ignored", domain, extension);
                  }
                  return Future.<Void>succeededFuture();
                });
  }

  private Instant now() {
    return clock.instant();
  }

  static String key(long tenantId, String callId) {
    return tenantId + "|" + callId;
  }
}
