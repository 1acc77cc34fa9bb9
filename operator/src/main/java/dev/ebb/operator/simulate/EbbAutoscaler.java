package dev.ebb.operator.simulate;

import dev.ebb.operator.scaling.PodStart;
import dev.ebb.operator.scaling.QueueObservation;
import dev.ebb.operator.scaling.ScalingDecision;
import dev.ebb.operator.scaling.ScalingPolicy;
import dev.ebb.operator.scaling.ScalingSettings;
import dev.ebb.operator.scaling.ScalingState;
import dev.ebb.operator.scaling.StartupTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Ebb's real {@link ScalingPolicy}, polled every {@code pollingInterval} of the pool, fed what the operator
 * measures: depth and oldest job age, the arrival and completion rates since the previous poll (counter deltas), the
 * mean processing time of the jobs finished in the last minute (as heartbeats report it; unknown until a job
 * finished), busy workers and running jobs; and the start-up time learned from its simulated pods (creation to
 * ready, the median of the last starts, as the operator learns it from real pods: {@link StartupTimes}).
 */
final class EbbAutoscaler implements Autoscaler {

  static final int PROCESSING_WINDOW_SECONDS = 60;
  private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private final ScalingPolicy policy = new ScalingPolicy();
  private final ScalingSettings settings;
  private final long pollEvery;
  private final long phase;
  private final boolean startupAware;
  private ScalingState state = ScalingState.initial();
  private StartupTimes startups = StartupTimes.none();
  private Optional<Duration> processingTime = Optional.empty();
  private long[] arrived = new long[4096];
  private long[] completed = new long[4096];
  private double[] processed = new double[4096];
  private ScalingDecision lastDecision;

  EbbAutoscaler(ScalingSettings settings) {
    this(settings, 0);
  }

  /** Polls at the seconds t with t mod pollingInterval == phase (the phase is taken modulo the interval). */
  EbbAutoscaler(ScalingSettings settings, long phase) {
    this(settings, phase, true);
  }

  /** {@code startupAware}: whether the policy is given the start-up time it learns (off: the policy without it). */
  EbbAutoscaler(ScalingSettings settings, long phase, boolean startupAware) {
    this.startupAware = startupAware;
    this.settings = settings;
    this.pollEvery = Math.max(1, settings.pollingInterval().toSeconds());
    this.phase = Math.floorMod(phase, pollEvery);
  }

  @Override
  public String name() {
    return "ebb";
  }

  @Override
  public int onSecond(long second, PoolView pool) {
    remember((int) second, pool);
    if (second % pollEvery != phase) {
      return pool.replicas();
    }
    startups = startups.learn(pool.startedPods().stream().map(EbbAutoscaler::podStart).toList());
    lastDecision = policy.decide(settings, pool.replicas(), measure((int) second, pool), state,
        EPOCH.plusSeconds(second), startupAware ? startups.typical() : Optional.empty());
    state = lastDecision.nextState();
    return lastDecision.desiredReplicas();
  }

  /** True at the seconds this autoscaler polls (and so decides). */
  boolean pollsAt(long second) {
    return second % pollEvery == phase;
  }

  ScalingDecision lastDecision() {
    return lastDecision;
  }

  private QueueObservation measure(int second, PoolView pool) {
    int rateWindow = (int) Math.min(pollEvery, second);
    OptionalDouble arrivalRate = rateWindow == 0 ? OptionalDouble.empty()
        : OptionalDouble.of((arrived[second] - arrived[second - rateWindow]) / (double) rateWindow);
    OptionalDouble completionRate = rateWindow == 0 ? OptionalDouble.empty()
        : OptionalDouble.of((completed[second] - completed[second - rateWindow]) / (double) rateWindow);
    int processingWindow = Math.min(PROCESSING_WINDOW_SECONDS, second);
    long finished = completed[second] - completed[second - processingWindow];
    if (finished > 0) {
      double mean = (processed[second] - processed[second - processingWindow]) / finished;
      processingTime = Optional.of(Duration.ofNanos(Math.round(mean * 1e9)));
    }
    OptionalInt heartbeatConcurrency = pool.readyWorkers() > 0 ? OptionalInt.of(pool.concurrency())
        : OptionalInt.empty();
    return new QueueObservation(pool.depth(), Duration.ofMillis(Math.round(pool.oldestWait() * 1000)),
        arrivalRate, completionRate, pool.busyWorkers(), pool.runningJobs(), heartbeatConcurrency, processingTime);
  }

  /** The start-up time learned so far from the simulated pods, as the operator learns it from real ones. */
  Optional<Duration> startupTime() {
    return startups.typical();
  }

  private static PodStart podStart(PoolView.StartedPod pod) {
    return new PodStart("pod-" + pod.id(), instant(pod.createdAt()), instant(pod.readyAt()));
  }

  private static Instant instant(double second) {
    return EPOCH.plusNanos(Math.round(second * 1e9));
  }

  private void remember(int second, PoolView pool) {
    if (second >= arrived.length) {
      int length = Math.max(arrived.length * 2, second + 1);
      arrived = Arrays.copyOf(arrived, length);
      completed = Arrays.copyOf(completed, length);
      processed = Arrays.copyOf(processed, length);
    }
    arrived[second] = pool.arrived();
    completed[second] = pool.completed();
    processed[second] = pool.processedSeconds();
  }
}
