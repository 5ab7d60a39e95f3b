package io.tandemcc.supervisor;

import java.time.Instant;
import java.util.Map;

/**
 * The live figures of one group's queue for one day: callers waiting now (shared with the team
 * owner, which follows them for every tenant), agents ready, busy and not ready, and today's
 * answered and abandoned calls with the service level and average wait and talk times.
 *
 * <p>Service level = calls answered within {@code serviceLevelSeconds} of waiting / (answered +
 * abandoned), in percent; null before the first call of the day. Plain Java, mutated only on the
 * team owner's context.
 */
final class QueueFigures {
  final long groupId;
  final String groupName;
  final String queueName;
  final int serviceLevelSeconds;

  /** call id → when the caller joined, in joining order. */
  final Map<String, Instant> waiting;

  int ready;
  int busy;
  int notReady;
  int answered;
  int abandoned;
  int answeredInTime;
  long waitSeconds;
  int talkCount;
  long talkSeconds;
  long version;

  QueueFigures(
      long groupId,
      String groupName,
      String queueName,
      int serviceLevelSeconds,
      Map<String, Instant> waiting) {
    this.groupId = groupId;
    this.groupName = groupName;
    this.queueName = queueName;
    this.serviceLevelSeconds = serviceLevelSeconds;
    this.waiting = waiting;
  }

  /** Today's totals so far, e.g. read from the call records when the team is loaded. */
  record Day(
      int answered,
      int abandoned,
      int answeredInTime,
      long waitSeconds,
      int talkCount,
      long talkSeconds) {
    static final Day EMPTY = new Day(0, 0, 0, 0, 0, 0);
  }

  void startDay(Day day) {
    answered = day.answered();
    abandoned = day.abandoned();
    answeredInTime = day.answeredInTime();
    waitSeconds = day.waitSeconds();
    talkCount = day.talkCount();
    talkSeconds = day.talkSeconds();
  }

  void answered(long waitedSeconds) {
    answered++;
    waitSeconds += waitedSeconds;
    if (waitedSeconds <= serviceLevelSeconds) {
      answeredInTime++;
    }
  }

  void abandoned() {
    abandoned++;
  }

  void talked(long seconds) {
    talkCount++;
    talkSeconds += seconds;
  }

  /** Sets the agent counts; false if they did not change. */
  boolean setAgents(int newReady, int newBusy, int newNotReady) {
    if (newReady == ready && newBusy == busy && newNotReady == notReady) {
      return false;
    }
    ready = newReady;
    busy = newBusy;
    notReady = newNotReady;
    return true;
  }

  /** When the caller waiting longest joined, or null when nobody waits. */
  Instant oldestWaitingSince() {
    return waiting.values().stream().min(Instant::compareTo).orElse(null);
  }

  /** Percent (0–100, rounded), or null before the first answered or abandoned call of the day. */
  Integer serviceLevel() {
    int offered = answered + abandoned;
    return offered == 0 ? null : (int) Math.round(100.0 * answeredInTime / offered);
  }

  Long averageWaitSeconds() {
    return answered == 0 ? null : Math.round((double) waitSeconds / answered);
  }

  Long averageTalkSeconds() {
    return talkCount == 0 ? null : Math.round((double) talkSeconds / talkCount);
  }
}
