package io.tandemcc.call;

import io.tandemcc.agent.CallKind;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;

/** A call in progress as the call verticle follows it. Mutated only on that verticle's context. */
final class LiveCall {
  final long tenantId;
  final String callId;
  final Instant startedAt;
  CallKind kind;
  String queue;
  String callerNumber = "";
  String callerName = "";
  /** position → value; CRM values replace PBX values. */
  final TreeMap<Integer, String> attachedData = new TreeMap<>();
  /** Agents the call currently rings or is connected to. */
  final Set<Long> agents = new HashSet<>();
  Long answeredBy;

  LiveCall(long tenantId, String callId, CallKind kind, Instant startedAt) {
    this.tenantId = tenantId;
    this.callId = callId;
    this.kind = kind;
    this.startedAt = startedAt;
  }
}
