package dev.ebb.operator;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.autoscale.AutoscalingReplicaPlanner;
import dev.ebb.operator.autoscale.PoolMetrics;
import dev.ebb.operator.autoscale.QueueMonitor;
import dev.ebb.operator.budget.BudgetLedger;
import dev.ebb.operator.budget.BudgetMetrics;
import dev.ebb.operator.reconciler.PoolBudgets;
import dev.ebb.operator.status.BudgetStatusWriter;
import dev.ebb.operator.config.OperatorConfig;
import dev.ebb.operator.dashboard.Dashboard;
import dev.ebb.operator.dashboard.DashboardHandler;
import dev.ebb.operator.dashboard.DashboardMemory;
import dev.ebb.operator.dashboard.LeaderStanding;
import dev.ebb.operator.event.PoolEvents;
import dev.ebb.operator.health.Leadership;
import dev.ebb.operator.health.LeaseRelease;
import dev.ebb.operator.health.OperatorHealth;
import dev.ebb.operator.health.OperatorHttpServer;
import dev.ebb.operator.heartbeat.WorkerPods;
import dev.ebb.operator.metrics.PerPoolHistograms;
import dev.ebb.operator.model.CachedFields;
import dev.ebb.operator.memory.DeletedPoolSweep;
import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.reconciler.WorkerDeployments;
import dev.ebb.operator.reconciler.WorkerPoolReconciler;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.RedisConnections;
import dev.ebb.operator.scaler.ReplyLimits;
import dev.ebb.operator.scaler.ScalerRegistry;
import dev.ebb.operator.scaling.ScalingPolicy;
import dev.ebb.operator.status.StatusWriteGate;
import dev.ebb.operator.status.StatusWriter;
import dev.ebb.operator.validation.SecretReferences;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ebb's operator: the WorkerPool controller on JOSDK, its queue monitor, and its health and metrics server. */
public final class EbbOperator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EbbOperator.class);
  private static final Duration SECRET_KEEP = Duration.ofSeconds(60);
  private static final Duration SWEEP_EVERY = Duration.ofSeconds(60);
  /** Threads that write pools' status; the reconcile threads (32 by default) write Deployments. */
  private static final int STATUS_WRITE_THREADS = 4;

  private final OperatorConfig config;
  private final KubernetesClient client;
  private final Leadership leadership;
  private final OperatorHttpServer http;
  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;
  private final QueueMonitor monitor;
  private final ScalerRegistry scalers;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService measurers;
  private final ExecutorService statusWrites;
  private final PoolEvents events;
  private volatile Operator operator;

  private EbbOperator(OperatorConfig config, KubernetesClient client, Leadership leadership, OperatorHttpServer http,
      PrometheusMeterRegistry registry, JvmGcMetrics gc, QueueMonitor monitor, ScalerRegistry scalers,
      ScheduledExecutorService scheduler, ExecutorService measurers, ExecutorService statusWrites, PoolEvents events) {
    this.config = config;
    this.client = client;
    this.leadership = leadership;
    this.http = http;
    this.registry = registry;
    this.gc = gc;
    this.monitor = monitor;
    this.scalers = scalers;
    this.scheduler = scheduler;
    this.measurers = measurers;
    this.statusWrites = statusWrites;
    this.events = events;
  }

  /**
   * Starts the operator with the given client (which the caller owns and closes). The health and metrics server
   * starts first, so probes answer ("starting") while the informers sync; with leader election on, this returns once
   * the informers synced, leader or not.
   */
  public static EbbOperator start(OperatorConfig config, KubernetesClient client) throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new PerPoolHistograms()); // before any meter: a filter applies to meters made later
    JvmGcMetrics gc = bindProcessMetrics(registry);
    Leadership leadership = config.leaderElection()
        ? Leadership.electing(config.identity(), config.exitOnLostLease() ? EbbOperator::exitOnLostLease : () -> { })
        : Leadership.notElecting();
    AtomicReference<Operator> started = new AtomicReference<>();
    Clock clock = Clock.systemUTC();
    Dashboard dashboard = new Dashboard(clock);
    OperatorHttpServer http = OperatorHttpServer.start(config.httpPort(), new OperatorHealth(
        () -> Optional.ofNullable(started.get()).map(Operator::getRuntimeInfo), leadership, config.unhealthyLimit(),
        clock), registry, new DashboardHandler(dashboard,
            new LeaderStanding(leadership, config.leaseNamespace().orElseGet(client::getNamespace)), clock));
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("ebb-poll-scheduler"));
    ExecutorService measurers = Executors.newFixedThreadPool(config.measureThreads(), daemon("ebb-measure"));
    QueueNetworks networks = QueueNetworks.of(config.allowedQueueNetworks());
    int connectionsPerServer = Math.max(2, config.measureThreads() / 4);
    ScalerRegistry scalers = ScalerRegistry.standard(
        new RedisConnections(config.redisTimeout(), connectionsPerServer,
            ReplyLimits.standard(config.redisTimeout().multipliedBy(3)), networks),
        new BackendSettings(config.redisTimeout(), connectionsPerServer, networks, clock));
    PoolMetrics metrics = new PoolMetrics(registry);
    QueueMonitor monitor = new QueueMonitor(scalers, scheduler, measurers, config.measureThreads(), clock,
        metrics);
    PoolEvents events = new PoolEvents(client, clock);
    // status writes on threads of their own, a few: a burst's reconcile threads write the Deployments first
    ExecutorService statusWrites = Executors.newFixedThreadPool(STATUS_WRITE_THREADS, daemon("ebb-status-write"));
    EbbOperator ebb = new EbbOperator(config, client, leadership, http, registry, gc, monitor, scalers, scheduler,
        measurers, statusWrites, events);
    try {
      Operator operator = new Operator(o -> {
        o.withKubernetesClient(client)
            .withCloseClientOnStop(false)
            .withUseSSAToPatchPrimaryResource(false)
            .withConcurrentReconciliationThreads(config.reconcileThreads())
            .withReconciliationTerminationTimeout(Duration.ofSeconds(10))
            .withMetrics(MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(registry).build());
        if (config.leaderElection()) {
          o.withLeaderElectionConfiguration(leaderElection(config, leadership));
        }
      });
      BudgetLedger budgets = new BudgetLedger();
      AutoscalingReplicaPlanner planner = new AutoscalingReplicaPlanner(monitor, new ScalingPolicy(), metrics, clock,
          config.statusFiguresInterval(), budgets, dashboard);
      WorkerPods workerPods = new WorkerPods(client, events, metrics, clock);
      SecretReferences secrets = new SecretReferences(client, clock, SECRET_KEEP, config.secretLabelRequired(),
          scalers::block);
      StatusWriteGate statusGate = new StatusWriteGate(clock, config.statusFiguresInterval());
      StatusWriter statusWriter = new StatusWriter(client, statusWrites);
      AtomicReference<IndexerResourceCache<WorkerPool>> pools = new AtomicReference<>();
      WorkerPoolReconciler reconciler = new WorkerPoolReconciler(config, planner,
          new WorkerDeployments(client, events), workerPods, secrets, events, statusGate, statusWriter,
          new PoolBudgets(budgets, new BudgetStatusWriter(client, clock, config.statusFiguresInterval()),
              new BudgetMetrics(registry), events),
          // the policy runs on every poll; a reconcile is asked for only when there is something to apply or show
          (polls, context) -> {
            pools.set(context.getPrimaryCache());
            monitor.connect(id -> {
              if (planner.onPoll(id)) {
                polls.propagateEvent(id);
              }
            }, id -> context.getPrimaryCache().get(id).isPresent());
            dashboard.useExistence(key -> context.getPrimaryCache()
                .get(new ResourceID(key.name(), key.namespace())).isPresent());
          },
          clock, dashboard, scalers::block);
      DeletedPoolSweep sweep = new DeletedPoolSweep(
          () -> Optional.ofNullable(pools.get()).map(cache -> cache.list().toList()),
          List.of(planner, workerPods, secrets, statusGate, statusWriter, budgets, new DashboardMemory(dashboard)));
      scheduler.scheduleWithFixedDelay(sweep, SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
      operator.register(reconciler, c -> {
        c.withItemStore(new TransformingItemStore<>(CachedFields::withoutWriteHistory));
        if (!config.watchNamespaces().isEmpty()) {
          c.settingNamespaces(config.watchNamespaces());
        }
      });
      ebb.operator = operator;
      operator.start();
      // only now: JOSDK's RuntimeInfo waits on the lock its start (and stop) holds while the informers sync
      started.set(operator);
    } catch (RuntimeException e) {
      ebb.close();
      throw e;
    }
    LOG.info("Ebb operator started (watching {}, health and metrics on port {}{})",
        config.watchNamespaces().isEmpty() ? "all namespaces" : config.watchNamespaces(), http.port(),
        config.leaderElection() ? ", Lease " + ebb.leaseNamespace() + "/" + config.leaseName() + " as "
            + config.identity() : "");
    return ebb;
  }

  /**
   * JOSDK's own exit on a lost Lease stays off: it would also run when the operator is stopped on purpose, and a
   * {@code System.exit} from the shutdown hook blocks forever. {@link Leadership} tells the two apart.
   */
  private static LeaderElectionConfiguration leaderElection(OperatorConfig config, Leadership leadership) {
    return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(config.leaseName())
        .withLeaseNamespace(config.leaseNamespace().orElse(null))
        .withIdentity(config.identity())
        .withLeaseDuration(config.leaseDuration())
        .withRenewDeadline(config.renewDeadline())
        .withRetryPeriod(config.retryPeriod())
        .withLeaderCallbacks(leadership.callbacks())
        .withExitOnStopLeading(false)
        .build();
  }

  private static void exitOnLostLease() {
    // from another thread: the shutdown hook this starts stops the operator, which waits for the elector's threads
    Thread exit = new Thread(() -> System.exit(1), "ebb-lost-lease");
    exit.start();
  }

  private static JvmGcMetrics bindProcessMetrics(MeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    return gc;
  }

  private String leaseNamespace() {
    return config.leaseNamespace().orElseGet(client::getNamespace);
  }

  public int httpPort() {
    return http.port();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** This replica's part in leader election. */
  public Leadership leadership() {
    return leadership;
  }

  /**
   * Stops reconciling, then gives up the Lease when this replica holds it (JOSDK stops the elector without
   * releasing), so that a standby takes over at its next try; then the queue monitor and the HTTP server.
   */
  @Override
  public synchronized void close() {
    boolean leading = leadership.role() == Leadership.Role.LEADER;
    leadership.stopping();
    if (operator != null) {
      operator.stop();
      if (leading) {
        LeaseRelease.release(client, leaseNamespace(), config.leaseName(), config.identity());
      }
    }
    events.close(Duration.ofSeconds(2));
    scheduler.shutdownNow();
    monitor.close();
    measurers.shutdownNow();
    statusWrites.shutdownNow();
    scalers.close();
    gc.close();
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
