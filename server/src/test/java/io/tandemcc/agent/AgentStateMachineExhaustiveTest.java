package io.tandemcc.agent;

import static io.tandemcc.agent.Agent.BREAK;
import static io.tandemcc.agent.Agent.LUNCH;
import static io.tandemcc.agent.Agent.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.agent.AgentEvent.CallAnswered;
import io.tandemcc.agent.AgentEvent.CallDialing;
import io.tandemcc.agent.AgentEvent.CallEnded;
import io.tandemcc.agent.AgentEvent.CallHeld;
import io.tandemcc.agent.AgentEvent.CallNotAnswered;
import io.tandemcc.agent.AgentEvent.CallResumed;
import io.tandemcc.agent.AgentEvent.CallRinging;
import io.tandemcc.agent.AgentEvent.DispositionGiven;
import io.tandemcc.agent.AgentEvent.EndWrapupRequested;
import io.tandemcc.agent.AgentEvent.LoginRequested;
import io.tandemcc.agent.AgentEvent.LogoutRequested;
import io.tandemcc.agent.AgentEvent.NotReadyRequested;
import io.tandemcc.agent.AgentEvent.ReadyRequested;
import io.tandemcc.agent.AgentEvent.WrapupExpired;
import io.tandemcc.agent.Decision.Accepted;
import io.tandemcc.agent.Decision.Ignored;
import io.tandemcc.agent.Decision.Rejected;
import io.tandemcc.agent.Effect.CancelWrapupTimer;
import io.tandemcc.agent.Effect.StartWrapupTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Crosses every state the invariants allow (every status x reason x wrap-up x each call state of
 * each kind) with every event under every policy, and checks the rules that must hold for all of
 * them.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AgentStateMachineExhaustiveTest {
  static final Instant ENDS = T0.plusSeconds(30);
  static final Instant NOW = T0.plusSeconds(5);
  static final int ALLOWED_STATES = 381;
  static final List<Reason> REASONS = List.of(Reason.LOGIN, Reason.MISSED_CALL, BREAK, LUNCH);
  static final List<String> CALL_IDS = List.of("c1", "c2");
  static final Set<String> REJECTION_CODES =
      Set.of(
          Rejected.AGENT_LOGGED_OUT,
          Rejected.AGENT_ON_CALL,
          Rejected.WRAPUP_IN_PROGRESS,
          Rejected.NOT_IN_WRAPUP,
          Rejected.DISPOSITION_REQUIRED);

  private final AgentStateMachine machine = new AgentStateMachine();

  @Test
  void the_enumeration_covers_every_permitted_event_type() {
    Set<Class<?>> enumerated = events().stream().map(Object::getClass).collect(Collectors.toSet());
    assertThat(enumerated).containsExactlyInAnyOrder(AgentEvent.class.getPermittedSubclasses());
  }

  @Test
  void the_states_the_invariants_allow_are_exactly_the_states_reachable_from_logged_out() {
    Set<AgentState> reachable = new HashSet<>();
    Deque<AgentState> todo = new ArrayDeque<>(List.of(AgentState.loggedOut(T0)));
    while (!todo.isEmpty()) {
      AgentState state = todo.pop();
      if (!reachable.add(state)) {
        continue;
      }
      for (AgentPolicy policy : policies()) {
        for (AgentEvent event : events()) {
          // a frozen clock keeps every since at T0, so the reachable set is finite and comparable
          if (machine.decide(state, event, policy, T0) instanceof Accepted accepted) {
            todo.push(accepted.state());
          }
        }
      }
    }
    Set<AgentState> allowed = allowedStates();
    assertThat(allowed).hasSize(ALLOWED_STATES);
    assertThat(reachable).containsExactlyInAnyOrderElementsOf(allowed);
  }

  @Test
  void every_event_in_every_allowed_state_under_every_policy_obeys_the_rules() {
    List<String> violations = new ArrayList<>();
    Set<String> outcomes = new LinkedHashSet<>();
    int decisions = 0;
    for (AgentState state : allowedStates()) {
      for (AgentEvent event : events()) {
        for (AgentPolicy policy : policies()) {
          decisions++;
          Decision decision;
          try {
            decision = machine.decide(state, event, policy, NOW);
          } catch (RuntimeException e) {
            violations.add(describe(state, event, policy) + " threw " + e);
            continue;
          }
          outcomes.add(
              decision.getClass().getSimpleName()
                  + (decision instanceof Accepted a
                      ? (a.changed() ? "-changed" : "-unchanged")
                      : ""));
          for (String broken : brokenRules(state, event, policy, decision)) {
            violations.add(describe(state, event, policy) + " -> " + decision + ": " + broken);
          }
        }
      }
    }
    assertThat(decisions).isEqualTo(ALLOWED_STATES * events().size() * policies().size());
    assertThat(outcomes)
        .containsExactlyInAnyOrder("Accepted-changed", "Accepted-unchanged", "Rejected", "Ignored");
    assertThat(violations).isEmpty();
  }

  /** The rules every single decision must keep; each returned string names a broken one. */
  private static List<String> brokenRules(
      AgentState before, AgentEvent event, AgentPolicy policy, Decision d) {
    List<String> broken = new ArrayList<>();
    boolean request = isRequest(event);
    boolean endsExpiredWrapup =
        event instanceof DispositionGiven
            && before.wrapupEndsAt() != null
            && !NOW.isBefore(before.wrapupEndsAt());
    if (d instanceof Rejected rejected) {
      check(broken, request, "only requests are rejected");
      check(broken, REJECTION_CODES.contains(rejected.code()), "known kebab-case code");
      check(broken, rejected.code().matches("[a-z]+(-[a-z]+)*"), "kebab-case code");
      return broken;
    }
    if (d instanceof Ignored) {
      check(broken, !request, "requests are never ignored");
      return broken;
    }
    Accepted accepted = (Accepted) d;
    AgentState after = accepted.state();
    check(
        broken,
        accepted.changed() == !after.equals(before),
        "changed tells whether the state changed");
    check(broken, accepted.changed() || accepted.effects().isEmpty(), "a no-op has no effects");
    check(broken, accepted.effects().size() <= 1, "at most one effect");

    boolean becameLoggedOut = before.loggedIn() && !after.loggedIn();
    check(
        broken,
        !becameLoggedOut || event instanceof LogoutRequested,
        "only Logout logs an agent out");
    check(
        broken,
        before.loggedIn() || after.equals(before) || event instanceof LoginRequested,
        "only Login leaves LOGGED_OUT");

    boolean sameStatus =
        before.status() == after.status() && Objects.equals(before.reason(), after.reason());
    check(
        broken,
        after.since().equals(sameStatus ? before.since() : NOW),
        "since moves to now exactly when status or reason changes");

    if (request) {
      check(broken, Objects.equals(after.call(), before.call()), "requests never change the call");
    } else {
      check(
          broken,
          before.status() == AgentStatus.READY
              || after.status() != AgentStatus.READY
              || event instanceof WrapupExpired
              || event instanceof DispositionGiven,
          "no call event makes an agent READY who was not");
      boolean overlayOnly =
          !(event instanceof CallEnded
              || event instanceof CallNotAnswered
              || event instanceof WrapupExpired
              || endsExpiredWrapup);
      check(
          broken,
          !overlayOnly || sameStatus && after.since().equals(before.since()),
          "ring, dial, answer, hold and resume keep the status");
    }
    if (event instanceof WrapupExpired expired) {
      check(
          broken,
          expired.endsAt().equals(before.wrapupEndsAt()),
          "only the running wrap-up timer applies");
    }

    if (after.owesDisposition() && !after.dispositionOwed().equals(before.dispositionOwed())) {
      check(
          broken,
          event instanceof CallEnded
              && policy.dispositionRequired()
              && before.call() != null
              && before.call().answered()
              && !before.call().dispositionGiven()
              && before.call().callId().equals(after.dispositionOwed()),
          "only an answered call without a disposition, ending into wrap-up, owes one (where required)");
    }
    if (before.owesDisposition() && !after.owesDisposition()) {
      check(
          broken,
          event instanceof LogoutRequested
              || event instanceof DispositionGiven given
                  && given.callId().equals(before.dispositionOwed()),
          "only the owed disposition (or logout) settles it");
    }
    if (before.owesDisposition() && after.wrapupEndsAt() == null) {
      check(
          broken,
          event instanceof LogoutRequested || endsExpiredWrapup,
          "a wrap-up that owes a disposition ends only with it, once its time is up, or by logout");
    }

    Instant timerBefore = before.wrapupEndsAt();
    Instant timerAfter = after.wrapupEndsAt();
    boolean started =
        timerAfter != null && accepted.effects().contains(new StartWrapupTimer(timerAfter));
    boolean cancelled = accepted.effects().contains(new CancelWrapupTimer());
    if (Objects.equals(timerBefore, timerAfter)) {
      check(broken, accepted.effects().isEmpty(), "an unchanged wrap-up needs no timer effect");
    } else if (timerAfter != null) {
      check(
          broken,
          timerBefore == null && started,
          "a new wrap-up starts its timer, never over a running one");
      check(
          broken,
          before.call() != null
              && before.call().kind() == CallKind.QUEUE
              && policy.wrapupFollows(before.call()),
          "wrap-up only follows queue calls the policy names");
      check(
          broken, timerAfter.equals(NOW.plus(policy.wrapup())), "wrap-up lasts the policy's time");
    } else {
      check(
          broken,
          cancelled || event instanceof WrapupExpired || endsExpiredWrapup,
          "a wrap-up ended early cancels its timer");
    }
    return broken;
  }

  // --- the enumeration
  // ----------------------------------------------------------------------------------------

  static List<AgentEvent> events() {
    List<AgentEvent> events =
        new ArrayList<>(
            List.of(
                new LoginRequested(),
                new LogoutRequested(),
                new ReadyRequested(),
                new EndWrapupRequested(),
                new WrapupExpired(ENDS),
                new WrapupExpired(T0)));
    REASONS.forEach(reason -> events.add(new NotReadyRequested(reason)));
    for (String id : CALL_IDS) {
      Arrays.stream(CallKind.values()).forEach(kind -> events.add(new CallRinging(id, kind)));
      events.addAll(
          List.of(
              new CallDialing(id),
              new CallAnswered(id),
              new CallHeld(id),
              new CallResumed(id),
              new CallEnded(id),
              new CallNotAnswered(id),
              new DispositionGiven(id)));
    }
    return events;
  }

  static List<AgentPolicy> policies() {
    List<AgentPolicy> policies = new ArrayList<>();
    for (AfterCallWork afterCallWork : AfterCallWork.values()) {
      for (Duration wrapup : List.of(Duration.ZERO, Duration.ofSeconds(30))) {
        for (boolean dispositionRequired : List.of(false, true)) {
          policies.add(new AgentPolicy(afterCallWork, wrapup, true, dispositionRequired));
          policies.add(new AgentPolicy(afterCallWork, wrapup, false, dispositionRequired));
        }
      }
    }
    return policies;
  }

  /** Every combination of fields that the AgentState and ActiveCall invariants accept. */
  static Set<AgentState> allowedStates() {
    List<ActiveCall> calls = new ArrayList<>();
    calls.add(null);
    for (String id : CALL_IDS) {
      for (CallKind kind : CallKind.values()) {
        for (CallState callState : CallState.values()) {
          for (boolean answered : List.of(true, false)) {
            for (boolean dispositionGiven : List.of(true, false)) {
              tryToBuild(() -> new ActiveCall(id, kind, callState, T0, answered, dispositionGiven))
                  .ifPresent(calls::add);
            }
          }
        }
      }
    }
    List<Reason> reasons = new ArrayList<>(REASONS);
    reasons.add(null);
    List<Instant> wrapupEnds = Arrays.asList(null, ENDS);
    Set<AgentState> states = new LinkedHashSet<>();
    for (AgentStatus status : EnumSet.allOf(AgentStatus.class)) {
      for (Reason reason : reasons) {
        for (Instant wrapupEndsAt : wrapupEnds) {
          for (ActiveCall call : calls) {
            for (String owed : Arrays.asList(null, "c1", "c2")) {
              tryToBuild(() -> new AgentState(status, reason, T0, wrapupEndsAt, call, owed))
                  .ifPresent(states::add);
            }
          }
        }
      }
    }
    return states;
  }

  private static <T> java.util.Optional<T> tryToBuild(java.util.function.Supplier<T> constructor) {
    try {
      return java.util.Optional.of(constructor.get());
    } catch (IllegalArgumentException notAllowed) {
      return java.util.Optional.empty();
    }
  }

  private static boolean isRequest(AgentEvent event) {
    return event instanceof LoginRequested
        || event instanceof LogoutRequested
        || event instanceof ReadyRequested
        || event instanceof NotReadyRequested
        || event instanceof EndWrapupRequested;
  }

  private static void check(List<String> broken, boolean holds, String rule) {
    if (!holds) {
      broken.add(rule);
    }
  }

  private static String describe(AgentState state, AgentEvent event, AgentPolicy policy) {
    return state + " + " + event + " under " + policy;
  }
}
