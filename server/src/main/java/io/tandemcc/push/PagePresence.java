package io.tandemcc.push;

import io.tandemcc.supervisor.BrowserPresence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether each agent has a page open, from the connection counts every push hub reports ({@link
 * BrowserPresence}), and since when an agent has had none. An agent whose last page has been gone
 * for {@code grace} is due: its owner then sets it Not Ready ("Disconnected") if it is Ready. A
 * page that comes back within the grace (a reload, a network blip) cancels it. Pure: the caller
 * passes the time; single-threaded.
 */
final class PagePresence {
  record AgentKey(long tenantId, long agentId) {}

  private final Duration grace;

  /** agent → hub → connections there (only hubs with at least one). */
  private final Map<AgentKey, Map<String, Integer>> pages = new HashMap<>();

  /** agent → when its last page went; only agents with no page now and not yet due. */
  private final Map<AgentKey, Instant> goneSince = new HashMap<>();

  PagePresence(Duration grace) {
    if (grace.isNegative() || grace.isZero()) {
      throw new IllegalArgumentException("grace must be positive");
    }
    this.grace = grace;
  }

  /**
   * Takes one hub's count; returns when the agent becomes due if this report took its last page
   * away (the caller schedules a check then), else empty.
   */
  Optional<Instant> report(BrowserPresence p, Instant now) {
    AgentKey key = new AgentKey(p.tenantId(), p.agentId());
    Map<String, Integer> hubs = pages.computeIfAbsent(key, k -> new HashMap<>());
    boolean had = !hubs.isEmpty();
    if (p.connections() > 0) {
      hubs.put(p.hub(), p.connections());
    } else {
      hubs.remove(p.hub());
    }
    if (!hubs.isEmpty()) {
      goneSince.remove(key);
      return Optional.empty();
    }
    pages.remove(key);
    if (!had || goneSince.containsKey(key)) {
      return Optional.empty();
    }
    goneSince.put(key, now);
    return Optional.of(now.plus(grace));
  }

  /**
   * The agents whose last page has been gone for the grace at {@code now}; each is returned once.
   */
  List<AgentKey> due(Instant now) {
    List<AgentKey> due = new ArrayList<>();
    for (Iterator<Map.Entry<AgentKey, Instant>> it = goneSince.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<AgentKey, Instant> e = it.next();
      if (!now.isBefore(e.getValue().plus(grace))) {
        due.add(e.getKey());
        it.remove();
      }
    }
    return due;
  }

  /** When the next agent becomes due, if one is waiting. */
  Optional<Instant> nextDue() {
    return goneSince.values().stream().min(Instant::compareTo).map(since -> since.plus(grace));
  }

  boolean hasPage(long tenantId, long agentId) {
    return pages.containsKey(new AgentKey(tenantId, agentId));
  }
}
