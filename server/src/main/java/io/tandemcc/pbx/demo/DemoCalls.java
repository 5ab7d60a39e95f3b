package io.tandemcc.pbx.demo;

import io.tandemcc.pbx.demo.DemoLists.Waiting;
import io.tandemcc.pbx.demo.DemoQueueCall.Caller;
import io.tandemcc.pbx.demo.DemoQueueCall.Step;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays the recorded queue call ({@link DemoQueueCall}) to Ready members of the demo tenant's
 * queues, one new call per {@link DemoPace#every()} at most, never to a member already in a
 * simulated call (nor in the few seconds after one, while its wrap-up pause is on its way).
 * Confined to the peer's context.
 */
final class DemoCalls {
  private static final List<Caller> CALLERS =
      List.of(
          new Caller("+14155550123", "Jane Customer"),
          new Caller("+4915112345678", "Zoë Müller"),
          new Caller("+442079460958", "Oliver Smith"),
          new Caller("+33142685300", "Camille Martin"),
          new Caller("+14085550199", "Ravi Patel"));

  /**
   * After a call, a member gets no new one for this long: the server pauses it for wrap-up
   * meanwhile.
   */
  private static final Duration COOL_DOWN = Duration.ofSeconds(5);

  private final DemoAmiPeer peer;
  private final String queuePrefix;
  private final DemoPace pace;
  private final long idBase = Instant.now().getEpochSecond();
  private final Map<String, Playing> playing = new LinkedHashMap<>(); // by member interface
  private final Map<String, Instant> lastEnded = new HashMap<>();
  private Vertx vertx;
  private long ticker = -1;
  private int seq;
  private int turn;

  private static final class Playing {
    final List<Step> steps;
    final String customerChannel;
    final String agentChannel;
    final String customerId;
    final String agentId;
    final String iface;
    final Waiting waiting;
    int index;
    long timer = -1;
    boolean queued;
    boolean hurry;

    Playing(
        List<Step> steps,
        String iface,
        String customerChannel,
        String agentChannel,
        String customerId,
        String agentId,
        Waiting waiting) {
      this.steps = steps;
      this.iface = iface;
      this.customerChannel = customerChannel;
      this.agentChannel = agentChannel;
      this.customerId = customerId;
      this.agentId = agentId;
      this.waiting = waiting;
    }
  }

  DemoCalls(DemoAmiPeer peer, String tenantDomain, DemoPace pace) {
    this.peer = peer;
    this.queuePrefix = tenantDomain + "-";
    this.pace = pace;
  }

  void start(Vertx on) {
    this.vertx = on;
    ticker = vertx.setPeriodic(pace.every().toMillis(), t -> tick());
  }

  void stop() {
    if (vertx == null) {
      return;
    }
    vertx.cancelTimer(ticker);
    playing.values().forEach(p -> vertx.cancelTimer(p.timer));
    playing.clear();
  }

  boolean busy(String iface) {
    return playing.containsKey(iface);
  }

  /** The callers in a queue now, for QueueStatus. */
  List<Waiting> waiting() {
    return playing.values().stream().filter(p -> p.queued).map(p -> p.waiting).toList();
  }

  /**
   * A Hangup action on one of the legs of a call: the rest of the call (its hang-up) plays at once.
   */
  boolean hangUp(String channel) {
    for (Playing p : playing.values()) {
      if (List.of(p.customerChannel, p.agentChannel, p.customerId, p.agentId).contains(channel)) {
        int hangup = DemoQueueCall.hangupStep(p.steps);
        vertx.cancelTimer(p.timer);
        p.index = Math.max(p.index, hangup);
        p.hurry = true;
        p.queued = false;
        next(p.iface, p);
        return true;
      }
    }
    return false;
  }

  private void tick() {
    Instant now = Instant.now();
    List<DemoMember> ready = new ArrayList<>();
    for (DemoMember m : peer.members()) {
      Instant ended = lastEnded.get(m.iface());
      if (m.queue().startsWith(queuePrefix)
          && !m.paused()
          && !busy(m.iface())
          && (ended == null || ended.plus(COOL_DOWN).isBefore(now))) {
        ready.add(m);
      }
    }
    if (ready.isEmpty()) {
      return;
    }
    DemoMember member = ready.get(turn++ % ready.size());
    int n = seq++;
    Caller caller = CALLERS.get(n % CALLERS.size());
    List<Step> steps = DemoQueueCall.play(idBase, n, member.queue(), member, caller, pace);
    String customerId = idBase + "." + (2 * n);
    String customerChannel = String.format("PJSIP/pstn-%08x", 2 * n);
    Playing p =
        new Playing(
            steps,
            member.iface(),
            customerChannel,
            String.format("%s-%08x", member.iface(), 2 * n + 1),
            customerId,
            idBase + "." + (2 * n + 1),
            new Waiting(
                member.queue(), customerChannel, customerId, caller.number(), caller.name(), now));
    playing.put(member.iface(), p);
    next(member.iface(), p);
  }

  private void next(String iface, Playing p) {
    if (p.index >= p.steps.size()) {
      playing.remove(iface);
      lastEnded.put(iface, Instant.now());
      return;
    }
    Step step = p.steps.get(p.index);
    long delay = p.hurry ? 1 : Math.max(1, step.delay().toMillis());
    p.timer =
        vertx.setTimer(
            delay,
            t -> {
              p.index++;
              if (step.event().equals("QueueCallerJoin")) {
                p.queued = true;
              } else if (step.event().equals("QueueCallerLeave")) {
                p.queued = false;
              }
              peer.broadcast(step.wire());
              next(iface, p);
            });
  }
}
