package dev.ebb.operator.autoscale;

import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaler.WorkerHeartbeat;
import dev.ebb.operator.scaling.Measurement;
import dev.ebb.operator.scaling.QueueObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One poll of a pool's queue, as the control loop uses it: the policy's {@link Measurement}, and what status and
 * metrics show besides.
 *
 * @param sequence increases with every poll of the pool, so each poll is fed to the policy once
 * @param measurement a {@link QueueObservation}, or a failed measurement with its cause
 * @param workers the heartbeats read, empty on failure
 * @param heartbeats whether the pool's format keeps heartbeats at all; empty when the poll failed
 * @param at when the poll was taken
 * @param took how long the read took
 * @param failedAs the kind of failure when the queue could not be read
 * @param usefulReplicas the most replicas that can work at once (a Kafka topic's partitions), as last read; empty: no
 *     limit
 */
public record PoolSnapshot(long sequence, Measurement measurement, List<WorkerHeartbeat> workers,
    Optional<QueueReading.Heartbeats> heartbeats, Instant at, Duration took, Optional<ScalerException.Kind> failedAs,
    OptionalInt usefulReplicas) {

  /** A poll of a queue that puts no limit on the replicas that can work at once. */
  public PoolSnapshot(long sequence, Measurement measurement, List<WorkerHeartbeat> workers,
      Optional<QueueReading.Heartbeats> heartbeats, Instant at, Duration took,
      Optional<ScalerException.Kind> failedAs) {
    this(sequence, measurement, workers, heartbeats, at, took, failedAs, OptionalInt.empty());
  }

  /** The queue server refused the password this poll: the Secret may have been rotated since it was read. */
  public boolean credentialsRefused() {
    return failedAs.filter(kind -> kind == ScalerException.Kind.AUTHENTICATION).isPresent();
  }

  public Optional<QueueObservation> observation() {
    return measurement instanceof QueueObservation observation ? Optional.of(observation) : Optional.empty();
  }
}
