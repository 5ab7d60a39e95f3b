package io.tandemcc.sip;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keys (Call-IDs, Call-ID and tags) seen on one connection with a value each, most recently used
 * last. Bounded: the oldest idle ones (finished calls, OPTIONS qualifies) are forgotten first;
 * dialogs in use stay because every message touches them.
 */
final class RecentKeys<V> {
  private final Map<String, V> entries;

  RecentKeys(int capacity) {
    this.entries =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
            return size() > capacity;
          }
        };
  }

  void remember(String key, V value) {
    entries.put(key, value);
  }

  /** The value of {@code key}, or null. */
  V get(String key) {
    return entries.get(key);
  }

  int size() {
    return entries.size();
  }
}
