package dev.ebb.operator;

import dev.ebb.operator.config.OperatorConfig;
import dev.ebb.operator.event.PoolEvents;
import dev.ebb.operator.health.HealthState;
import dev.ebb.operator.health.OperatorHttpServer;
import dev.ebb.operator.reconciler.BoundedReplicaPlanner;
import dev.ebb.operator.reconciler.ReplicaPlanner;
import dev.ebb.operator.reconciler.WorkerDeployments;
import dev.ebb.operator.reconciler.WorkerPoolReconciler;
import dev.ebb.operator.validation.SecretReferenceCheck;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ebb's operator: the WorkerPool controller on JOSDK, plus its health and metrics server. */
public final class EbbOperator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EbbOperator.class);

  private final Operator operator;
  private final OperatorHttpServer http;
  private final PrometheusMeterRegistry registry;

  private EbbOperator(Operator operator, OperatorHttpServer http, PrometheusMeterRegistry registry) {
    this.operator = operator;
    this.http = http;
    this.registry = registry;
  }

  /** Starts the operator with the given client (which the caller owns and closes). */
  public static EbbOperator start(OperatorConfig config, KubernetesClient client) throws IOException {
    return start(config, client, new BoundedReplicaPlanner());
  }

  public static EbbOperator start(OperatorConfig config, KubernetesClient client, ReplicaPlanner planner)
      throws IOException {
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
    PoolEvents events = new PoolEvents(client, clock);
    WorkerPoolReconciler reconciler = new WorkerPoolReconciler(config, planner,
        new WorkerDeployments(client, events), new SecretReferenceCheck(client), events, clock);
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
    return new EbbOperator(operator, http, registry);
  }

  public int httpPort() {
    return http.port();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public Operator operator() {
    return operator;
  }

  @Override
  public void close() {
    operator.stop();
    http.close();
  }
}
