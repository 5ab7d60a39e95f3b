package io.tandemcc.history;

import io.tandemcc.history.CallDetail.Hold;
import io.tandemcc.history.CallDetail.Leg;
import io.tandemcc.history.CallDetail.Recording;
import io.tandemcc.history.CallDetail.TimelineEntry;
import io.tandemcc.history.CallSummary.Party;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A call's timeline, told from the facts its record keeps (the record's times, every leg's join /
 * answer / leave, the holds, the recordings, the disposition), oldest first. Kinds: {@code queued},
 * {@code started}, {@code dialed}, {@code ringing}, {@code answered}, {@code not_answered}, {@code
 * consulted}, {@code conferenced}, {@code held}, {@code resumed}, {@code transferred}, {@code
 * left}, {@code recording_started}, {@code recording_stopped}, {@code disposition}, {@code
 * abandoned}, {@code ended}.
 */
final class CallTimeline {
  private CallTimeline() {}

  static List<TimelineEntry> of(
      CallSummary call,
      String kind,
      List<Leg> legs,
      List<Hold> holds,
      List<Recording> recordings,
      Party dispositionAgent,
      Instant dispositionAt) {
    List<TimelineEntry> out = new ArrayList<>();
    if ("queue".equals(kind)) {
      out.add(
          new TimelineEntry(
              call.startedAt(),
              "queued",
              null,
              call.queueLabel() != null ? call.queueLabel() : call.queue()));
    } else if ("outbound".equals(kind)) {
      out.add(new TimelineEntry(call.startedAt(), "dialed", call.agent(), call.dialedNumber()));
    } else {
      out.add(new TimelineEntry(call.startedAt(), "started", null, call.callerNumber()));
    }
    for (Leg leg : legs) {
      String who =
          leg.agent() != null
              ? null
              : leg.name() != null && !leg.name().isBlank() ? leg.name() : leg.number();
      String joined =
          switch (leg.role()) {
            case "consult" -> "consulted";
            case "conference" -> "conferenced";
            default -> "ringing";
          };
      // an outbound call's own leg does not ring: the agent dialled it
      if (!("outbound".equals(kind) && "primary".equals(leg.role()))) {
        out.add(new TimelineEntry(leg.joinedAt(), joined, leg.agent(), who));
      }
      if (leg.answeredAt() != null && !"conference".equals(leg.role())) {
        out.add(new TimelineEntry(leg.answeredAt(), "answered", leg.agent(), who));
      }
      if (leg.leftAt() != null) {
        String reason = leg.endReason() == null ? "hangup" : leg.endReason();
        String left =
            switch (reason) {
              case "transferred" -> "transferred";
              case "not_answered" -> "not_answered";
              default ->
                  leg.answeredAt() == null && !"conference".equals(leg.role())
                      ? "not_answered"
                      : "left";
            };
        out.add(
            new TimelineEntry(leg.leftAt(), left, leg.agent(), left.equals("left") ? reason : who));
      }
    }
    for (Hold h : holds) {
      out.add(new TimelineEntry(h.heldAt(), "held", null, null));
      out.add(
          new TimelineEntry(
              h.resumedAt(),
              "resumed",
              null,
              Duration.between(h.heldAt(), h.resumedAt()).toSeconds() + " s"));
    }
    for (Recording r : recordings) {
      out.add(new TimelineEntry(r.startedAt(), "recording_started", null, null));
      if (r.stoppedAt() != null) {
        out.add(new TimelineEntry(r.stoppedAt(), "recording_stopped", null, null));
      }
    }
    if (dispositionAt != null) {
      out.add(
          new TimelineEntry(
              dispositionAt,
              "disposition",
              dispositionAgent,
              call.dispositionLabel() != null ? call.dispositionLabel() : call.dispositionCode()));
    }
    if (call.endedAt() != null) {
      boolean abandoned = "abandoned".equals(call.outcome());
      out.add(
          new TimelineEntry(
              call.endedAt(),
              abandoned ? "abandoned" : "ended",
              null,
              abandoned && call.waitSeconds() != null
                  ? "after " + call.waitSeconds() + " s"
                  : null));
    }
    // stable: entries of the same instant keep the order above (a leg's join before its answer)
    out.sort(Comparator.comparing(TimelineEntry::at));
    return List.copyOf(out);
  }
}
