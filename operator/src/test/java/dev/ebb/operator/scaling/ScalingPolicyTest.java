package dev.ebb.operator.scaling;

import static dev.ebb.operator.scaling.Observations.queue;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScalingPolicyTest {

  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  static final ScalingState FRESH = ScalingState.initial();
  /** Watched for an hour, nothing remembered: the scale-down window has nothing to hold on to. */
  static final ScalingState WATCHED = history();
  static final ScalingSettings POOL = ScalingSettings.defaults(1, 50);
  static final ScalingSettings FROM_ZERO = ScalingSettings.defaults(0, 50);
  static final ScalingSettings NO_DOWN_WINDOW = POOL.withScaleDownStabilization(Duration.ZERO);

  record Case(String name, ScalingSettings settings, int current, Measurement measurement, ScalingState previous,
      int expectedReplicas, ScalingReason expectedReason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case of(String name, ScalingSettings settings, int current, Measurement measurement, ScalingState previous,
      int expectedReplicas, ScalingReason expectedReason) {
    return new Case(name, settings, current, measurement, previous, expectedReplicas, expectedReason);
  }

  static ScalingState idleSince(Duration ago) {
    return new ScalingState(0, Optional.of(NOW.minus(ago)), Optional.of(NOW.minus(ago)),
        RecommendationHistory.empty(), OptionalDouble.empty());
  }

  static ScalingState failures(int count) {
    return new ScalingState(count, Optional.of(NOW.minusSeconds(3600)), Optional.empty(),
        RecommendationHistory.empty(), OptionalDouble.empty());
  }

  static ScalingState lastArrivalRate(double jobsPerSecond) {
    return new ScalingState(0, Optional.of(NOW.minusSeconds(3600)), Optional.empty(), RecommendationHistory.empty(),
        OptionalDouble.of(jobsPerSecond));
  }

  static ScalingState history(Object... agoSecondsAndReplicas) {
    RecommendationHistory history = RecommendationHistory.empty();
    for (int i = 0; i < agoSecondsAndReplicas.length; i += 2) {
      Instant at = NOW.minusSeconds(((Number) agoSecondsAndReplicas[i]).longValue());
      history = history.record(at, (Integer) agoSecondsAndReplicas[i + 1], Duration.ofHours(1));
    }
    return new ScalingState(0, Optional.of(NOW.minusSeconds(3600)), Optional.empty(), history,
        OptionalDouble.empty());
  }

  static Stream<Case> cases() {
    FailedMeasurement down = new FailedMeasurement("redis: connection refused");
    QueueObservation loaded = queue(0).arrivals(100).millisPerJob(350).busy(5, 35).build();
    return Stream.of(
        of("processing time unknown: depth / jobsPerReplica", POOL, 6,
            queue(1204).oldestSeconds(41).build(), FRESH, 13, ScalingReason.SCALE_UP),
        of("processing time unknown, a small queue keeps one", POOL, 1, queue(5).build(), FRESH,
            1, ScalingReason.STEADY),
        of("steady load by Little's law: 100/s x 0.35s / (10 x 0.8) = 4.4 -> 5", POOL, 5, loaded, FRESH,
            5, ScalingReason.STEADY),
        of("no arrivals, backlog only: 1200 x 0.35 / (10 x 30) = 1.4 -> 2", POOL, 1,
            queue(1200).millisPerJob(350).build(), FRESH, 2, ScalingReason.SCALE_UP),
        of("arrival rate unknown (first reading): backlog term only", POOL, 2,
            queue(3000).arrivalsUnknown().millisPerJob(350).build(), FRESH, 4, ScalingReason.SCALE_UP),
        of("huge backlog is capped at max", POOL, 10, queue(1_000_000).millisPerJob(350).build(), FRESH,
            50, ScalingReason.SCALE_UP),
        of("max reached stays at max", POOL, 50, queue(1_000_000).millisPerJob(350).build(), FRESH,
            50, ScalingReason.STEADY),
        of("min holds an empty queue", ScalingSettings.defaults(2, 50), 2, queue(0).millisPerJob(350).build(),
            FRESH, 2, ScalingReason.STEADY),
        of("below min after a spec change goes up to min", ScalingSettings.defaults(3, 50), 1,
            queue(0).millisPerJob(350).build(), FRESH, 3, ScalingReason.SCALE_UP),
        of("above max after a spec change goes down to max", ScalingSettings.defaults(1, 5), 8,
            queue(0).millisPerJob(350).build(), FRESH, 5, ScalingReason.SCALE_DOWN),
        of("fresh state (operator restart) does not scale down before a whole window", POOL, 8,
            queue(0).millisPerJob(350).build(), FRESH, 8, ScalingReason.STABILIZED),
        of("watched for a whole window, nothing higher remembered: scales down", POOL, 8,
            queue(0).millisPerJob(350).build(), WATCHED, 1, ScalingReason.SCALE_DOWN),
        of("running jobs floor a scale-down: ceil(75 / 10) = 8", NO_DOWN_WINDOW, 10,
            queue(0).millisPerJob(350).busy(10, 75).build(), FRESH, 8, ScalingReason.SCALE_DOWN),
        of("a light load spread over every worker does not hold them: 12 jobs on 9 workers -> 2",
            NO_DOWN_WINDOW, 9, queue(0).millisPerJob(350).busy(9, 12).build(), FRESH, 2, ScalingReason.SCALE_DOWN),
        of("running jobs / concurrency floor a scale-down", NO_DOWN_WINDOW, 9,
            queue(0).millisPerJob(350).busy(3, 45).build(), FRESH, 5, ScalingReason.SCALE_DOWN),
        of("a rise seen by one poll only is a batch, sized as backlog: 0.9 + 5.8 -> 7", POOL, 6,
            queue(5000).arrivals(1000).millisPerJob(350).build(), lastArrivalRate(20), 7, ScalingReason.SCALE_UP),
        of("a rise seen by two polls is a new rate: 17.5 + 5.8 -> 24", POOL, 6,
            queue(5000).arrivals(400).millisPerJob(350).build(), lastArrivalRate(400), 24, ScalingReason.SCALE_UP),
        of("a fall in the arrival rate counts at once", NO_DOWN_WINDOW, 24,
            queue(0).arrivals(100).millisPerJob(350).build(), lastArrivalRate(400), 5, ScalingReason.SCALE_DOWN),
        of("concurrency from heartbeats: 35 / (20 x 0.8) = 2.2 -> 3", POOL, 3,
            queue(0).arrivals(100).millisPerJob(350).concurrency(20).build(), FRESH, 3,
            ScalingReason.STEADY),
        of("configured concurrency without heartbeats: 35 / (10 x 0.8) = 4.4 -> 5", POOL, 3,
            queue(0).arrivals(100).millisPerJob(350).build(), FRESH, 5, ScalingReason.SCALE_UP),
        of("min 0, idle 4m59s: keeps one", FROM_ZERO, 1, queue(0).millisPerJob(350).build(),
            idleSince(Duration.ofSeconds(299)), 1, ScalingReason.STEADY),
        of("min 0, idle exactly 5m: scales to zero", FROM_ZERO, 1, queue(0).millisPerJob(350).build(),
            idleSince(Duration.ofMinutes(5)), 0, ScalingReason.SCALE_TO_ZERO),
        of("min 0, idle 5m but a job runs: keeps one", FROM_ZERO, 1,
            queue(0).millisPerJob(350).busy(1, 1).build(), idleSince(Duration.ofMinutes(10)), 1,
            ScalingReason.STEADY),
        of("min 1, idle for an hour: never zero", POOL, 1, queue(0).build(), idleSince(Duration.ofHours(1)),
            1, ScalingReason.STEADY),
        of("activation from zero on one waiting job", FROM_ZERO, 0, queue(1).build(), FRESH, 1,
            ScalingReason.ACTIVATION),
        of("activation from zero with a backlog ignores the scale-up window",
            FROM_ZERO.withScaleUpStabilization(Duration.ofMinutes(1)), 0,
            queue(5000).millisPerJob(350).build(), history(30, 0), 6, ScalingReason.ACTIVATION),
        of("zero stays zero while idle", FROM_ZERO, 0, queue(0).build(), FRESH, 0, ScalingReason.STEADY),
        of("scale-up window takes the lowest recent recommendation",
            POOL.withScaleUpStabilization(Duration.ofSeconds(60)), 3,
            queue(1000).build(), history(50, 4, 20, 8), 4, ScalingReason.SCALE_UP),
        of("scale-up window forgets recommendations older than the window",
            POOL.withScaleUpStabilization(Duration.ofSeconds(60)), 3,
            queue(1000).build(), history(90, 4), 10, ScalingReason.SCALE_UP),
        of("scale-up window: no lower recommendation, immediate", POOL, 3, queue(1000).build(),
            history(10, 2), 10, ScalingReason.SCALE_UP),
        of("scale-down window holds the highest recent recommendation", POOL, 12, queue(400).build(),
            history(240, 12), 12, ScalingReason.STABILIZED),
        of("scale-down window passed: down to the highest still inside it", POOL, 12, queue(400).build(),
            history(301, 12, 120, 7), 7, ScalingReason.SCALE_DOWN),
        of("scale-down within the 10% tolerance is ignored", NO_DOWN_WINDOW, 20, queue(1850).build(), FRESH,
            20, ScalingReason.WITHIN_TOLERANCE),
        of("small scale-up while jobs start quickly is ignored", POOL, 20,
            queue(2150).oldestSeconds(2).build(), FRESH, 20, ScalingReason.WITHIN_TOLERANCE),
        of("small scale-up goes ahead when jobs wait half the latency goal", POOL, 20,
            queue(2150).oldestSeconds(15).build(), FRESH, 22, ScalingReason.SCALE_UP),
        of("paused holds the current replicas", POOL.withPaused(true), 4,
            queue(1_000_000).millisPerJob(350).build(), FRESH, 4, ScalingReason.PAUSED),
        of("paused holds zero even with waiting jobs", FROM_ZERO.withPaused(true), 0, queue(10).build(),
            FRESH, 0, ScalingReason.PAUSED),
        of("first failed measurement holds", POOL.withFallback(3, 3), 6, down, FRESH, 6,
            ScalingReason.MEASUREMENT_FAILED),
        of("second failed measurement holds", POOL.withFallback(3, 3), 6, down, failures(1), 6,
            ScalingReason.MEASUREMENT_FAILED),
        of("third failed measurement falls back", POOL.withFallback(3, 3), 6, down, failures(2), 3,
            ScalingReason.FALLBACK),
        of("fallback is clamped to max", POOL.withFallback(80, 1), 6, down, FRESH, 50,
            ScalingReason.FALLBACK),
        of("fallback is clamped to min", ScalingSettings.defaults(4, 50).withFallback(0, 1), 6, down, FRESH,
            4, ScalingReason.FALLBACK),
        of("no fallback configured: holds after the failures", POOL, 6, down, failures(5), 6,
            ScalingReason.FALLBACK),
        of("a failure is not an empty queue: no scale to zero", FROM_ZERO, 2, down,
            idleSince(Duration.ofHours(1)), 2, ScalingReason.MEASUREMENT_FAILED),
        of("first good measurement after fallback sizes normally", POOL.withFallback(3, 3), 3, loaded,
            failures(7), 5, ScalingReason.SCALE_UP));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decides(Case c) {
    ScalingDecision decision = new ScalingPolicy().decide(c.settings(), c.current(), c.measurement(),
        c.previous(), NOW);

    assertThat(decision.desiredReplicas()).as(decision.message()).isEqualTo(c.expectedReplicas());
    assertThat(decision.reason()).as(decision.message()).isEqualTo(c.expectedReason());
    assertThat(decision.message()).isNotBlank();
  }

  @Test
  void explainsTheDecisionInOneSentence() {
    QueueObservation observation = queue(1204).oldestSeconds(41).arrivals(160).millisPerJob(350).build();

    ScalingDecision decision = new ScalingPolicy().decide(POOL, 6, observation, FRESH, NOW);

    assertThat(decision.message()).isEqualTo("queue 1204, oldest 41s, 350ms per job: 6 -> 9 replicas");
  }

  @Test
  void countsFailuresAndResetsThemOnAGoodMeasurement() {
    ScalingPolicy policy = new ScalingPolicy();
    ScalingDecision failed = policy.decide(POOL, 2, new FailedMeasurement("timeout"), failures(1), NOW);
    ScalingDecision recovered = policy.decide(POOL, 2, queue(0).build(), failed.nextState(), NOW);

    assertThat(failed.nextState().consecutiveFailures()).isEqualTo(2);
    assertThat(recovered.nextState().consecutiveFailures()).isZero();
  }

  @Test
  void aFailureForgetsIdlenessSoZeroNeedsAFullIdlePeriodAgain() {
    ScalingDecision failed = new ScalingPolicy().decide(FROM_ZERO, 1, new FailedMeasurement("timeout"),
        idleSince(Duration.ofHours(1)), NOW);
    ScalingDecision next = new ScalingPolicy().decide(FROM_ZERO, 1, queue(0).build(), failed.nextState(),
        NOW.plusSeconds(5));

    assertThat(failed.nextState().idleSince()).isEmpty();
    assertThat(next.desiredReplicas()).isEqualTo(1);
    assertThat(next.nextState().idleSince()).contains(NOW.plusSeconds(5));
  }

  @Test
  void tableHasAtLeastTwentyFiveCases() {
    List<Case> all = cases().toList();
    assertThat(all).hasSizeGreaterThanOrEqualTo(25);
    assertThat(all).extracting(Case::name).doesNotHaveDuplicates();
  }
}
