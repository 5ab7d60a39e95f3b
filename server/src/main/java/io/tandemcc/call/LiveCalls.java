package io.tandemcc.call;

import io.tandemcc.agent.CallKind;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The calls in progress, by tenant and call id: the state the {@link CallTracker} moves on. Plain
 * Java; owned by the call verticle's context (its helpers read it there).
 */
final class LiveCalls {
  private final Map<String, LiveCall> calls = new LinkedHashMap<>();

  LiveCall get(long tenantId, String callId) {
    return calls.get(key(tenantId, callId));
  }

  boolean contains(LiveCall c) {
    return calls.get(key(c.tenantId, c.callId)) == c;
  }

  /** The call, followed from now on if it was not yet. */
  LiveCall open(long tenantId, String callId, CallKind kind, Instant startedAt) {
    return calls.computeIfAbsent(
        key(tenantId, callId), k -> new LiveCall(tenantId, callId, kind, startedAt));
  }

  /** Follows a call built elsewhere (tests set one up field by field). */
  LiveCall add(LiveCall c) {
    calls.put(key(c.tenantId, c.callId), c);
    return c;
  }

  /** Stops following the call; returns it, or null. */
  LiveCall remove(long tenantId, String callId) {
    return calls.remove(key(tenantId, callId));
  }

  Collection<LiveCall> values() {
    return Collections.unmodifiableCollection(calls.values());
  }

  int size() {
    return calls.size();
  }

  static String key(long tenantId, String callId) {
    return tenantId + "|" + callId;
  }
}
