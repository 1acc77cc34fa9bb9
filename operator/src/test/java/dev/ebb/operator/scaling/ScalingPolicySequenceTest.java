package dev.ebb.operator.scaling;

import static dev.ebb.operator.scaling.Observations.queue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** Many polls through the state: windows over time, scale to zero and back, failures, no flapping. */
class ScalingPolicySequenceTest {

  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration POLL = Duration.ofSeconds(5);

  /** Each poll's replicas, as the actuator would apply them. */
  record Run(List<Integer> replicas, List<ScalingDecision> decisions) {
    int changes() {
      int count = 0;
      for (int i = 1; i < replicas.size(); i++) {
        count += replicas.get(i).equals(replicas.get(i - 1)) ? 0 : 1;
      }
      return count;
    }

    /** Seconds from the start at which replicas first became {@code value}, or -1. */
    long firstSecondAt(int value) {
      int index = replicas.indexOf(value);
      return index < 0 ? -1 : index * POLL.toSeconds();
    }
  }

  static Run run(ScalingSettings settings, int initialReplicas, Duration length,
      LongFunction<Measurement> measurementAtSecond) {
    return run(new ScalingPolicy(), settings, initialReplicas, length, measurementAtSecond);
  }

  static Run run(ScalingPolicy policy, ScalingSettings settings, int initialReplicas, Duration length,
      LongFunction<Measurement> measurementAtSecond) {
    return run(policy, settings, initialReplicas, length, measurementAtSecond, Optional.empty());
  }

  static Run run(ScalingPolicy policy, ScalingSettings settings, int initialReplicas, Duration length,
      LongFunction<Measurement> measurementAtSecond, Optional<Duration> startupTime) {
    ScalingState state = ScalingState.initial();
    int current = initialReplicas;
    List<Integer> replicas = new ArrayList<>();
    List<ScalingDecision> decisions = new ArrayList<>();
    for (long second = 0; second <= length.toSeconds(); second += POLL.toSeconds()) {
      ScalingDecision decision = policy.decide(settings, current, measurementAtSecond.apply(second), state,
          START.plusSeconds(second), startupTime);
      state = decision.nextState();
      current = decision.desiredReplicas();
      replicas.add(current);
      decisions.add(decision);
    }
    return new Run(replicas, decisions);
  }

  @Test
  void aSteadyNoisyLoadDoesNotFlapOverAnHour() {
    Random noise = new Random(42);
    // 100 jobs/s +-10%, 350 ms +-5%, a few jobs waiting: needs 4.4 workers on average, 5 with rounding
    Run run = run(ScalingSettings.defaults(1, 50), 5, Duration.ofHours(1), second -> {
      double lambda = 100 * (1 + 0.1 * noise.nextGaussian());
      long millis = Math.round(350 * (1 + 0.05 * noise.nextGaussian()));
      int waiting = noise.nextInt(30);
      return queue(waiting).oldest(Duration.ofMillis(noise.nextInt(500))).arrivals(lambda)
          .millisPerJob(millis).busy(5, 35).build();
    });

    assertThat(run.changes()).as(run.replicas().toString()).isLessThanOrEqualTo(2);
    assertThat(run.replicas().get(run.replicas().size() - 1)).isBetween(5, 6);
  }

  static LongFunction<Measurement> largeNoisyLoad(long seed) {
    Random noise = new Random(seed);
    // 1000 jobs/s +-5%, 350 ms +-5%: needs about 44 workers
    return second -> {
      double lambda = 1000 * (1 + 0.05 * noise.nextGaussian());
      long millis = Math.round(350 * (1 + 0.05 * noise.nextGaussian()));
      return queue(noise.nextInt(200)).oldest(Duration.ofMillis(noise.nextInt(800))).arrivals(lambda)
          .millisPerJob(millis).busy(40, 350).build();
    };
  }

  static LongFunction<Measurement> smallNoisyLoad(long seed, double spread) {
    Random noise = new Random(seed);
    // 100 jobs/s +-spread, 350 ms +-5%, a few jobs waiting: 4.4 workers on average
    return second -> {
      double lambda = Math.max(0, 100 * (1 + spread * noise.nextGaussian()));
      long millis = Math.round(350 * (1 + 0.05 * noise.nextGaussian()));
      return queue(noise.nextInt(30)).oldest(Duration.ofMillis(noise.nextInt(500))).arrivals(lambda)
          .millisPerJob(millis).busy(5, 35).build();
    };
  }

  @Test
  void aKnownStartupTimeDoesNotTurnNoiseIntoFlapping() {
    Optional<Duration> minute = Optional.of(Duration.ofMinutes(1));
    ScalingPolicy policy = new ScalingPolicy();
    Run small = run(policy, ScalingSettings.defaults(1, 50), 5, Duration.ofHours(1), smallNoisyLoad(42, 0.1),
        minute);
    Run large = run(policy, ScalingSettings.defaults(1, 100), 44, Duration.ofHours(1), largeNoisyLoad(7), minute);

    assertThat(small.changes()).as(small.replicas().toString()).isLessThanOrEqualTo(2);
    assertThat(large.changes()).as(large.replicas().toString()).isLessThanOrEqualTo(3);
  }

  @Test
  void evenAVeryNoisyRateIsHardlyAmplifiedByTheProjection() {
    // +-50% on the rate: two polls in a row above the pool's drain happen, and the projection adds to such scale-ups
    ScalingPolicy policy = new ScalingPolicy();
    ScalingSettings settings = ScalingSettings.defaults(1, 50);
    Run without = run(policy, settings, 5, Duration.ofHours(1), smallNoisyLoad(2, 0.5), Optional.empty());
    Run with = run(policy, settings, 5, Duration.ofHours(1), smallNoisyLoad(2, 0.5),
        Optional.of(Duration.ofMinutes(1)));

    String both = "without " + without.changes() + ": " + without.replicas() + "%nwith " + with.changes() + ": "
        + with.replicas();
    assertThat(with.replicas()).as("the projection acted").isNotEqualTo(without.replicas());
    assertThat(with.changes()).as(both).isLessThanOrEqualTo(without.changes() + 1);
    assertThat(peak(with)).as(both).isLessThanOrEqualTo(peak(without) + 1);
  }

  private static int peak(Run run) {
    return run.replicas().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  @Test
  void aLargeSteadyNoisyPoolDoesNotFlapEither() {
    Run run = run(ScalingSettings.defaults(1, 100), 44, Duration.ofHours(1), largeNoisyLoad(7));

    assertThat(run.changes()).as(run.replicas().toString()).isLessThanOrEqualTo(3);
  }

  @Test
  void theToleranceCutsChangesEvenWithAShortScaleDownWindow() {
    ScalingSettings noDownWindow = ScalingSettings.defaults(1, 100).withScaleDownStabilization(Duration.ofSeconds(30));
    Run tolerant = run(noDownWindow, 44, Duration.ofHours(1), largeNoisyLoad(7));
    Run exact = run(new ScalingPolicy(new ChangeTolerance(0)), noDownWindow, 44, Duration.ofHours(1),
        largeNoisyLoad(7));

    // seed 7: 135 changes without the tolerance, 19 with it; the 5 m window brings it to at most 3 (test above)
    assertThat(tolerant.changes()).as("exact %d, tolerant %d", exact.changes(), tolerant.changes())
        .isLessThan(exact.changes() / 5);
  }

  @Test
  void scalesUpAtOnceAndDownOnlyAfterTheWindow() {
    // 200 jobs/s for 10 minutes (9 workers), then 20 jobs/s (1 worker)
    Run run = run(ScalingSettings.defaults(1, 50), 1, Duration.ofMinutes(30), second -> {
      double lambda = second < 600 ? 200 : 20;
      return queue(0).arrivals(lambda).millisPerJob(350).busy(1, 1).build();
    });

    assertThat(run.replicas().get(0)).isEqualTo(9);
    assertThat(run.firstSecondAt(1)).isBetween(600L + 300, 600L + 300 + POLL.toSeconds());
    assertThat(run.replicas().subList(0, 900 / 5)).containsOnly(9);
  }

  @Test
  void theWorkersABacklogAddedGoOnceItIsDrainedAndMaxQueueLatencyHasPassed() {
    // 20 jobs/s (1 worker) throughout; a batch of 5,000 jobs at 400 s, drained by 430 s
    Run run = run(ScalingSettings.defaults(1, 50), 1, Duration.ofMinutes(20), second -> {
      long waiting = second < 400 || second >= 430 ? 0 : 5000 - (second - 400) * 160;
      return queue(waiting).oldestSeconds(waiting > 0 ? second - 400 : 0).arrivals(20).millisPerJob(350)
          .busy(1, 7).build();
    });

    assertThat(run.replicas().get(400 / 5)).isEqualTo(7); // 0.9 for the load + 5,000 x 0.35 / (10 x 30)
    int backToOne = -1;
    for (int i = 400 / 5; i < run.replicas().size() && backToOne < 0; i++) {
      backToOne = run.replicas().get(i) == 1 ? i * 5 : -1;
    }
    // the last backlog is seen at 425 s; its recommendation is held for maxQueueLatency (30 s), not the 5 m window
    assertThat(backToOne).isBetween(425 + 30, 425 + 30 + 5);
    assertThat(run.changes()).isLessThanOrEqualTo(6);
  }

  @Test
  void aBurstOfArrivalsIsHeldForTheWholeWindowEvenWhenItsBacklogIsGone() {
    // 400 jobs/s for one minute (18 workers for the rate alone), then 20 jobs/s again
    Run run = run(ScalingSettings.defaults(1, 50), 1, Duration.ofMinutes(20), second -> {
      double lambda = second >= 400 && second < 460 ? 400 : 20;
      return queue(0).arrivals(lambda).millisPerJob(350).busy(1, 7).build();
    });

    assertThat(run.replicas().get(410 / 5)).isEqualTo(18); // the rise counts once two polls see it
    assertThat(run.replicas().subList(410 / 5, (455 + 300) / 5)).containsOnly(18);
  }

  @Test
  void aScaleUpWindowWaitsForTheLoadToLast() {
    ScalingSettings settings = ScalingSettings.defaults(1, 50).withScaleUpStabilization(Duration.ofMinutes(1));
    Run run = run(settings, 1, Duration.ofMinutes(10), second -> {
      double lambda = second < 120 ? 20 : 200;
      return queue(0).arrivals(lambda).millisPerJob(350).build();
    });

    assertThat(run.firstSecondAt(9)).isBetween(180L, 185L);
  }

  @Test
  void goesToZeroAfterTheIdlePeriodAndWakesOnTheFirstJob() {
    // busy for 2 minutes, idle until 20 minutes, then one job waits
    Run run = run(ScalingSettings.defaults(0, 50), 1, Duration.ofMinutes(25), second -> {
      if (second < 120) {
        return queue(100).arrivals(50).millisPerJob(350).busy(2, 15).build();
      }
      return second < 1200 ? queue(0).millisPerJob(350).build()
          : queue(1).oldestSeconds(1).millisPerJob(350).build();
    });

    long zeroAt = run.firstSecondAt(0);
    assertThat(zeroAt).isBetween(120L + 300, 120L + 300 + POLL.toSeconds());
    assertThat(run.replicas().get((int) (1200 / POLL.toSeconds()))).isEqualTo(1);
    assertThat(run.decisions().get((int) (1200 / POLL.toSeconds())).reason()).isEqualTo(ScalingReason.ACTIVATION);
  }

  @Test
  void holdsThroughFailuresThenFallsBackThenRecovers() {
    ScalingSettings settings = ScalingSettings.defaults(1, 50).withFallback(3, 3);
    Run run = run(settings, 1, Duration.ofMinutes(3), second -> second >= 30 && second < 90
        ? new FailedMeasurement("redis: timeout")
        : queue(0).arrivals(200).millisPerJob(350).build());

    assertThat(run.replicas().get(0)).isEqualTo(9);
    assertThat(run.decisions().get(6).reason()).isEqualTo(ScalingReason.MEASUREMENT_FAILED);
    assertThat(run.replicas().subList(6, 8)).containsOnly(9);
    assertThat(run.decisions().get(8).reason()).isEqualTo(ScalingReason.FALLBACK);
    assertThat(run.replicas().get(8)).isEqualTo(3);
    assertThat(run.decisions().get(18).reason()).isEqualTo(ScalingReason.SCALE_UP);
    assertThat(run.replicas().get(18)).isEqualTo(9);
    assertThat(run.decisions().get(18).nextState().consecutiveFailures()).isZero();
  }

  @Test
  void theHistoryStaysBoundedWhateverTheWindows() {
    ScalingSettings settings = ScalingSettings.defaults(1, 50).withScaleDownStabilization(Duration.ofDays(1));
    Run run = run(settings, 1, Duration.ofHours(10), second -> queue(second % 5000).build());

    ScalingState last = run.decisions().get(run.decisions().size() - 1).nextState();
    assertThat(last.history().runs()).isLessThanOrEqualTo(RecommendationHistory.MAX_ENTRIES);
  }
}
