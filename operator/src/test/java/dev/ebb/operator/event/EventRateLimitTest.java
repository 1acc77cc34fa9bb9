package dev.ebb.operator.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.operator.TestingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventRateLimitTest {

  private final TestingClock clock = new TestingClock(Instant.parse("2026-12-01T00:00:00Z"));

  @Test
  void aNamespaceGetsItsBurstThenOneEventPerInterval() {
    EventRateLimit limit = new EventRateLimit(clock, 3, Duration.ofSeconds(10));

    assertThat(IntStream.range(0, 5).filter(i -> limit.tryAcquire("noisy")).count()).isEqualTo(3);
    clock.advance(Duration.ofSeconds(9));
    assertThat(limit.tryAcquire("noisy")).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(limit.tryAcquire("noisy")).isTrue();
    assertThat(limit.tryAcquire("noisy")).isFalse();
    clock.advance(Duration.ofHours(1));
    assertThat(IntStream.range(0, 5).filter(i -> limit.tryAcquire("noisy")).count()).as("never above the burst")
        .isEqualTo(3);
  }

  @Test
  void oneNamespaceUsingItsShareLeavesTheOthersTheirs() {
    EventRateLimit limit = new EventRateLimit(clock, 3, Duration.ofSeconds(10));
    IntStream.range(0, 100).forEach(i -> limit.tryAcquire("noisy"));

    assertThat(limit.tryAcquire("quiet")).isTrue();
  }
}
