package io.tandemcc.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The flood limiter (token bucket)")
class TokenBucketTest {
  private final AtomicLong nanos = new AtomicLong();
  private final TokenBucket bucket = new TokenBucket(50, 100, nanos::get);

  private int takeAll() {
    int n = 0;
    while (bucket.tryTake()) {
      n++;
    }
    return n;
  }

  @Test
  @DisplayName("allows a burst of 100, then 50 per second sustained")
  void burstThenRate() {
    assertThat(takeAll()).isEqualTo(100);
    nanos.addAndGet(1_000_000_000L);
    assertThat(takeAll()).isEqualTo(50);
    nanos.addAndGet(20_000_000L);
    assertThat(takeAll()).isEqualTo(1);
  }

  @Test
  @DisplayName("never holds more than the burst, however long it was idle")
  void capped() {
    nanos.addAndGet(3_600_000_000_000L);
    assertThat(takeAll()).isEqualTo(100);
  }

  @Test
  @DisplayName("tells an emptied sender to retry after at least a second")
  void retryAfter() {
    takeAll();
    assertThat(bucket.secondsUntilNextToken()).isEqualTo(1);
  }
}
