package dev.ebb.operator.scaler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What one read of a queue saw, raw: rates and staleness are derived later from successive readings.
 *
 * @param depth jobs waiting
 * @param oldestJobAge how long the oldest waiting job has waited; empty when none waits or its age is unknown
 * @param enqueuedTotal monotonic count of jobs ever enqueued, when the format keeps one
 * @param completedTotal monotonic count of jobs ever completed, when the format keeps one
 * @param workers the workers' heartbeats, when the format has them
 * @param runningJobs jobs running as the backend itself counts them, for formats whose heartbeats do not give each
 *     worker's busy count (a Sidekiq process's {@code busy}, BullMQ's active list); empty: summed from the heartbeats
 * @param processingTime mean processing time as the backend records it (RQ's working time over its job count, BullMQ's
 *     finishedOn - processedOn of recent completions); empty: from the heartbeats, or estimated by Little's law
 * @param heartbeats whether the format keeps worker heartbeats at all: without them stale restarts are off
 * @param readAt when the read was taken
 * @param usefulReplicas the most replicas that can work at once: a Kafka topic's partition count (a partition is read
 *     by one consumer of the group); empty: no limit
 */
public record QueueReading(
    long depth,
    Optional<Duration> oldestJobAge,
    OptionalLong enqueuedTotal,
    OptionalLong completedTotal,
    List<WorkerHeartbeat> workers,
    OptionalInt runningJobs,
    Optional<Duration> processingTime,
    Heartbeats heartbeats,
    Instant readAt,
    OptionalInt usefulReplicas) {

  /** A reading of a queue that puts no limit on the replicas that can work at once. */
  public QueueReading(long depth, Optional<Duration> oldestJobAge, OptionalLong enqueuedTotal,
      OptionalLong completedTotal, List<WorkerHeartbeat> workers, OptionalInt runningJobs,
      Optional<Duration> processingTime, Heartbeats heartbeats, Instant readAt) {
    this(depth, oldestJobAge, enqueuedTotal, completedTotal, workers, runningJobs, processingTime, heartbeats, readAt,
        OptionalInt.empty());
  }

  /** Whether a format keeps per-worker heartbeats Ebb can map to pods. */
  public enum Heartbeats {
    /** {@link #workers()} is every worker the format knows: an absent pod has no live worker. */
    KEPT,
    /** The format has no heartbeats (a bare list, Celery over Redis, plain {@code queue:work}). */
    NOT_KEPT
  }

  /** A reading of a format that keeps heartbeats and counters, Ebb's own. */
  public QueueReading(long depth, Optional<Duration> oldestJobAge, OptionalLong enqueuedTotal,
      OptionalLong completedTotal, List<WorkerHeartbeat> workers, Instant readAt) {
    this(depth, oldestJobAge, enqueuedTotal, completedTotal, workers, OptionalInt.empty(), Optional.empty(),
        Heartbeats.KEPT, readAt);
  }

  public static QueueReading depthOnly(long depth, Optional<Duration> oldestJobAge, Instant readAt) {
    return new QueueReading(depth, oldestJobAge, OptionalLong.empty(), OptionalLong.empty(), List.of(),
        OptionalInt.empty(), Optional.empty(), Heartbeats.NOT_KEPT, readAt);
  }
}
