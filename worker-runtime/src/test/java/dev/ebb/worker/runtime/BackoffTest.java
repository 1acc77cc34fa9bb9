package dev.ebb.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

  @ParameterizedTest(name = "after {0} failures wait at most {1} ms")
  @CsvSource({"1, 100", "2, 200", "3, 400", "6, 3200", "7, 5000", "50, 5000"})
  void doublesUpToTheCap(int failures, long ceiling) {
    assertThat(Backoff.ceilingMillis(failures)).isEqualTo(ceiling);
  }
}
