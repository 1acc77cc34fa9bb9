package dev.ebb.operator.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.WorkerHeartbeat;
import dev.ebb.operator.scaling.QueueObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class QueueSignalsTest {

  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private static final Duration STALE_AFTER = Duration.ofSeconds(60);

  @Test
  void ratesComeFromTheCountersGrowthBetweenTwoReadings() {
    QueueReading before = reading(T0, 100, 1_000, 900, List.of());
    QueueReading after = reading(T0.plusSeconds(5), 120, 1_050, 930, List.of());

    QueueObservation observed = QueueSignals.observe(Optional.of(before), after, STALE_AFTER);

    assertThat(observed.arrivalRate()).hasValue(10.0);
    assertThat(observed.completionRate()).hasValue(6.0);
    assertThat(observed.depth()).isEqualTo(120);
  }

  @Test
  void theFirstReadingAndACounterResetHaveNoRate() {
    QueueReading first = reading(T0, 0, 1_000, 900, List.of());
    assertThat(QueueSignals.observe(Optional.empty(), first, STALE_AFTER).arrivalRate()).isEmpty();

    QueueReading reset = reading(T0.plusSeconds(5), 0, 3, 1, List.of());
    assertThat(QueueSignals.observe(Optional.of(first), reset, STALE_AFTER).arrivalRate()).isEmpty();
  }

  @Test
  void onlyLiveWorkersCountForBusyConcurrencyAndProcessingTime() {
    Instant now = T0.plusSeconds(120);
    List<WorkerHeartbeat> workers = List.of(
        beat("a", 4, 10, 300, now.minusSeconds(2)),
        beat("b", 0, 10, 500, now.minusSeconds(3)),
        beat("stale", 9, 10, 9_000, now.minusSeconds(61)),
        new WorkerHeartbeat("gone", "", WorkerHeartbeat.EXPIRED, 0, 0, OptionalDouble.empty(), T0));
    QueueReading reading = reading(now, 7, 10, 3, workers);

    QueueObservation observed = QueueSignals.observe(Optional.empty(), reading, STALE_AFTER);

    assertThat(observed.runningJobs()).isEqualTo(4);
    assertThat(observed.busyWorkers()).isEqualTo(1);
    assertThat(observed.concurrency()).hasValue(10);
    assertThat(observed.processingTime()).contains(Duration.ofMillis(400));
  }

  @Test
  void withoutHeartbeatsProcessingTimeAndConcurrencyAreUnknown() {
    QueueObservation observed = QueueSignals.observe(Optional.empty(), reading(T0, 5, 5, 0, List.of()), STALE_AFTER);

    assertThat(observed.processingTime()).isEmpty();
    assertThat(observed.concurrency()).isEmpty();
    assertThat(observed.oldestJobAge()).isEqualTo(Duration.ofSeconds(41));
  }

  @Test
  void runningJobsAndProcessingTimeTheBackendCountsWinOverTheHeartbeats() {
    Instant now = T0.plusSeconds(120);
    QueueReading reading = new QueueReading(7, Optional.empty(), OptionalLong.empty(), OptionalLong.empty(),
        List.of(beat("a", 4, 10, 300, now.minusSeconds(2))), OptionalInt.of(9), Optional.of(Duration.ofMillis(750)),
        QueueReading.Heartbeats.KEPT, now);

    QueueObservation observed = QueueSignals.observe(Optional.empty(), reading, STALE_AFTER);

    assertThat(observed.runningJobs()).isEqualTo(9);
    assertThat(observed.processingTime()).contains(Duration.ofMillis(750));
    assertThat(observed.busyWorkers()).isEqualTo(1);
  }

  private static QueueReading reading(Instant at, long depth, long enqueued, long completed,
      List<WorkerHeartbeat> workers) {
    return new QueueReading(depth, Optional.of(Duration.ofSeconds(41)), OptionalLong.of(enqueued),
        OptionalLong.of(completed), workers, at);
  }

  private static WorkerHeartbeat beat(String id, int busy, int concurrency, double meanMillis, Instant at) {
    return new WorkerHeartbeat(id, "pod-" + id, "running", busy, concurrency, OptionalDouble.of(meanMillis), at);
  }
}
