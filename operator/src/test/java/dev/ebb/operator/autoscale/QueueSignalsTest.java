package dev.ebb.operator.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.WorkerHeartbeat;
import dev.ebb.operator.scaling.ProcessingTimeSource;
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
    assertThat(observed.processingTimeSource()).isEqualTo(ProcessingTimeSource.HEARTBEATS);
  }

  @Test
  void withoutHeartbeatsProcessingTimeAndConcurrencyAreUnknown() {
    QueueObservation observed = QueueSignals.observe(Optional.empty(), reading(T0, 5, 5, 0, List.of()), STALE_AFTER);

    assertThat(observed.processingTime()).isEmpty();
    assertThat(observed.processingTimeSource()).isEqualTo(ProcessingTimeSource.NONE);
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
    assertThat(observed.processingTimeSource()).isEqualTo(ProcessingTimeSource.BACKEND);
    assertThat(observed.busyWorkers()).isEqualTo(1);
  }

  @Test
  void withOnlyRunningJobsAndCompletionsProcessingTimeIsLittlesLawEstimate() {
    // 6 jobs running at once while 12 complete a second: each runs 6 / 12 = 0.5 s on average
    QueueReading before = counted(T0, 1_000, 6);
    QueueReading after = counted(T0.plusSeconds(5), 1_060, 6);

    QueueObservation observed = QueueSignals.observe(Optional.of(before), after, STALE_AFTER);

    assertThat(observed.processingTime()).contains(Duration.ofMillis(500));
    assertThat(observed.processingTimeSource()).isEqualTo(ProcessingTimeSource.ESTIMATED);
  }

  @Test
  void noEstimateWithoutACompletionRateOrWithoutRunningJobs() {
    QueueReading first = counted(T0, 1_000, 6);
    assertThat(QueueSignals.observe(Optional.empty(), first, STALE_AFTER).processingTime()).isEmpty();

    QueueReading noneCompleted = counted(T0.plusSeconds(5), 1_000, 6);
    assertThat(QueueSignals.observe(Optional.of(first), noneCompleted, STALE_AFTER).processingTimeSource())
        .isEqualTo(ProcessingTimeSource.NONE);

    QueueReading idle = counted(T0.plusSeconds(5), 1_060, 0);
    assertThat(QueueSignals.observe(Optional.of(first), idle, STALE_AFTER).processingTime()).isEmpty();
  }

  @Test
  void withoutAnEnqueueCounterTheArrivalRateIsCompletionsPlusTheGrowthOfWaitingAndRunningJobs() {
    // 50 completed, 30 more waiting, 2 more running in 10 s: 82 arrived, 8.2 a second
    QueueReading before = counted(T0, 1_000, 4, 100);
    QueueReading after = counted(T0.plusSeconds(10), 1_050, 6, 130);

    assertThat(QueueSignals.observe(Optional.of(before), after, STALE_AFTER).arrivalRate()).hasValue(8.2);

    QueueReading draining = counted(T0.plusSeconds(10), 1_050, 0, 0);
    assertThat(QueueSignals.observe(Optional.of(before), draining, STALE_AFTER).arrivalRate())
        .as("a queue draining faster than jobs complete is an arrival rate of zero, not a negative one").hasValue(0.0);
  }

  @Test
  void theEstimateIsTakenOverTheRateWindowNotOnlyTheLastPoll() {
    // Sidekiq-like steps: no completion counted in the last 5 s, 600 over the minute with 5 running: 0.5 s a job
    QueueReading before = counted(T0.plusSeconds(55), 1_600, 5, 0);
    QueueReading now = counted(T0.plusSeconds(60), 1_600, 5, 0);
    RateWindow.Sample minuteAgo = new RateWindow.Sample(T0, 1_000, 0, 5);

    QueueObservation lastPollOnly = QueueSignals.observe(Optional.of(before), now, STALE_AFTER);
    QueueObservation overTheMinute = QueueSignals.observe(Optional.of(before), Optional.of(minuteAgo), now,
        STALE_AFTER);

    assertThat(lastPollOnly.processingTime()).isEmpty();
    assertThat(overTheMinute.processingTime()).contains(Duration.ofMillis(500));
    assertThat(overTheMinute.processingTimeSource()).isEqualTo(ProcessingTimeSource.ESTIMATED);
    assertThat(overTheMinute.completionRate()).as("the status's rate stays the last interval's").hasValue(0.0);
  }

  @Test
  void theRateWindowKeepsTheLastMinuteAndAtLeastOneSample() {
    RateWindow window = new RateWindow();
    assertThat(window.start(T0)).isEmpty();
    for (int second = 0; second <= 90; second += 5) {
      QueueReading reading = counted(T0.plusSeconds(second), second, 1, 0);
      window.record(reading, QueueSignals.observe(Optional.empty(), reading, STALE_AFTER));
    }

    assertThat(window.start(T0.plusSeconds(95)).orElseThrow().at()).isEqualTo(T0.plusSeconds(35));
    assertThat(window.start(T0.plusSeconds(1_000)).orElseThrow().at()).as("the newest stays")
        .isEqualTo(T0.plusSeconds(90));
  }

  private static QueueReading counted(Instant at, long completed, int running) {
    return counted(at, completed, running, 0);
  }

  private static QueueReading counted(Instant at, long completed, int running, long depth) {
    return new QueueReading(depth, Optional.empty(), OptionalLong.empty(), OptionalLong.of(completed), List.of(),
        OptionalInt.of(running), Optional.empty(), QueueReading.Heartbeats.KEPT, at);
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
