package io.tandemcc.call;

import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.common.LocalTopic;
import io.tandemcc.db.WriteBehind;
import io.tandemcc.pbx.ConferenceEvent;
import io.tandemcc.pbx.PbxAddresses;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.PbxEvent.AgentChannelHungUp;
import io.tandemcc.pbx.PbxEvent.ChannelListed;
import io.tandemcc.pbx.PbxEvent.QueueCallEnded;
import io.tandemcc.pbx.PbxLink;
import io.tandemcc.pbx.PbxLinks;
import io.tandemcc.tenant.OutboundClaim;
import io.tandemcc.tenant.OutboundGate;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows calls from the PBX's events: drives the call overlay of the agents involved, offers calls
 * to their browsers with attached data and popup, keeps a record of every call, and takes attached
 * data pushed by CRMs. What an event means is the {@link CallTracker}'s to decide (plain Java);
 * this verticle looks up what the tracker needs (tenant, agent, call settings), routes the legs of
 * conferences and of calls held for a reloaded page to their owners, and carries the tracker's
 * {@link CallEffect}s out. Events are handled in the order the PBX sent them. Every time a PBX link
 * comes up it assumes nothing from before: the legs the PBX lists are compared with the calls it
 * follows and the agents' call overlays are corrected ({@link CallResync}).
 */
public final class CallVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(CallVerticle.class);

  private final CallDirectory directory;
  private final CallRecords records;
  private final AgentStateClient agents;
  private final Clock clock;

  /**
   * The one owner of the live calls: this verticle's context (the tracker moves them, the helpers
   * read them).
   */
  private final LiveCalls live = new LiveCalls();

  private Future<Void> pending = Future.succeededFuture();
  private Future<Void> lookup = Future.succeededFuture();
  private final LocalTopic<CallOffered> offered;
  private final CallParties parties;
  private final CallWrites callWrites;
  private final PbxLinks links;
  private final OutboundGate gate;
  private OutboundCalls outbound;

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
    this.callWrites = new CallWrites(records, parties);
    this.agents = agents;
    this.clock = clock;
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
    var current =
        vertx
            .eventBus()
            .<AgentCallQuery>consumer(
                CallAddresses.AGENT_CALL, m -> m.reply(AgentCallViews.of(live.values(), m.body())));
    // call control's requests take their turn with the PBX events received before them (see
    // onEvent)
    var consult =
        vertx
            .eventBus()
            .<ConsultRequest>consumer(
                CallAddresses.CONSULT_REQUEST,
                m ->
                    inTurn(
                        "consultation request", () -> step(new CallInput.ConsultAsked(m.body()))));
    var recordingFile =
        vertx
            .eventBus()
            .<RecordingRequest>consumer(
                CallAddresses.RECORDING_REQUEST,
                m ->
                    inTurn(
                        "recording request", () -> step(new CallInput.RecordingAsked(m.body()))));
    writes = new WriteBehind(vertx, WriteBehind.DELAY);
    var attach =
        vertx
            .eventBus()
            .<AttachData>consumer(
                CallAddresses.ATTACH_DATA,
                new AttachedDataInbox(live, directory, records, writes, vertx.eventBus())::take);
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
                m ->
                    inTurn(
                        "click-to-dial call",
                        () ->
                            withAgent(
                                m.body().domain(),
                                m.body().extension(),
                                (agent, settings) ->
                                    step(new CallInput.Originated(m.body(), agent, settings)))));
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
            .<SipSocketClosed>consumer(
                SipSocketClosed.ADDRESS,
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

  /** What {@link Reattaches} may do to the calls followed here: tracker steps, carried out here. */
  private Reattaches.Host reattachHost() {
    return new Reattaches.Host() {
      @Override
      public void toAgent(long tenantId, long agentId, AgentEvent event) {
        execute(List.of(new CallEffect.ToAgent(tenantId, agentId, event, CallEffect.PBX)));
      }

      @Override
      public void finish(LiveCall c, long agentId) {
        execute(CallTracker.finish(live, c, agentId, now()));
      }

      @Override
      public void partyLeft(LiveCall c, String channelId, PartyEndReason reason) {
        execute(
            List.of(
                new CallEffect.Write(
                    new CallWrite.PartyLeft(c.tenantId, c.callId, channelId, reason, now()))));
      }

      @Override
      public void rejoined(LiveCall c, long agentId, String channelId) {
        execute(CallTracker.rejoined(live, c, agentId, channelId, now()));
      }

      @Override
      public void endHold(LiveCall c) {
        execute(CallTracker.endHold(live, c, now()));
      }

      @Override
      public void offerAgain(LiveCall c, long agentId) {
        directory
            .agentById(c.tenantId, agentId)
            .compose(
                agent ->
                    directory
                        .settings(c.tenantId)
                        .map(s -> agent.map(a -> CallTracker.offer(c, a, s, now()))))
            .onSuccess(offer -> offer.ifPresent(o -> execute(List.of(o))));
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

  /**
   * Routes the event: a conference's room event to {@link Conferences}; the end of a leg that a
   * conference or a call held for its agent's page owns to them; everything else, with its tenant
   * or agent looked up, to the {@link CallTracker}, whose effects are carried out at once.
   */
  private void dispatch(PbxEvent event) {
    if (!(event instanceof PbxEvent.TenantEvent e)) {
      return;
    }
    if (e instanceof ConferenceEvent ce) {
      lookup = conferences.on(ce);
      return;
    }
    if (CallTracker.ofTenant(e)) {
      withTenant(e.tenant(), tenantId -> step(new CallInput.OfTenant(e, tenantId)));
      return;
    }
    // membership, registrations and the like are for other owners
    CallTracker.agentOf(e)
        .ifPresent(
            endpoint ->
                withAgent(
                    e.tenant(),
                    endpoint.extension(),
                    (agent, settings) -> {
                      if (e instanceof QueueCallEnded x) {
                        if (conferences.follows(agent.tenantId(), x.callId())) {
                          return; // after the Redirect into the room, the agent's call ends when
                          // its leg leaves the room
                        }
                        if (reattaches.queueSessionEnded(
                            agent.tenantId(), x.callId(), agent.agentId())) {
                          return; // the customer hung up while waiting for the agent's reloaded
                          // page
                        }
                      } else if (e instanceof AgentChannelHungUp h) {
                        if (conferences.hungUp(agent.tenantId(), h.callId(), h.agentChannelId())) {
                          return; // a leg of a conference: it left the room
                        }
                        if (reattaches.legGone(
                            agent.tenantId(), h.callId(), agent.agentId(), h.agentChannelId())) {
                          return; // the leg of a page that went away: the customer waits for the
                          // reloaded page
                        }
                      }
                      step(new CallInput.OfAgent(e, agent, settings));
                    }));
  }

  private void step(CallInput input) {
    execute(CallTracker.on(live, input, now()));
  }

  /** Carries the tracker's effects out, in their order. */
  private void execute(List<CallEffect> effects) {
    for (CallEffect effect : effects) {
      if (effect instanceof CallEffect.ToAgent t) {
        send(t.tenantId(), t.agentId(), t.event(), t.cause());
      } else if (effect instanceof CallEffect.ToAgentInOrder t) {
        inOrder(t, 0);
      } else if (effect instanceof CallEffect.Offer o) {
        offered.publish(o.offer());
      } else if (effect instanceof CallEffect.Publish p) {
        vertx.eventBus().publish(p.address(), p.message());
      } else if (effect instanceof CallEffect.Write w) {
        Future<?> written =
            writes.submit(
                () -> CallWrites.describe(w.write()), () -> callWrites.runBlocking(w.write()));
        if (!w.afterwards().isEmpty()) {
          written.onComplete(
              ar ->
                  w.afterwards().forEach(p -> vertx.eventBus().publish(p.address(), p.message())));
        }
      } else if (effect instanceof CallEffect.OutboundSeen s) {
        outbound.seen(s.tenantId(), s.agentId());
      }
    }
  }

  private void inOrder(CallEffect.ToAgentInOrder t, int from) {
    if (from < t.events().size()) {
      send(t.tenantId(), t.agentId(), t.events().get(from), t.cause())
          .onComplete(ar -> inOrder(t, from + 1));
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
                directory
                    .agentLegs(channels)
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

  private void apply(CallResync.Step step) {
    if (step instanceof CallResync.End end) {
      LOG.info(
          "tenant {}: agent {} is no longer on call {} (its end was missed); ending it",
          end.tenantId(),
          end.agentId(),
          end.callId());
      step(new CallInput.Resynced(end, null));
      LiveCall c = live.get(end.tenantId(), end.callId());
      if (c != null) {
        LiveCall.Leg leg = c.legs.get(end.agentId());
        String channelId = leg == null ? null : leg.channelId();
        if (channelId == null || !conferences.hungUp(c.tenantId, c.callId, channelId)) {
          execute(CallTracker.legEnded(live, c, end.agentId(), channelId, now()));
        } // else a party of the call's conference: it left the room
      }
    } else if (step instanceof CallResync.Forget forget) {
      if (live.get(forget.tenantId(), forget.callId()) != null) {
        LOG.info(
            "tenant {}: call {} ended while the PBX link was down",
            forget.tenantId(),
            forget.callId());
      }
      step(new CallInput.Resynced(forget, null));
    } else if (step instanceof CallResync.Bring bring) {
      CallResync.Leg leg = bring.leg();
      if (!bring.known()) {
        LOG.info(
            "tenant {}: agent {} is on call {} ({}, {}), found when the PBX link came up",
            leg.agent().domain(),
            leg.agent().agentNumber(),
            leg.callId(),
            leg.kind(),
            leg.answered() ? "connected" : "not yet connected");
      }
      // loaded with the legs (cached): the offer is built at once, as for an event
      directory
          .settings(leg.tenantId())
          .transform(
              ar -> {
                step(new CallInput.Resynced(bring, ar.succeeded() ? ar.result() : null));
                return Future.<Void>succeededFuture();
              });
    }
  }

  private Future<?> send(long tenantId, long agentId, AgentEvent event, String cause) {
    return agents
        .send(tenantId, agentId, event, cause)
        .onFailure(
            err ->
                LOG.error(
                    "tenant {}: agent {} could not take {}: {}",
                    tenantId,
                    agentId,
                    event.getClass().getSimpleName(),
                    err.getMessage()));
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
      String domain, String extension, BiConsumer<CallDirectory.AgentInfo, CallSettings> action) {
    lookup =
        directory
            .agent(domain, extension)
            .compose(
                agent ->
                    agent.isEmpty()
                        ? Future.succeededFuture(Optional.<AgentWithSettings>empty())
                        : directory
                            .settings(agent.get().tenantId())
                            .map(
                                settings ->
                                    Optional.of(new AgentWithSettings(agent.get(), settings))))
            .transform(
                ar -> {
                  Optional<AgentWithSettings> agent =
                      ar.succeeded() ? ar.result() : Optional.empty();
                  if (agent.isPresent()) {
                    action.accept(agent.get().agent(), agent.get().settings());
                  } else if (ar.failed()) {
                    LOG.error("agent lookup failed for {}-{}", domain, extension, ar.cause());
                  } else {
                    LOG.debug("PBX event for {}-{}, which is no agent, ignored", domain, extension);
                  }
                  return Future.<Void>succeededFuture();
                });
  }

  private record AgentWithSettings(CallDirectory.AgentInfo agent, CallSettings settings) {}

  private Instant now() {
    return clock.instant();
  }
}
