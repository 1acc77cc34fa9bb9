package dev.ebb.operator;

import dev.ebb.operator.autoscale.AutoscalingReplicaPlanner;
import dev.ebb.operator.autoscale.PoolMetrics;
import dev.ebb.operator.autoscale.QueueMonitor;
import dev.ebb.operator.config.OperatorConfig;
import dev.ebb.operator.event.PoolEvents;
import dev.ebb.operator.health.HealthState;
import dev.ebb.operator.heartbeat.WorkerPods;
import dev.ebb.operator.health.OperatorHttpServer;
import dev.ebb.operator.reconciler.WorkerDeployments;
import dev.ebb.operator.reconciler.WorkerPoolReconciler;
import dev.ebb.operator.scaler.RedisConnections;
import dev.ebb.operator.scaler.ScalerRegistry;
import dev.ebb.operator.scaling.ScalingPolicy;
import dev.ebb.operator.status.StatusWriteGate;
import dev.ebb.operator.status.StatusWriter;
import dev.ebb.operator.validation.SecretReferences;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ebb's operator: the WorkerPool controller on JOSDK, its queue monitor, and its health and metrics server. */
public final class EbbOperator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EbbOperator.class);
  private static final Duration SECRET_KEEP = Duration.ofSeconds(60);

  private final Operator operator;
  private final OperatorHttpServer http;
  private final PrometheusMeterRegistry registry;
  private final QueueMonitor monitor;
  private final ScalerRegistry scalers;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService measurers;

  private EbbOperator(Operator operator, OperatorHttpServer http, PrometheusMeterRegistry registry,
      QueueMonitor monitor, ScalerRegistry scalers, ScheduledExecutorService scheduler, ExecutorService measurers) {
    this.operator = operator;
    this.http = http;
    this.registry = registry;
    this.monitor = monitor;
    this.scalers = scalers;
    this.scheduler = scheduler;
    this.measurers = measurers;
  }

  /** Starts the operator with the given client (which the caller owns and closes). */
  public static EbbOperator start(OperatorConfig config, KubernetesClient client) throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Operator operator = new Operator(o -> {
      o.withKubernetesClient(client)
          .withCloseClientOnStop(false)
          .withUseSSAToPatchPrimaryResource(false)
          .withConcurrentReconciliationThreads(config.reconcileThreads())
          .withReconciliationTerminationTimeout(Duration.ofSeconds(10))
          .withMetrics(MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(registry).build());
      if (config.leaderElection()) {
        o.withLeaderElectionConfiguration(new LeaderElectionConfiguration(config.leaseName(),
            config.leaseNamespace().orElse(null), config.identity()));
      }
    });
    Clock clock = Clock.systemUTC();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("ebb-poll-scheduler"));
    ExecutorService measurers = Executors.newFixedThreadPool(config.measureThreads(), daemon("ebb-measure"));
    ScalerRegistry scalers = new ScalerRegistry(
        new RedisConnections(config.redisTimeout(), Math.max(2, config.measureThreads() / 4)), clock);
    PoolMetrics metrics = new PoolMetrics(registry);
    QueueMonitor monitor = new QueueMonitor(scalers, scheduler, measurers, clock, metrics);
    PoolEvents events = new PoolEvents(client, clock);
    AutoscalingReplicaPlanner planner = new AutoscalingReplicaPlanner(monitor, new ScalingPolicy(), metrics, clock,
        config.statusFiguresInterval());
    WorkerPoolReconciler reconciler = new WorkerPoolReconciler(config, planner,
        new WorkerDeployments(client, events),
        new WorkerPods(client, events, metrics, clock),
        new SecretReferences(client, clock, SECRET_KEEP),
        events,
        new StatusWriteGate(clock, config.statusFiguresInterval()),
        new StatusWriter(client),
        // the policy runs on every poll; a reconcile is asked for only when there is something to apply or show
        (polls, context) -> monitor.connect(id -> {
          if (planner.onPoll(id)) {
            polls.propagateEvent(id);
          }
        }, id -> context.getPrimaryCache().get(id).isPresent()),
        clock);
    operator.register(reconciler, c -> {
      if (!config.watchNamespaces().isEmpty()) {
        c.settingNamespaces(config.watchNamespaces());
      }
    });
    OperatorHttpServer http = OperatorHttpServer.start(config.httpPort(),
        () -> HealthState.of(operator.getRuntimeInfo()), registry);
    operator.start();
    LOG.info("Ebb operator started (watching {}, health and metrics on port {})",
        config.watchNamespaces().isEmpty() ? "all namespaces" : config.watchNamespaces(), http.port());
    return new EbbOperator(operator, http, registry, monitor, scalers, scheduler, measurers);
  }

  public int httpPort() {
    return http.port();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public QueueMonitor monitor() {
    return monitor;
  }

  @Override
  public void close() {
    operator.stop();
    scheduler.shutdownNow();
    monitor.close();
    measurers.shutdownNow();
    scalers.close();
    http.close();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
