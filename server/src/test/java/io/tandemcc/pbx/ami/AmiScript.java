package io.tandemcc.pbx.ami;

import io.tandemcc.testkit.AmiTrace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the {@link ScriptedAmiPeer} plays: a recorded trace ({@link AmiTrace}) turned into steps.
 * Frames from Asterisk become {@link Send} steps, except the replies to a client action (same
 * ActionID), which belong to that action's {@link Expect}. Recorder notes become {@link Close}
 * (EOF) and {@link Refuse} (connection refused until the next banner). The client's {@code Logoff}
 * ends the script.
 */
record AmiScript(List<Step> steps) {

  sealed interface Step permits Banner, Send, Raw, Expect, Close, Refuse, Gate, End {}

  /** Accept a connection and greet it: starts a session. */
  record Banner(AmiFrame banner) implements Step {}

  /** An unsolicited frame (an event). */
  record Send(AmiFrame frame) implements Step {}

  /** Bytes as they are: garbage, broken framing, huge lines. */
  record Raw(String text) implements Step {}

  /**
   * An action the recorded client sent, with Asterisk's replies. Whenever our client sends an
   * action with that name, the peer answers with these replies (ActionID rewritten). If {@code
   * await}, the script does not go on before our client has sent it.
   */
  record Expect(AmiFrame request, List<AmiFrame> replies, boolean await) implements Step {
    String action() {
      return request.action();
    }
  }

  /** Asterisk closes the connection (EOF). */
  record Close() implements Step {}

  /** Nobody listens on the port for a while (connection refused). */
  record Refuse(Duration duration) implements Step {}

  /**
   * The script waits here until the test opens the gate (e.g. once the server has seen what came
   * before).
   */
  record Gate(java.util.concurrent.CompletableFuture<Void> open) implements Step {}

  /** The recorded client logged off: the script is over. */
  record End() implements Step {}

  AmiScript {
    steps = List.copyOf(steps);
  }

  static AmiScript fromTrace(String traceName, String... awaitedActions) {
    return of(AmiTrace.read(traceName), Set.of(awaitedActions));
  }

  static AmiScript of(AmiTrace trace, Set<String> awaitedActions) {
    List<Step> steps = new ArrayList<>();
    Map<String, List<AmiFrame>> repliesById = new HashMap<>();
    double closedAt = -1;
    boolean refused = false;
    for (AmiTrace.Entry entry : trace.entries()) {
      if (entry instanceof AmiTrace.Note note) {
        if (note.text().contains("connection closed")) {
          steps.add(new Close());
          closedAt = note.at();
        } else if (note.text().contains("connect failed")) {
          refused = true;
        }
        continue;
      }
      AmiTrace.Frame recorded = (AmiTrace.Frame) entry;
      AmiFrame frame = new AmiFrame(recorded.lines());
      if (!recorded.fromAsterisk()) {
        if ("Logoff".equalsIgnoreCase(frame.action())) {
          steps.add(new End());
          break;
        }
        List<AmiFrame> replies = new ArrayList<>();
        repliesById.put(frame.actionId(), replies);
        boolean await =
            "Login".equalsIgnoreCase(frame.action()) || awaitedActions.contains(frame.action());
        steps.add(new Expect(frame, replies, await));
      } else if (frame.isBanner()) {
        if (refused) {
          steps.add(new Refuse(Duration.ofMillis(Math.round((recorded.at() - closedAt) * 1000))));
          refused = false;
        }
        steps.add(new Banner(frame));
      } else if (frame.actionId() != null && repliesById.containsKey(frame.actionId())) {
        repliesById.get(frame.actionId()).add(frame);
      } else {
        steps.add(new Send(frame));
      }
    }
    return new AmiScript(steps);
  }

  /** The steps up to and including the first that matches, followed by {@code tail}. */
  AmiScript cutAfter(Predicate<Step> last, Step... tail) {
    List<Step> out = new ArrayList<>();
    for (Step step : steps) {
      out.add(step);
      if (last.test(step)) {
        out.addAll(List.of(tail));
        return new AmiScript(out);
      }
    }
    throw new IllegalArgumentException("no step matched");
  }

  /** {@code extra} inserted before the first step that matches. */
  AmiScript insertBefore(Predicate<Step> where, Step... extra) {
    List<Step> out = new ArrayList<>();
    boolean done = false;
    for (Step step : steps) {
      if (!done && where.test(step)) {
        out.addAll(List.of(extra));
        done = true;
      }
      out.add(step);
    }
    if (!done) {
      throw new IllegalArgumentException("no step matched");
    }
    return new AmiScript(out);
  }

  /** Every matching Send step replaced by {@code replacement(frame)}. */
  AmiScript mapEvents(
      Predicate<AmiFrame> which, java.util.function.UnaryOperator<AmiFrame> replacement) {
    List<Step> out = new ArrayList<>();
    for (Step step : steps) {
      out.add(
          step instanceof Send send && which.test(send.frame())
              ? new Send(replacement.apply(send.frame()))
              : step);
    }
    return new AmiScript(out);
  }

  static Predicate<Step> event(String name) {
    return step -> step instanceof Send send && name.equals(send.frame().event());
  }

  static Predicate<Step> expect(String action) {
    return step -> step instanceof Expect expect && action.equalsIgnoreCase(expect.action());
  }

  List<Expect> expects() {
    return steps.stream().filter(Expect.class::isInstance).map(Expect.class::cast).toList();
  }
}
