package io.tandemcc.pbx.demo;

import java.time.Duration;

/**
 * How fast the demo plays: a new call at most every {@code every}, the caller waits {@code
 * waitInQueue} before the agent rings, rings {@code ringing} (then the simulated agent's phone
 * answers), talks {@code talking}.
 */
public record DemoPace(Duration every, Duration waitInQueue, Duration ringing, Duration talking) {
  /**
   * A newcomer can follow it: an offer, its popup, a conversation and the wrap-up, about once a
   * minute per agent.
   */
  public static final DemoPace GENTLE =
      new DemoPace(
          Duration.ofSeconds(20),
          Duration.ofSeconds(3),
          Duration.ofSeconds(5),
          Duration.ofSeconds(15));
}
