package io.tandemcc.call;

import io.tandemcc.call.CallWrite.Attached;
import io.tandemcc.call.CallWrite.ClickToDial;
import io.tandemcc.call.CallWrite.Held;
import io.tandemcc.call.CallWrite.PartyAnswered;
import io.tandemcc.call.CallWrite.PartyJoined;
import io.tandemcc.call.CallWrite.PartyLeft;
import io.tandemcc.call.CallWrite.Recording;
import io.tandemcc.call.CallWrite.Transferred;
import io.tandemcc.call.CallWrite.Upsert;

/** Writes a {@link CallWrite}: blocking, on the call verticle's ordered write-behind queue. */
final class CallWrites {
  private final CallRecords records;
  private final CallParties parties;

  CallWrites(CallRecords records, CallParties parties) {
    this.records = records;
    this.parties = parties;
  }

  void runBlocking(CallWrite w) {
    if (w instanceof Upsert u) {
      records.upsertBlocking(u.tenantId(), u.callId(), u.startedAt(), u.update());
    } else if (w instanceof PartyJoined j) {
      parties.joinedBlocking(
          j.tenantId(), j.callId(), j.agentId(), j.channelId(), j.role().dbValue(), j.at());
    } else if (w instanceof PartyAnswered a) {
      parties.answeredBlocking(a.tenantId(), a.channelId(), a.at());
    } else if (w instanceof PartyLeft l) {
      parties.leftBlocking(l.tenantId(), l.channelId(), l.reason().dbValue(), l.at());
    } else if (w instanceof Transferred t) {
      parties.transferredBlocking(t.tenantId(), t.callId());
      parties.endReasonBlocking(t.tenantId(), t.channelId(), PartyEndReason.TRANSFERRED.dbValue());
    } else if (w instanceof Held h) {
      parties.heldBlocking(h.tenantId(), h.callId(), h.since(), h.until());
    } else if (w instanceof ClickToDial c) {
      records.clickToDialBlocking(c.tenantId(), c.callId());
    } else if (w instanceof Attached a) {
      records.attachBlocking(a.tenantId(), a.callId(), a.values(), a.source());
    } else if (w instanceof Recording r) {
      parties.recordingBlocking(
          r.tenantId(), r.callId(), r.channelId(), r.started(), r.at(), r.file());
    }
  }

  /** Names the write in the log when it fails. */
  static String describe(CallWrite w) {
    String what =
        w instanceof Upsert
            ? "call record"
            : w instanceof Attached
                ? "attached data of"
                : w instanceof Recording ? "recording of" : "call-control facts of";
    return "tenant " + w.tenantId() + ": " + what + " " + w.callId();
  }
}
