package io.tandemcc.call;

import io.tandemcc.call.CallRecords.Update;
import java.time.Instant;
import java.util.Map;

/** A fact of a call for the database (see {@link CallWrites}, which writes it). */
sealed interface CallWrite {
  long tenantId();

  String callId();

  /** Creates the call record if needed and applies the update. */
  record Upsert(long tenantId, String callId, Instant startedAt, Update update)
      implements CallWrite {}

  /** An agent leg joined the call (after the record: its row refers to it). */
  record PartyJoined(
      long tenantId, String callId, long agentId, String channelId, PartyRole role, Instant at)
      implements CallWrite {}

  record PartyAnswered(long tenantId, String callId, String channelId, Instant at)
      implements CallWrite {}

  record PartyLeft(
      long tenantId, String callId, String channelId, PartyEndReason reason, Instant at)
      implements CallWrite {}

  /**
   * The call was handed on by this leg: one more transfer on the record, the leg's end reason set.
   */
  record Transferred(long tenantId, String callId, String channelId) implements CallWrite {}

  record Held(long tenantId, String callId, Instant since, Instant until) implements CallWrite {}

  /** The call was placed by a CRM's click-to-dial. */
  record ClickToDial(long tenantId, String callId) implements CallWrite {}

  /** Attached data by position; {@code source} {@code api} (CRM) or {@code pbx}. */
  record Attached(long tenantId, String callId, Map<Integer, String> values, String source)
      implements CallWrite {
    public Attached {
      values = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(values));
    }
  }

  /**
   * @param file the file the recording was asked into, or null
   */
  record Recording(
      long tenantId, String callId, String channelId, boolean started, Instant at, String file)
      implements CallWrite {}
}
