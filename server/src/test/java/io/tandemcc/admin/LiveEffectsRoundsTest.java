package io.tandemcc.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Changes committed during a roster round share one more round after it, per tenant")
class LiveEffectsRoundsTest {
  private final LiveEffects.Rounds rounds = new LiveEffects.Rounds();

  @Test
  @DisplayName("a burst of changes during a round costs one more round, not one per change")
  void aBurstSharesOneMoreRound() {
    assertThat(rounds.begin(1)).as("the first change starts a round").isTrue();
    for (int i = 0; i < 50; i++) {
      assertThat(rounds.begin(1)).as("change %d waits for the round", i).isFalse();
    }
    assertThat(rounds.end(1)).as("one more round for the 50").isTrue();
    assertThat(rounds.end(1)).as("nothing changed during it").isFalse();
    assertThat(rounds.begin(1)).as("the next change starts a round at once").isTrue();
  }

  @Test
  @DisplayName("a lone change after a round starts its own; tenants do not wait for each other")
  void tenantsAreIndependent() {
    assertThat(rounds.begin(1)).isTrue();
    assertThat(rounds.begin(2)).as("another tenant's change").isTrue();
    assertThat(rounds.end(2)).isFalse();
    assertThat(rounds.end(1)).isFalse();
    assertThat(rounds.begin(1)).isTrue();
  }
}
