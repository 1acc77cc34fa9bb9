package dev.ebb.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryScheduleTest {

  private final RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(15), Duration.ofHours(1));

  @ParameterizedTest(name = "after attempt {0} with random {1}: {2} ms")
  @CsvSource({
      // attempt, random, expected delay ms  (ceiling = min(1h, 15s * 2^(attempt-1)))
      "1,  0.0,     0",
      "1,  0.5,     7500",
      "1,  0.9999,  14998",
      "2,  0.5,     15000",
      "3,  1.0,     60000",
      "5,  0.25,    60000",
      "8,  0.5,     960000",
      "9,  0.5,     1800000",   // ceiling 3840 s is capped to 3600 s
      "9,  1.0,     3600000",
      "10, 0.5,     1800000",
      "60, 0.5,     1800000",   // no overflow for huge attempts
      "0,  0.5,     7500",      // nonsense attempt numbers are treated as the first
  })
  void fullJitterBelowTheExponentialCeiling(int attempt, double random, long expectedMillis) {
    assertThat(schedule.delayAfter(attempt, () -> random)).isEqualTo(Duration.ofMillis(expectedMillis));
  }

  @ParameterizedTest(name = "ceiling after attempt {0}: {1} ms")
  @CsvSource({"1, 15000", "2, 30000", "4, 120000", "8, 1920000", "9, 3600000", "62, 3600000", "200, 3600000"})
  void ceilingDoublesUpToTheCap(int attempt, long ceiling) {
    assertThat(schedule.ceilingMillis(attempt)).isEqualTo(ceiling);
  }

  @ParameterizedTest
  @CsvSource({"1, 0", "5, 0"})
  void zeroBaseRetriesAtOnce(int attempt, long expected) {
    RetrySchedule immediate = new RetrySchedule(Duration.ZERO, Duration.ZERO);
    assertThat(immediate.delayAfter(attempt, () -> 0.7).toMillis()).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void capBelowBaseIsRejected() {
    assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(10), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
