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
 *
 * <p>A format that counts completions but not enqueues (Sidekiq, RQ) gets an arrival rate derived by conservation of
 * jobs: completed + growth of the waiting + growth of the running, per second. The estimate and the derived rate are
 * taken over the last minute ({@link RateWindow}) when the caller keeps one, so a counter that moves in steps does
 * not make them jump.
 */
public final class QueueSignals {

  private QueueSignals() {
  }

  public static QueueObservation observe(Optional<QueueReading> previous, QueueReading current, Duration staleAfter) {
    return observe(previous, Optional.empty(), current, staleAfter);
  }

  /**
   * As {@link #observe(Optional, QueueReading, Duration)}, with the Little's-law estimate and the derived arrival
   * rate taken over the window from {@code windowStart} (the last minute) instead of the last polling interval.
   */
  static QueueObservation observe(Optional<QueueReading> previous, Optional<RateWindow.Sample> windowStart,
      QueueReading current, Duration staleAfter) {
    List<WorkerHeartbeat> live = current.workers().stream().filter(w -> !isStale(w, current, staleAfter)).toList();
    int running = current.runningJobs().orElse(live.stream().mapToInt(WorkerHeartbeat::busy).sum());
    int busy = (int) live.stream().filter(w -> w.busy() > 0).count();
    OptionalInt concurrency = median(live.stream().mapToInt(WorkerHeartbeat::concurrency).filter(c -> c > 0)
        .sorted().toArray());
    OptionalDouble meanMillis = live.stream().map(WorkerHeartbeat::meanProcessingMillis)
        .filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).average();
    OptionalDouble completionRate = rate(previous, current, QueueReading::completedTotal);
    Optional<RateWindow.Sample> start = windowStart.or(() -> previous.flatMap(p -> sample(p, live(p, staleAfter))));
    OptionalDouble windowCompletionRate = start.isEmpty() ? OptionalDouble.empty()
        : windowRate(start.get(), current, (from, to) -> to.completed() - from.completed(), running);
    Optional<Duration> processingTime;
    ProcessingTimeSource source;
    if (current.processingTime().isPresent()) {
      processingTime = current.processingTime();
      source = ProcessingTimeSource.BACKEND;
    } else if (meanMillis.isPresent()) {
      processingTime = Optional.of(Duration.ofNanos(Math.round(meanMillis.getAsDouble() * 1_000_000)));
      source = ProcessingTimeSource.HEARTBEATS;
    } else if (running > 0 && windowCompletionRate.isPresent() && windowCompletionRate.getAsDouble() > 0) {
      processingTime = Optional.of(Duration.ofNanos(Math.round(running / windowCompletionRate.getAsDouble() * 1e9)));
      source = ProcessingTimeSource.ESTIMATED;
    } else {
      processingTime = Optional.empty();
      source = ProcessingTimeSource.NONE;
    }
    OptionalDouble arrivalRate = current.enqueuedTotal().isPresent()
        ? rate(previous, current, QueueReading::enqueuedTotal)
        : start.isEmpty() ? OptionalDouble.empty()
        : windowRate(start.get(), current, (from, to) -> Math.max(0,
            to.completed() - from.completed() + to.depth() - from.depth() + to.running() - from.running()), running);
    return new QueueObservation(
        current.depth(),
        current.oldestJobAge().orElse(Duration.ZERO),
        arrivalRate,
        completionRate,
        busy,
        running,
        concurrency,
        processingTime,
        source);
  }

  /**
   * A rate over the window from {@code start} to {@code current}: {@code growth} of the two samples per second; empty
   * when the current reading has no completion counter, the window has no length, or the counter went back (a reset).
   */
  private static OptionalDouble windowRate(RateWindow.Sample start, QueueReading current,
      java.util.function.ToLongBiFunction<RateWindow.Sample, RateWindow.Sample> growth, int running) {
    Optional<RateWindow.Sample> now = sample(current, running);
    double seconds = now.isEmpty() ? 0 : Duration.between(start.at(), now.get().at()).toNanos() / 1e9;
    if (now.isEmpty() || seconds <= 0 || now.get().completed() < start.completed()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(growth.applyAsLong(start, now.get()) / seconds);
  }

  private static Optional<RateWindow.Sample> sample(QueueReading reading, int running) {
    return reading.completedTotal().isEmpty() ? Optional.empty() : Optional.of(new RateWindow.Sample(
        reading.readAt(), reading.completedTotal().getAsLong(), reading.depth(), running));
  }

  /** Jobs running at a reading, as {@link #observe} counts them. */
  private static int live(QueueReading reading, Duration staleAfter) {
    return reading.runningJobs().orElse(reading.workers().stream().filter(w -> !isStale(w, reading, staleAfter))
        .mapToInt(WorkerHeartbeat::busy).sum());
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
