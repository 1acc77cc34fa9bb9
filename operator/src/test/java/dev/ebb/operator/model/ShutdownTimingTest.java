package dev.ebb.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShutdownTimingTest {

  @ParameterizedTest(name = "grace {0} -> terminationGracePeriodSeconds {1}, worker deadline {2}")
  @CsvSource({
      "PT60S, 60, 55s",
      "PT30S, 30, 27s",
      "PT10S, 10, 9s",
      "PT2S, 2, 1s",
      "PT1S, 1, 0s",
      "PT0.5S, 1, 0s",
      "PT10M, 600, 595s",
  })
  void theWorkerDeadlineEndsAFewSecondsBeforeSigkill(String grace, long seconds, String workerTimeout) {
    ShutdownTiming timing = ShutdownTiming.of(Duration.parse(grace));

    assertThat(timing.terminationGracePeriodSeconds()).isEqualTo(seconds);
    assertThat(timing.workerShutdownTimeoutText()).isEqualTo(workerTimeout);
    assertThat(timing.workerShutdownTimeout()).isLessThan(Duration.ofSeconds(seconds));
  }
}
