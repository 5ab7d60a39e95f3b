package io.tandemcc.pbx.demo;

import static io.tandemcc.pbx.demo.DemoAmiPeer.frame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The simulator's answers that list things, in the shapes of traces 01, 02 and 17. */
final class DemoLists {
  private DemoLists() {}

  /** A caller waiting in a queue (not yet answered), as QueueStatus lists it in a QueueEntry. */
  record Waiting(
      String queue, String channel, String uniqueId, String number, String name, Instant since) {}

  static String empty(String id, String message, String completeEvent) {
    return frame("Response: Success", id, "EventList: start", "Message: " + message)
        + frame("Event: " + completeEvent, id, "EventList: Complete", "ListItems: 0");
  }

  /**
   * QueueMemberAdded / QueueMemberRemoved / QueueMemberPause (trace 02). Status 1 = free, 2 = in
   * use.
   */
  static String member(String event, DemoMember m, int status) {
    return frame(
        "Event: " + event,
        "Privilege: agent,all",
        "Queue: " + m.queue(),
        "MemberName: " + m.name(),
        "Interface: " + m.iface(),
        "StateInterface: " + m.iface(),
        "Membership: dynamic",
        "Penalty: 0",
        "CallsTaken: 0",
        "LastCall: 0",
        "LastPause: " + m.loginTime(),
        "LoginTime: " + m.loginTime(),
        "InCall: 0",
        "Status: " + status,
        "Paused: " + (m.paused() ? 1 : 0),
        "PausedReason: " + m.reason(),
        "Ringinuse: 0",
        "Wrapuptime: 0");
  }

  /**
   * QueueStatus (trace 17): QueueParams, QueueMember and QueueEntry per queue, then
   * QueueStatusComplete.
   */
  static String queueStatus(
      String id, String onlyQueue, List<DemoMember> members, List<Waiting> waiting) {
    Set<String> queues = new LinkedHashSet<>();
    members.forEach(m -> queues.add(m.queue()));
    waiting.forEach(w -> queues.add(w.queue()));
    if (onlyQueue != null && !onlyQueue.isEmpty()) {
      queues.retainAll(Set.of(onlyQueue));
    }
    StringBuilder out =
        new StringBuilder(
            frame(
                "Response: Success", id, "EventList: start", "Message: Queue status will follow"));
    int items = 0;
    long now = Instant.now().getEpochSecond();
    for (String queue : queues) {
      List<Waiting> callers =
          new ArrayList<>(waiting.stream().filter(w -> w.queue().equals(queue)).toList());
      out.append(
          frame(
              "Event: QueueParams",
              "Queue: " + queue,
              "Max: 0",
              "Strategy: rrmemory",
              "Calls: " + callers.size(),
              "Holdtime: 0",
              "TalkTime: 0",
              "Completed: 0",
              "Abandoned: 0",
              "ServiceLevel: 0",
              "ServicelevelPerf: 0.0",
              "ServicelevelPerf2: 0.0",
              "Weight: 0",
              id));
      items++;
      for (DemoMember m : members) {
        if (m.queue().equals(queue)) {
          out.append(
              frame(
                  "Event: QueueMember",
                  "Queue: " + queue,
                  "Name: " + m.name(),
                  "Location: " + m.iface(),
                  "StateInterface: " + m.iface(),
                  "Membership: dynamic",
                  "Penalty: 0",
                  "CallsTaken: 0",
                  "LastCall: 0",
                  "LastPause: 0",
                  "LoginTime: " + m.loginTime(),
                  "InCall: 0",
                  "Status: 1",
                  "Paused: " + (m.paused() ? 1 : 0),
                  "PausedReason: " + m.reason(),
                  "Wrapuptime: 0",
                  id));
          items++;
        }
      }
      int position = 0;
      for (Waiting w : callers) {
        out.append(
            frame(
                "Event: QueueEntry",
                "Queue: " + queue,
                "Position: " + ++position,
                "Channel: " + w.channel(),
                "Uniqueid: " + w.uniqueId(),
                "CallerIDNum: " + w.number(),
                "CallerIDName: " + w.name(),
                "ConnectedLineNum: <unknown>",
                "ConnectedLineName: <unknown>",
                "Wait: " + Math.max(0, now - w.since().getEpochSecond()),
                "Priority: 0",
                id));
        items++;
      }
    }
    return out.append(
            frame("Event: QueueStatusComplete", id, "EventList: Complete", "ListItems: " + items))
        .toString();
  }
}
