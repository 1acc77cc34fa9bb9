package dev.ebb.operator.autoscale;

import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.WorkerHeartbeat;
import dev.ebb.operator.scaling.ProcessingTimeSource;
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
 *
 * <p>The processing time is, first found: the backend's own record, the live heartbeats' mean, or, when neither
 * exists but jobs are running and completing, Little's law's estimate: running jobs / completion rate (the mean time
 * a job spends running when, on average, {@code running} run at once and {@code rate} finish a second). The
 * observation says which one it is.
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
    OptionalDouble completionRate = rate(previous, current, QueueReading::completedTotal);
    Optional<Duration> processingTime;
    ProcessingTimeSource source;
    if (current.processingTime().isPresent()) {
      processingTime = current.processingTime();
      source = ProcessingTimeSource.BACKEND;
    } else if (meanMillis.isPresent()) {
      processingTime = Optional.of(Duration.ofNanos(Math.round(meanMillis.getAsDouble() * 1_000_000)));
      source = ProcessingTimeSource.HEARTBEATS;
    } else if (running > 0 && completionRate.isPresent() && completionRate.getAsDouble() > 0) {
      processingTime = Optional.of(Duration.ofNanos(Math.round(running / completionRate.getAsDouble() * 1e9)));
      source = ProcessingTimeSource.ESTIMATED;
    } else {
      processingTime = Optional.empty();
      source = ProcessingTimeSource.NONE;
    }
    return new QueueObservation(
        current.depth(),
        current.oldestJobAge().orElse(Duration.ZERO),
        rate(previous, current, QueueReading::enqueuedTotal),
        completionRate,
        busy,
        running,
        concurrency,
        processingTime,
        source);
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
