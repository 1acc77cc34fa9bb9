package dev.ebb.worker.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The worker's Prometheus metrics: {@code ebb_jobs_total{queue,type,outcome}} (outcome = completed | retried | dead),
 * {@code ebb_job_duration_seconds{queue,type}} (with histogram buckets), {@code ebb_job_queue_wait_seconds{queue}}
 * (enqueue or due time to start), {@code ebb_jobs_reclaimed_while_running_total{queue}} and the gauge
 * {@code ebb_jobs_in_flight{queue}}.
 */
public final class WorkerMetrics {

  public static final String COMPLETED = "completed";
  public static final String RETRIED = "retried";
  public static final String DEAD = "dead";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final String queue;
  private final Timer queueWait;
  private final Counter reclaimedWhileRunning;
  private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();
  private final Map<String, Timer> durations = new ConcurrentHashMap<>();

  public WorkerMetrics(String queue) {
    this.queue = queue;
    this.queueWait = Timer.builder("ebb.job.queue.wait")
        .description("time from a job's enqueue (or due) time to its start")
        .tag("queue", queue)
        .publishPercentileHistogram()
        .maximumExpectedValue(Duration.ofHours(1))
        .register(registry);
    this.reclaimedWhileRunning = Counter.builder("ebb.jobs.reclaimed.while.running")
        .description("jobs that finished after a peer had reclaimed them from this worker (it hung past its heartbeat "
            + "TTL); not acknowledged, they run again")
        .tag("queue", queue)
        .register(registry);
  }

  public void reclaimedWhileRunning(int jobs) {
    reclaimedWhileRunning.increment(jobs);
  }

  public void inflightGauge(Supplier<Number> inflight) {
    Gauge.builder("ebb.jobs.in.flight", inflight).description("jobs running now").tag("queue", queue)
        .register(registry);
  }

  public void finished(String type, String outcome, long durationNanos) {
    outcomes.computeIfAbsent(type + '\0' + outcome, key -> Counter.builder("ebb.jobs")
        .description("attempts finished, by job type and outcome")
        .tags("queue", queue, "type", type, "outcome", outcome)
        .register(registry)).increment();
    if (durationNanos >= 0) {
      durations.computeIfAbsent(type, key -> Timer.builder("ebb.job.duration")
          .description("how long handlers ran")
          .tags("queue", queue, "type", type)
          .publishPercentileHistogram()
          .maximumExpectedValue(Duration.ofHours(1))
          .register(registry)).record(durationNanos, TimeUnit.NANOSECONDS);
    }
  }

  public void waited(long millis) {
    queueWait.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
  }

  public String scrape() {
    return registry.scrape();
  }
}
