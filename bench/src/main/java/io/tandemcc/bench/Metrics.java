package io.tandemcc.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the clients measure, shared by the real run and the baseline run. Latencies are receive time
 * (epoch microseconds, taken when the client's handler gets the message) minus a send or change
 * time from the same clock. While {@link #logging} is on, every measured push is also logged (when
 * its stimulus happened, who got it, the message itself), so the baseline can replay exactly that
 * traffic.
 */
final class Metrics {
  /**
   * From the AgentCalled frame handed to the AMI socket to the agent's client having call.offer +
   * attached data.
   */
  final Latency screenPop = new Latency("screen-pop: AMI AgentCalled → agent has call.offer");

  /** Breakdown of the screen-pop: AMI frame sent → the server built the offer (its offeredAt). */
  final Latency popToOffer =
      new Latency("  of which AMI AgentCalled → server built the offer (offeredAt)");

  /** Breakdown of the screen-pop: offer built → the agent's client has it. */
  final Latency offerToClient = new Latency("  of which offer built → agent has it");

  /**
   * From the AMI frame that caused the change (AgentCalled, AgentConnect, AgentComplete) to the
   * supervisor.
   */
  final Latency supervisorFromAmi = new Latency("supervisor: AMI event → team.agent.state");

  /**
   * From the server's state change (the state's own since / call.since) to the supervisor's client.
   */
  final Latency supervisorFromChange = new Latency("supervisor: state change → team.agent.state");

  final Latency agentFromAmi = new Latency("agent: AMI event → own agent.state");
  final Latency agentFromChange = new Latency("agent: state change → own agent.state");

  /** Baseline: trigger sent to the bare server → the client has the payload. */
  final Latency bareOffer = new Latency("bare: trigger → agent has the offer");

  final Latency bareTeam = new Latency("bare: trigger → supervisor has the team delta");
  final Latency bareState = new Latency("bare: trigger → agent has its state");

  volatile boolean logging;
  private final ConcurrentLinkedQueue<Push> log = new ConcurrentLinkedQueue<>();

  /**
   * One push a client received: kind O (offer), S (own state), T (team state), U (other); target is
   * the client's index; text the message as the server sent it (one line: JSON text escapes line
   * breaks).
   */
  record Push(long stimulusMicros, char kind, int target, String text) {}

  void log(long stimulusMicros, char kind, int target, String text) {
    if (logging) {
      log.add(new Push(stimulusMicros, kind, target, text));
    }
  }

  List<Push> takeLog() {
    List<Push> out = new ArrayList<>(log);
    log.clear();
    out.sort((a, b) -> Long.compare(a.stimulusMicros(), b.stimulusMicros()));
    return out;
  }

  List<Latency> all() {
    return List.of(
        screenPop,
        popToOffer,
        offerToClient,
        supervisorFromChange,
        supervisorFromAmi,
        agentFromChange,
        agentFromAmi,
        bareOffer,
        bareTeam,
        bareState);
  }

  void resetAll() {
    all().forEach(Latency::reset);
  }
}
