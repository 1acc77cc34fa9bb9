package dev.ebb.operator.scaler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one read of a queue saw, raw: rates and staleness are derived later from successive readings.
 *
 * @param depth jobs waiting
 * @param oldestJobAge how long the oldest waiting job has waited; empty when none waits or its age is unknown
 * @param enqueuedTotal monotonic count of jobs ever enqueued, when the format keeps one
 * @param completedTotal monotonic count of jobs ever completed, when the format keeps one
 * @param workers the workers' heartbeats, when the format has them
 * @param readAt when the read was taken
 */
public record QueueReading(
    long depth,
    Optional<Duration> oldestJobAge,
    OptionalLong enqueuedTotal,
    OptionalLong completedTotal,
    List<WorkerHeartbeat> workers,
    Instant readAt) {

  public static QueueReading depthOnly(long depth, Optional<Duration> oldestJobAge, Instant readAt) {
    return new QueueReading(depth, oldestJobAge, OptionalLong.empty(), OptionalLong.empty(), List.of(), readAt);
  }
}
