package io.tandemcc.sip;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Call-IDs seen on one connection, in either direction, most recently used last. Bounded: the oldest idle ones
 * (finished calls, OPTIONS qualifies) are forgotten first; dialogs in use stay because every message touches them.
 */
final class RecentCallIds {
  private final Map<String, Boolean> ids;

  RecentCallIds(int capacity) {
    this.ids = new LinkedHashMap<>(64, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  void remember(String callId) {
    ids.put(callId, Boolean.TRUE);
  }

  boolean contains(String callId) {
    return ids.get(callId) != null;
  }

  int size() {
    return ids.size();
  }
}
