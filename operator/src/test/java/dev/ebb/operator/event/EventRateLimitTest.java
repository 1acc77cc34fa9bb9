package dev.ebb.operator.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventRateLimitTest {

  private Instant now = Instant.parse("2026-12-01T00:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  };

  @Test
  void aNamespaceGetsItsBurstThenOneEventPerInterval() {
    EventRateLimit limit = new EventRateLimit(clock, 3, Duration.ofSeconds(10));

    assertThat(IntStream.range(0, 5).filter(i -> limit.tryAcquire("noisy")).count()).isEqualTo(3);
    now = now.plusSeconds(9);
    assertThat(limit.tryAcquire("noisy")).isFalse();
    now = now.plusSeconds(1);
    assertThat(limit.tryAcquire("noisy")).isTrue();
    assertThat(limit.tryAcquire("noisy")).isFalse();
    now = now.plusSeconds(3600);
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
