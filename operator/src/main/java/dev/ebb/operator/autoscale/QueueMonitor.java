package dev.ebb.operator.autoscale;

import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaler.ScalerRegistry;
import dev.ebb.operator.scaling.FailedMeasurement;
import dev.ebb.operator.scaling.QueueObservation;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every tracked pool's queue at the pool's own interval, off the reconcile threads: one scheduler thread
 * starts polls, a bounded pool of measurer threads runs them, a pool whose last poll is still running skips a turn,
 * every poll has a deadline, and one namespace holds at most its share of the measurer threads
 * ({@link NamespaceShares}), so one slow, dead or hostile Redis delays no other tenant's pools. After each poll it asks
 * for a reconcile of that pool.
 */
public final class QueueMonitor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QueueMonitor.class);

  private final ScalerRegistry scalers;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService measurers;
  private final Clock clock;
  private final PoolMetrics metrics;
  private final NamespaceShares shares;
  private final Map<ResourceID, Watch> watches = new ConcurrentHashMap<>();
  private volatile Consumer<ResourceID> onPolled = id -> { };
  private volatile Predicate<ResourceID> stillExists = id -> true;

  public QueueMonitor(ScalerRegistry scalers, ScheduledExecutorService scheduler, ExecutorService measurers,
      int measureThreads, Clock clock, PoolMetrics metrics) {
    this.shares = new NamespaceShares(measureThreads, measurers);
    this.scalers = scalers;
    this.scheduler = scheduler;
    this.measurers = measurers;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Where to report each poll, and how to tell a pool was deleted; set once the controller's sources exist. */
  public void connect(Consumer<ResourceID> onPolled, Predicate<ResourceID> stillExists) {
    this.onPolled = onPolled;
    this.stillExists = stillExists;
  }

  /** Starts or updates polling for a pool; cheap when nothing changed. Never blocks on Redis. */
  public void track(ResourceID pool, MonitorTarget target) {
    watches.compute(pool, (id, watch) -> {
      if (watch == null) {
        return start(id, target);
      }
      if (watch.target.needsNewScaler(target)) {
        watch.stop();
        return start(id, target);
      }
      if (!watch.target.interval().equals(target.interval())) {
        watch.future.cancel(false);
        watch.target = target;
        watch.future = schedule(id, watch, target.interval());
      } else {
        watch.target = target;
      }
      return watch;
    });
  }

  public void untrack(ResourceID pool) {
    Watch watch = watches.remove(pool);
    if (watch != null) {
      watch.stop();
      metrics.forget(pool);
    }
  }

  public Optional<PoolSnapshot> latest(ResourceID pool) {
    Watch watch = watches.get(pool);
    return watch == null ? Optional.empty() : Optional.ofNullable(watch.latest);
  }

  @Override
  public void close() {
    watches.keySet().forEach(this::untrack);
  }

  private Watch start(ResourceID id, MonitorTarget target) {
    Watch watch = new Watch(target, scalers.create(target.queue(), target.credentials()));
    watch.future = schedule(id, watch, target.interval());
    return watch;
  }

  private ScheduledFuture<?> schedule(ResourceID id, Watch watch, Duration interval) {
    long millis = Math.max(100, interval.toMillis());
    return scheduler.scheduleAtFixedRate(() -> startPoll(id, watch), 0, millis, TimeUnit.MILLISECONDS);
  }

  private void startPoll(ResourceID id, Watch watch) {
    if (!stillExists.test(id)) {
      untrack(id);
      return;
    }
    if (!watch.polling.compareAndSet(false, true)) {
      return;
    }
    try {
      shares.run(id.getNamespace().orElse(""), () -> {
        try {
          poll(id, watch);
        } finally {
          watch.polling.set(false);
        }
      });
    } catch (RejectedExecutionException shuttingDown) {
      watch.polling.set(false);
    }
  }

  private void poll(ResourceID id, Watch watch) {
    Instant start = clock.instant();
    long began = System.nanoTime();
    PoolSnapshot snapshot;
    try {
      QueueReading reading = watch.scaler.measure();
      QueueObservation observed = QueueSignals.observe(Optional.ofNullable(watch.lastReading),
          watch.rates.start(reading.readAt()), reading, watch.target.staleAfter());
      watch.rates.record(reading, observed);
      snapshot = new PoolSnapshot(watch.nextSequence(), observed, reading.workers(), Optional.of(reading.heartbeats()),
          reading.readAt(), Duration.ofNanos(System.nanoTime() - began), Optional.empty(), reading.usefulReplicas());
      watch.lastReading = reading;
      if (watch.failing != null) {
        LOG.info("{}/{}: queue measured again after: {}", id.getNamespace().orElse(""), id.getName(), watch.failing);
        watch.failing = null;
      }
    } catch (ScalerException e) {
      // one warning per outage (and per change of cause), not one per poll
      if (!e.getMessage().equals(watch.failing)) {
        LOG.warn("{}/{}: queue not measured: {}", id.getNamespace().orElse(""), id.getName(), e.getMessage());
      }
      watch.failing = e.getMessage();
      snapshot = new PoolSnapshot(watch.nextSequence(), new FailedMeasurement(e.publicMessage()), List.of(),
          Optional.empty(), start, Duration.ofNanos(System.nanoTime() - began), Optional.of(e.kind()),
          watch.lastReading == null ? OptionalInt.empty() : watch.lastReading.usefulReplicas());
      metrics.measurementFailed(id, e.kind());
    } catch (RuntimeException e) {
      LOG.error("{}/{}: queue poll failed unexpectedly", id.getNamespace().orElse(""), id.getName(), e);
      snapshot = new PoolSnapshot(watch.nextSequence(), new FailedMeasurement("the queue could not be read"
          + " (ProtocolError); see the operator log"), List.of(), Optional.empty(),
          start, Duration.ofNanos(System.nanoTime() - began), Optional.of(ScalerException.Kind.PROTOCOL));
      metrics.measurementFailed(id, ScalerException.Kind.PROTOCOL);
    }
    metrics.measured(id, snapshot);
    if (watches.get(id) == watch) {
      watch.latest = snapshot;
      onPolled.accept(id);
    }
  }

  private static final class Watch {
    private volatile MonitorTarget target;
    private final QueueScaler scaler;
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile ScheduledFuture<?> future;
    private volatile QueueReading lastReading;
    private final RateWindow rates = new RateWindow();
    private volatile PoolSnapshot latest;
    private volatile String failing;
    private long sequence;

    private Watch(MonitorTarget target, QueueScaler scaler) {
      this.target = target;
      this.scaler = scaler;
    }

    private synchronized long nextSequence() {
      return ++sequence;
    }

    private void stop() {
      if (future != null) {
        future.cancel(false);
      }
      scaler.close();
    }
  }
}
