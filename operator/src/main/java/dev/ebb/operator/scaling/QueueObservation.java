package dev.ebb.operator.scaling;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A good reading of the queue and its workers.
 *
 * @param depth           B: jobs waiting to start
 * @param oldestJobAge    how long the oldest waiting job has waited (zero when none waits)
 * @param arrivalRate     lambda in jobs/s; empty on the first reading (a rate needs two counter samples)
 * @param completionRate  jobs finished per second; empty on the first reading
 * @param busyWorkers     workers running at least one job
 * @param runningJobs     jobs running right now, over all workers
 * @param concurrency     c: jobs per worker as the heartbeats report it; empty falls back to the pool setting
 * @param processingTime  p: mean processing time; empty until workers have reported it
 * @param processingTimeSource where {@code processingTime} came from; {@link ProcessingTimeSource#NONE} when empty
 */
public record QueueObservation(
    long depth,
    Duration oldestJobAge,
    OptionalDouble arrivalRate,
    OptionalDouble completionRate,
    int busyWorkers,
    int runningJobs,
    OptionalInt concurrency,
    Optional<Duration> processingTime,
    ProcessingTimeSource processingTimeSource) implements Measurement {

  /** An observation whose processing time, when known, is the workers' own report (heartbeats, a simulation). */
  public QueueObservation(long depth, Duration oldestJobAge, OptionalDouble arrivalRate, OptionalDouble completionRate,
      int busyWorkers, int runningJobs, OptionalInt concurrency, Optional<Duration> processingTime) {
    this(depth, oldestJobAge, arrivalRate, completionRate, busyWorkers, runningJobs, concurrency, processingTime,
        processingTime.isPresent() ? ProcessingTimeSource.HEARTBEATS : ProcessingTimeSource.NONE);
  }

  public QueueObservation {
    Objects.requireNonNull(oldestJobAge, "oldestJobAge");
    Objects.requireNonNull(arrivalRate, "arrivalRate");
    Objects.requireNonNull(completionRate, "completionRate");
    Objects.requireNonNull(concurrency, "concurrency");
    Objects.requireNonNull(processingTime, "processingTime");
    Objects.requireNonNull(processingTimeSource, "processingTimeSource");
    if (processingTime.isPresent() == (processingTimeSource == ProcessingTimeSource.NONE)) {
      throw new IllegalArgumentException("processingTimeSource must be NONE exactly when processingTime is empty");
    }
    if (depth < 0 || busyWorkers < 0 || runningJobs < 0 || oldestJobAge.isNegative()) {
      throw new IllegalArgumentException("counts and ages must not be negative");
    }
    if (arrivalRate.orElse(0) < 0 || completionRate.orElse(0) < 0) {
      throw new IllegalArgumentException("rates must not be negative");
    }
    if (concurrency.isPresent() && concurrency.getAsInt() < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1");
    }
    if (processingTime.isPresent() && processingTime.get().isNegative()) {
      throw new IllegalArgumentException("processingTime must not be negative");
    }
  }

  /** No job waiting and none running. */
  public boolean idle() {
    return depth == 0 && runningJobs == 0;
  }
}
