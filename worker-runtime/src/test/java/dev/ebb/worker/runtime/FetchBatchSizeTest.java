package dev.ebb.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FetchBatchSizeTest {

  @ParameterizedTest(name = "mean {0} us, max {1}: batch {2}")
  @CsvSource({
      "-1,      100, 1",    // nothing measured yet: one at a time
      "5,       100, 100",  // no-op jobs: the largest batch
      "0,       100, 100",
      "200,     100, 100",  // 20 ms / 0.2 ms = 100
      "1000,    100, 20",
      "5000,    100, 4",
      "20000,   100, 1",
      "200000,  100, 1",    // slow jobs: never prefetch
      "5,       1,   1",    // batching switched off
      "5,       16,  16",
  })
  void quickJobsAreFetchedInBatchesThatRunAboutTheBudget(double meanMicros, int maxBatch, int expected) {
    assertThat(FetchBatchSize.next(meanMicros, maxBatch)).isEqualTo(expected);
  }
}
