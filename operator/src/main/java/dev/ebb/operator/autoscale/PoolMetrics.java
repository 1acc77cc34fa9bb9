package dev.ebb.operator.autoscale;

import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaling.QueueObservation;
import dev.ebb.operator.scaling.ScalingReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Ebb's per-pool metrics (docs/metrics.md), tagged {@code namespace} and {@code pool}; removed when a pool goes.
 * Gauges read the last values set here, so a scrape never touches Redis or the API server.
 */
public final class PoolMetrics {

  private final MeterRegistry registry;
  private final Map<ResourceID, PoolGauges> pools = new ConcurrentHashMap<>();

  public PoolMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void measured(ResourceID pool, PoolSnapshot snapshot) {
    PoolGauges gauges = gauges(pool);
    Timer.builder("ebb.pool.measurement.duration").description("Time to read a pool's queue and heartbeats")
        .tags(tags(pool)).publishPercentileHistogram().register(registry).record(snapshot.took());
    snapshot.observation().ifPresent(gauges::observed);
  }

  void measurementFailed(ResourceID pool, ScalerException.Kind kind) {
    gauges(pool);
    failures(pool, kind).increment();
  }

  private Counter failures(ResourceID pool, ScalerException.Kind kind) {
    return Counter.builder("ebb.pool.measurement.failures").description("Failed reads of a pool's queue")
        .tags(tags(pool).and("kind", kind.name().toLowerCase(Locale.ROOT))).register(registry);
  }

  private Counter decisions(ResourceID pool, ScalingReason reason) {
    return Counter.builder("ebb.pool.scaling.decisions").description("Scaling decisions by reason")
        .tags(tags(pool).and("reason", snake(reason))).register(registry);
  }

  /** Records a decision of the policy, the replicas it leads to, and the spec's bounds it was taken within. */
  public void decided(ResourceID pool, ScalingReason reason, int desired, int current, int maxReplicas,
      boolean fallback, double maxQueueLatencySeconds) {
    PoolGauges gauges = gauges(pool);
    gauges.desired = desired;
    gauges.maxReplicas = maxReplicas;
    gauges.current = current;
    gauges.fallback = fallback ? 1 : 0;
    gauges.maxQueueLatency = maxQueueLatencySeconds;
    decisions(pool, reason).increment();
  }

  /** The pods' start-up time the policy sizes with (creation to Ready); no sample until learned. */
  public void startupTime(ResourceID pool, Optional<Duration> startup) {
    gauges(pool).startup = startup.map(s -> s.toNanos() / 1e9).orElse(Double.NaN);
  }

  /** How many of the pool's pods the stale-worker detector judged stale on the last poll it could read. */
  public void staleWorkers(ResourceID pool, int count) {
    gauges(pool).stale = count;
  }

  /** A stale worker's pod was deleted. */
  public void staleWorkerRestarted(ResourceID pool) {
    gauges(pool);
    Counter.builder("ebb.pool.stale.worker.restarts").description("Stale workers restarted")
        .tags(tags(pool)).register(registry).increment();
  }

  /** Stale workers were left alone because too many looked stale at once. */
  public void staleRestartsWithheld(ResourceID pool) {
    gauges(pool);
    Counter.builder("ebb.pool.stale.restarts.withheld")
        .description("Restarts not done because too many workers looked stale at once")
        .tags(tags(pool)).register(registry).increment();
  }

  /** A scale-down went ahead without pod-deletion-cost, because the annotation could not be written. */
  public void deletionCostNotSet(ResourceID pool) {
    gauges(pool);
    deletionCostNotSetCounter(pool).increment();
  }

  private Counter deletionCostNotSetCounter(ResourceID pool) {
    return Counter.builder("ebb.pool.deletion.cost.not.set")
        .description("Scale-downs done without pod-deletion-cost because it could not be written")
        .tags(tags(pool)).register(registry);
  }

  void forget(ResourceID pool) {
    PoolGauges gauges = pools.remove(pool);
    if (gauges != null) {
      Tags tags = tags(pool);
      List<Meter> mine = new ArrayList<>();
      registry.forEachMeter(meter -> {
        if (meter.getId().getName().startsWith("ebb.pool.") && meter.getId().getTags().containsAll(tags.stream().toList())) {
          mine.add(meter);
        }
      });
      mine.forEach(registry::remove);
    }
  }

  private PoolGauges gauges(ResourceID pool) {
    return pools.computeIfAbsent(pool, id -> {
      PoolGauges gauges = new PoolGauges();
      Tags tags = tags(id);
      gauge("ebb.pool.queue.depth", "Jobs waiting", tags, gauges, g -> g.depth);
      gauge("ebb.pool.oldest.job.age.seconds", "Age of the oldest waiting job", tags, gauges, g -> g.oldestAge);
      gauge("ebb.pool.arrival.rate", "Jobs enqueued per second", tags, gauges, g -> g.arrivalRate);
      gauge("ebb.pool.completion.rate", "Jobs completed per second", tags, gauges, g -> g.completionRate);
      gauge("ebb.pool.processing.time.seconds", "Mean processing time of a job", tags, gauges, g -> g.processing);
      gauge("ebb.pool.startup.time.seconds", "Pod creation to Ready, median of the last starts", tags, gauges,
          g -> g.startup);
      gauge("ebb.pool.max.queue.latency.seconds", "The pool's latency goal", tags, gauges, g -> g.maxQueueLatency);
      gauge("ebb.pool.desired.replicas", "Workers the pool should run", tags, gauges, g -> g.desired);
      gauge("ebb.pool.current.replicas", "Workers the Deployment asks for", tags, gauges, g -> g.current);
      gauge("ebb.pool.busy.workers", "Workers running at least one job", tags, gauges, g -> g.busy);
      gauge("ebb.pool.stale.workers", "Workers with a stale heartbeat", tags, gauges, g -> g.stale);
      gauge("ebb.pool.fallback.active", "1 while the fallback replicas apply", tags, gauges, g -> g.fallback);
      gauge("ebb.pool.max.replicas", "The pool's spec.replicas.max", tags, gauges, g -> g.maxReplicas);
      // counters exist at 0 from the first sight of a pool, so that increase() sees their first increment
      for (ScalerException.Kind kind : ScalerException.Kind.values()) {
        failures(id, kind);
      }
      for (ScalingReason reason : ScalingReason.values()) {
        decisions(id, reason);
      }
      deletionCostNotSetCounter(id);
      return gauges;
    });
  }

  private void gauge(String name, String help, Tags tags, PoolGauges gauges, ToDoubleFunction<PoolGauges> value) {
    Gauge.builder(name, gauges, value).description(help).tags(tags).register(registry);
  }

  private static Tags tags(ResourceID pool) {
    return Tags.of("namespace", pool.getNamespace().orElse(""), "pool", pool.getName());
  }

  private static String snake(ScalingReason reason) {
    return reason.name().toLowerCase(Locale.ROOT);
  }

  /** The last values of one pool's gauges; NaN until known, which Prometheus shows as no sample. */
  private static final class PoolGauges {
    private volatile double depth = Double.NaN;
    private volatile double oldestAge = Double.NaN;
    private volatile double arrivalRate = Double.NaN;
    private volatile double completionRate = Double.NaN;
    private volatile double processing = Double.NaN;
    private volatile double startup = Double.NaN;
    private volatile double maxQueueLatency = Double.NaN;
    private volatile double desired = Double.NaN;
    private volatile double current = Double.NaN;
    private volatile double busy = Double.NaN;
    private volatile double stale = Double.NaN;
    private volatile double fallback;
    private volatile double maxReplicas = Double.NaN;

    private void observed(QueueObservation o) {
      depth = o.depth();
      oldestAge = o.oldestJobAge().toMillis() / 1000.0;
      arrivalRate = o.arrivalRate().orElse(Double.NaN);
      completionRate = o.completionRate().orElse(Double.NaN);
      processing = o.processingTime().map(p -> p.toNanos() / 1e9).orElse(Double.NaN);
      busy = o.busyWorkers();
    }
  }
}
