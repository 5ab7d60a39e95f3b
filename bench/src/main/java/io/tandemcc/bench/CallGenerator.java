package io.tandemcc.bench;

import io.tandemcc.bench.CallTemplate.Frame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays queue calls through the {@link AmiPeer}: each call goes to a random member that Asterisk
 * would ring (in its queue, unpaused, not on a call) and sends the template's frames at their
 * recorded offsets (scaled). Calls start at a steady rate or all within a burst window. Runs on the
 * calling thread.
 */
final class CallGenerator {
  private final AmiPeer peer;
  private final CallTemplate template;
  private final Map<String, BenchCall> calls = new ConcurrentHashMap<>();
  private final Map<Integer, BenchCall> latestByExtension = new ConcurrentHashMap<>();
  private final String uidBase = Long.toString(System.currentTimeMillis() / 1000);
  private int nextSeq;
  private long unplaced;

  CallGenerator(AmiPeer peer, CallTemplate template) {
    this.peer = peer;
    this.template = template;
  }

  /** Every call played so far, by call id. */
  Map<String, BenchCall> calls() {
    return calls;
  }

  /** The last call placed on this extension. */
  BenchCall latest(int extension) {
    return latestByExtension.get(extension);
  }

  int framesPerCall() {
    return template.frames().size();
  }

  /** Calls that found no member to ring (every agent busy, paused or in wrap-up). */
  long unplaced() {
    return unplaced;
  }

  /** The result of one play: calls placed, frames sent, and how long sending took. */
  record Played(List<BenchCall> calls, long frames, double seconds, long unplaced) {
    double eventsPerSecond() {
      return frames / seconds;
    }
  }

  /**
   * Starts calls at {@code eventsPerSecond / framesPerCall} per second for {@code seconds}; returns
   * once all ended.
   */
  Played steady(double eventsPerSecond, double seconds, double timeScale) throws IOException {
    double callsPerSecond = eventsPerSecond / framesPerCall();
    int n = (int) Math.floor(callsPerSecond * seconds);
    long[] starts = new long[n];
    for (int i = 0; i < n; i++) {
      starts[i] = Math.round(i * 1e9 / callsPerSecond);
    }
    return play(starts, timeScale);
  }

  /**
   * About {@code events} frames within {@code seconds}: whole calls, each squeezed into the second
   * half of the window at most, started evenly over the first half.
   */
  Played burst(int events, double seconds, double timeScale) throws IOException {
    int n = Math.max(1, events / framesPerCall());
    long window = Math.round(seconds * 1e9 / 2);
    long[] starts = new long[n];
    for (int i = 0; i < n; i++) {
      starts[i] = window * i / n;
    }
    return play(starts, timeScale);
  }

  private record Pending(long at, BenchCall call, Map<String, String> ids, int frame) {}

  private Played play(long[] startOffsets, double timeScale) throws IOException {
    List<Frame> frames = template.frames();
    PriorityQueue<Pending> pending = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
    List<BenchCall> placed = new ArrayList<>();
    long unplacedHere = 0;
    long framesBefore = peer.eventsSent() - peer.membershipEvents();
    StringBuilder buf = new StringBuilder(8192);
    long t0 = System.nanoTime() + 1_000_000;
    int next = 0;
    while (next < startOffsets.length || !pending.isEmpty()) {
      long now = System.nanoTime();
      while (next < startOffsets.length && t0 + startOffsets[next] <= now) {
        long start = t0 + startOffsets[next++];
        AmiPeer.Member m = pickReady();
        if (m == null) {
          unplacedHere++;
          continue;
        }
        BenchCall call = newCall(m);
        placed.add(call);
        Map<String, String> ids = identities(call, m);
        for (int i = 0; i < frames.size(); i++) {
          pending.add(
              new Pending(
                  start + Math.round(frames.get(i).offsetMicros() * 1000 * timeScale),
                  call,
                  ids,
                  i));
        }
      }
      boolean wrote = false;
      while (!pending.isEmpty() && pending.peek().at <= now) {
        Pending p = pending.poll();
        Frame f = frames.get(p.frame);
        buf.setLength(0);
        f.render(buf, p.ids);
        long micros = Clocks.epochMicros();
        switch (f.event()) {
          case "AgentCalled" -> p.call.calledMicros = micros;
          case "AgentConnect" -> p.call.connectMicros = micros;
          case "AgentComplete" -> {
            p.call.completeMicros = micros;
            // the wrap-up pause this frame causes may come back before the agent's Hangup is
            // written
            AmiPeer.Member m = peer.members().get(p.call.iface);
            if (m != null && p.call.callId.equals(m.call)) {
              m.awaitingPause = true;
            }
          }
          case "Hangup" -> {
            if (buf.indexOf("Uniqueid: " + p.ids.get("AGENT_UID")) >= 0) {
              AmiPeer.Member m = peer.members().get(p.call.iface);
              if (m != null && p.call.callId.equals(m.call)) {
                m.call = null;
              }
            }
          }
          default -> {}
        }
        peer.write(buf);
        p.call.lastFrameMicros = micros;
        wrote = true;
      }
      if (wrote) {
        peer.flush();
      }
      long wake = Long.MAX_VALUE;
      if (next < startOffsets.length) {
        wake = t0 + startOffsets[next];
      }
      if (!pending.isEmpty()) {
        wake = Math.min(wake, pending.peek().at);
      }
      long sleep = wake - System.nanoTime();
      if (sleep > 20_000 && wake != Long.MAX_VALUE) {
        LockSupport.parkNanos(sleep);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    unplaced += unplacedHere;
    long framesSent = peer.eventsSent() - peer.membershipEvents() - framesBefore;
    return new Played(placed, framesSent, seconds, unplacedHere);
  }

  private AmiPeer.Member pickReady() {
    List<AmiPeer.Member> ready = new ArrayList<>();
    for (AmiPeer.Member m : peer.members().values()) {
      if (m.ready()) {
        ready.add(m);
      }
    }
    if (ready.isEmpty()) {
      return null;
    }
    return ready.get(ThreadLocalRandom.current().nextInt(ready.size()));
  }

  private BenchCall newCall(AmiPeer.Member m) {
    int seq = nextSeq++;
    String callId = uidBase + "." + (2 * seq);
    String ext = m.iface.substring(m.iface.lastIndexOf('-') + 1);
    BenchCall call = new BenchCall(seq, callId, m.iface, Integer.parseInt(ext));
    m.call = callId;
    calls.put(callId, call);
    latestByExtension.put(call.extension, call);
    return call;
  }

  private Map<String, String> identities(BenchCall call, AmiPeer.Member m) {
    Map<String, String> ids = new HashMap<>();
    String endpoint = m.iface.substring("PJSIP/".length());
    ids.put("TENANT", Seeder.DOMAIN);
    ids.put("ENDPOINT", endpoint);
    ids.put("EXT", Integer.toString(call.extension));
    ids.put("QUEUE", m.queue);
    ids.put("AGENT_NAME", m.name);
    ids.put("CALLER_UID", call.callId);
    ids.put("AGENT_UID", uidBase + "." + (2 * call.seq + 1));
    ids.put("CALLER_CHAN", String.format("%08x", 2 * call.seq));
    ids.put("AGENT_CHAN", String.format("%08x", 2 * call.seq + 1));
    ids.put("BRIDGE", UUID.randomUUID().toString());
    return ids;
  }
}
