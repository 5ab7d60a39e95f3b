package io.tandemcc.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A peer that leaves two pings in a row unanswered counts as dead")
class PingMissesTest {
  private final PingMisses misses = new PingMisses(2);

  @Test
  @DisplayName("no pong after the first and the second ping: dead at the third tick, not before")
  void twoMissesInARow() {
    assertThat(misses.tick()).as("first ping goes out").isFalse();
    assertThat(misses.tick()).as("one ping unanswered").isFalse();
    assertThat(misses.missed()).isEqualTo(1);
    assertThat(misses.tick()).as("two pings unanswered").isTrue();
  }

  @Test
  @DisplayName("a pong between pings keeps the peer alive forever")
  void answeringPeerStaysAlive() {
    for (int i = 0; i < 100; i++) {
      assertThat(misses.tick()).isFalse();
      misses.alive();
    }
  }

  @Test
  @DisplayName("a pong after one miss clears the count: misses must be in a row")
  void missesMustBeConsecutive() {
    misses.tick();
    assertThat(misses.tick()).isFalse(); // one missed
    misses.alive();
    assertThat(misses.tick()).isFalse();
    assertThat(misses.missed()).isZero();
    assertThat(misses.tick()).isFalse();
    assertThat(misses.tick()).isTrue();
  }

  @Test
  @DisplayName("at least one miss must be allowed")
  void atLeastOne() {
    assertThatThrownBy(() -> new PingMisses(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
