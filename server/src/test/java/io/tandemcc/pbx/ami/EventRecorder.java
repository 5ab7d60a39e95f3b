package io.tandemcc.pbx.ami;

import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.PbxEvent.LinkEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** The link's event sink in tests: records the events and the threads they were delivered on. */
final class EventRecorder implements Consumer<PbxEvent> {
  private final List<PbxEvent> events = new CopyOnWriteArrayList<>();
  private final List<String> threads = new CopyOnWriteArrayList<>();

  @Override
  public void accept(PbxEvent event) {
    events.add(event);
    threads.add(Thread.currentThread().getName());
  }

  List<PbxEvent> all() {
    return List.copyOf(events);
  }

  List<PbxEvent> tenantEvents() {
    return events.stream().filter(e -> !(e instanceof LinkEvent)).toList();
  }

  <T extends PbxEvent> List<T> of(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  List<String> deliveryThreads() {
    return List.copyOf(threads);
  }

  /** Waits until {@code count} events match. */
  void awaitCount(Predicate<PbxEvent> which, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (events.stream().filter(which).count() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out waiting for " + count + " matching event(s); got " + events);
      }
      sleep();
    }
  }

  <T extends PbxEvent> T await(Class<T> type, Duration timeout) {
    awaitCount(type::isInstance, 1, timeout);
    return of(type).get(0);
  }

  private static void sleep() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
