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

  /**
   * The agent who dialled this outbound call (it counts as that agent's outside call: {@link
   * OutboundCalls}).
   */
  Long dialledBy;

  /** The agent connected to the customer (the one a transfer or consultation starts from). */
  Long answeredBy;

  /** Every agent leg: agent → its channel and role. */
  final java.util.Map<Long, Leg> legs = new java.util.HashMap<>();

  /** The agent being consulted (attended transfer in progress), if any. */
  Long consultTarget;

  /** The owner transferred the call blindly; the next agent offered takes it over. */
  boolean transferPending;

  /** The consultation as its agent sees it (agent or number, ringing or talking), or null. */
  ConsultView consult;

  /** An outside number the owner asked to consult; shown once the PBX holds the customer for it. */
  String consultNumberRequested;

  /**
   * The outside party's own leg while the owner consults a number (learnt when the PBX dials it),
   * or null.
   */
  String consultNumberChannel;

  /** Files of recordings asked of the PBX and not yet started: channel id → file. */
  final java.util.Map<String, String> recordingFiles = new java.util.HashMap<>();

  boolean everAnswered;
  boolean recording;
  Instant heldSince;

  /** One agent's leg of the call. */
  record Leg(String channelId, PartyRole role) {}

  LiveCall(long tenantId, String callId, CallKind kind, Instant startedAt) {
    this.tenantId = tenantId;
    this.callId = callId;
    this.kind = kind;
    this.startedAt = startedAt;
  }
}
