package dev.ebb.operator.autoscale;

import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.WorkerHeartbeat;
import dev.ebb.operator.scaling.QueueObservation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Derives what the policy reads from two successive raw readings: rates from the counters' growth, and the busy
 * count, concurrency and processing time of the live workers (running jobs and processing time as the backend counts
 * them win over the heartbeats' when the format gives both) (those whose heartbeat is neither expired nor older than
 * {@code staleAfter}). Which pods are stale is the {@code StaleWorkerDetector}'s call: it knows the pods. Pure.
 */
public final class QueueSignals {

  private QueueSignals() {
  }

  public static QueueObservation observe(Optional<QueueReading> previous, QueueReading current, Duration staleAfter) {
    List<WorkerHeartbeat> live = current.workers().stream().filter(w -> !isStale(w, current, staleAfter)).toList();
    int running = current.runningJobs().orElse(live.stream().mapToInt(WorkerHeartbeat::busy).sum());
    int busy = (int) live.stream().filter(w -> w.busy() > 0).count();
    OptionalInt concurrency = median(live.stream().mapToInt(WorkerHeartbeat::concurrency).filter(c -> c > 0)
        .sorted().toArray());
    OptionalDouble meanMillis = live.stream().map(WorkerHeartbeat::meanProcessingMillis)
        .filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).average();
    return new QueueObservation(
        current.depth(),
        current.oldestJobAge().orElse(Duration.ZERO),
        rate(previous, current, QueueReading::enqueuedTotal),
        rate(previous, current, QueueReading::completedTotal),
        busy,
        running,
        concurrency,
        current.processingTime().or(() -> meanMillis.isPresent()
            ? Optional.of(Duration.ofNanos(Math.round(meanMillis.getAsDouble() * 1_000_000)))
            : Optional.empty()));
  }

  static boolean isStale(WorkerHeartbeat worker, QueueReading reading, Duration staleAfter) {
    return worker.expired() || worker.lastBeat().plus(staleAfter).isBefore(reading.readAt());
  }

  private static OptionalDouble rate(Optional<QueueReading> previous, QueueReading current,
      java.util.function.Function<QueueReading, OptionalLong> counter) {
    if (previous.isEmpty()) {
      return OptionalDouble.empty();
    }
    OptionalLong before = counter.apply(previous.get());
    OptionalLong now = counter.apply(current);
    double seconds = Duration.between(previous.get().readAt(), current.readAt()).toNanos() / 1e9;
    if (before.isEmpty() || now.isEmpty() || seconds <= 0 || now.getAsLong() < before.getAsLong()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of((now.getAsLong() - before.getAsLong()) / seconds);
  }

  private static OptionalInt median(int[] sorted) {
    return sorted.length == 0 ? OptionalInt.empty() : OptionalInt.of(sorted[sorted.length / 2]);
  }
}
