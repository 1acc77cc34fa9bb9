package dev.ebb.operator.scaling;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Start-up-aware sizing: the backlog a scale-up must drain is the one that will be waiting when the new pods are
 * ready, not the one waiting now. With start-up time S, arrival rate lambda and the drain of the replicas already
 * asked for (current x c / p, pods still starting included), the queue at t+S is
 * {@code max(B, B + (lambda - current x c / p) x S)}: larger than now only while the pool falls behind.
 *
 * <p>Noise stays harmless: lambda is the confirmed rate (a one-poll rise is not projected), a pool with headroom
 * projects nothing (lambda below its drain), the shortfall projected is at most what the queue shows (a pool that
 * falls behind by {@code x} jobs/s has at least {@code x} x pollingInterval waiting; a noisy rate over a short
 * queue is not a shortfall), and the projected need is used only when it scales up; every other
 * decision is exactly the one without a start-up time. The pods already asked for count as draining from now, so the
 * projection never asks twice for the same shortfall while they start.
 */
final class StartupProjection {

  private StartupProjection() {
  }

  /** The jobs expected to wait after {@code startup}; {@code depth} itself when nothing is known to project with. */
  static double projectedDepth(long depth, OptionalDouble arrivalRate, int currentReplicas, int concurrency,
      Optional<Duration> processingTime, Duration pollingInterval, Optional<Duration> startup) {
    if (startup.isEmpty() || processingTime.isEmpty() || arrivalRate.isEmpty()) {
      return depth;
    }
    double p = ReplicaEstimate.seconds(processingTime.get());
    if (p <= 0) {
      return depth;
    }
    double drain = currentReplicas * concurrency / p;
    // a shortfall the queue does not show is noise in the rate: one poll of it would have left that many waiting
    double shortfall = Math.min(arrivalRate.getAsDouble() - drain,
        depth / ReplicaEstimate.seconds(pollingInterval));
    return depth + Math.max(0, shortfall * ReplicaEstimate.seconds(startup.get()));
  }
}
