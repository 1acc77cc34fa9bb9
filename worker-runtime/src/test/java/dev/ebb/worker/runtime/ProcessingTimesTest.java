package dev.ebb.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessingTimesTest {

  @Test
  void emptyWindowHasNoMean() {
    ProcessingTimes times = new ProcessingTimes();
    assertThat(times.meanMicros()).isEqualTo(-1);
    assertThat(times.p95Micros()).isEqualTo(-1);
  }

  @Test
  void meanAndP95OfTheRecordedJobs() {
    ProcessingTimes times = new ProcessingTimes();
    for (int i = 1; i <= 100; i++) {
      times.record(i * 1000L);
    }
    assertThat(times.meanMicros()).isEqualTo(50_500.0);
    assertThat(times.p95Micros()).isEqualTo(95_000);
  }

  @Test
  void onlyTheLastWindowCounts() {
    ProcessingTimes times = new ProcessingTimes();
    for (int i = 0; i < ProcessingTimes.WINDOW; i++) {
      times.record(1_000_000);
    }
    for (int i = 0; i < ProcessingTimes.WINDOW; i++) {
      times.record(10);
    }
    assertThat(times.meanMicros()).isEqualTo(10.0);
    assertThat(times.p95Micros()).isEqualTo(10);
  }
}
