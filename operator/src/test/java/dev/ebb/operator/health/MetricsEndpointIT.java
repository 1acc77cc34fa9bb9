package dev.ebb.operator.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.EbbOperator;
import dev.ebb.operator.WorkerPools;
import dev.ebb.operator.config.OperatorConfig;
import dev.ebb.redis.RedisProcess;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /metrics} after a pool was reconciled against a real Redis serves what docs/metrics.md promises. */
@EnableKubernetesMockClient(crud = true)
class MetricsEndpointIT {

  private static final Path DOCS = Path.of("..", "docs", "metrics.md");
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? .*$");
  private static final Pattern DOCUMENTED = Pattern.compile("`([a-z][a-z0-9_]*)`");

  KubernetesClient client;
  private RedisProcess redis;
  private EbbOperator operator;

  @BeforeEach
  void start() throws Exception {
    redis = RedisProcess.startOnFreePort();
    client.apiextensions().v1().customResourceDefinitions()
        .load(getClass().getResourceAsStream("/META-INF/fabric8/workerpools.ebb.dev-v1.yml")).create();
    operator = EbbOperator.start(OperatorConfig.from(Map.of("EBB_HTTP_PORT", "0",
        "EBB_STATUS_FIGURES_INTERVAL", "0s")), client);
  }

  @AfterEach
  void stop() {
    operator.close();
    redis.close();
  }

  @Test
  void servesTheDocumentedPoolOperatorAndJvmMetrics() throws Exception {
    WorkerPool pool = WorkerPools.valid("shop", "mailer", redis.uri());
    pool.getSpec().getScaling().setPollingInterval("1s");
    client.resource(pool).create();
    await().atMost(Duration.ofSeconds(15)).until(() -> {
      WorkerPool p = client.resources(WorkerPool.class).inNamespace("shop").withName("mailer").get();
      return p.getStatus() != null && p.getStatus().getQueue() != null && p.getStatus().getDesiredReplicas() != null;
    });

    Endpoint metrics = Endpoint.get(operator.httpPort(), "/metrics");
    assertThat(metrics.status()).isEqualTo(200);
    Map<String, List<String>> served = samples(metrics.body());

    List<String> poolSeries = List.of("ebb_pool_queue_depth", "ebb_pool_oldest_job_age_seconds", "ebb_pool_arrival_rate",
        "ebb_pool_completion_rate", "ebb_pool_processing_time_seconds", "ebb_pool_max_queue_latency_seconds",
        "ebb_pool_desired_replicas", "ebb_pool_current_replicas", "ebb_pool_max_replicas", "ebb_pool_busy_workers",
        "ebb_pool_stale_workers", "ebb_pool_fallback_active", "ebb_pool_scaling_decisions_total",
        "ebb_pool_measurement_failures_total", "ebb_pool_measurement_duration_seconds_count",
        "ebb_pool_measurement_duration_seconds_bucket");
    for (String name : poolSeries) {
      assertThat(served).as(name).containsKey(name);
      assertThat(served.get(name)).as(name).anySatisfy(labels ->
          assertThat(labels).contains("namespace=\"shop\"").contains("pool=\"mailer\""));
    }
    assertThat(served.get("ebb_pool_max_replicas")).singleElement().satisfies(l -> assertThat(l).contains("10.0"));
    // registered at 0 before any failure, so that increase() sees the first one
    assertThat(served.get("ebb_pool_measurement_failures_total"))
        .anySatisfy(l -> assertThat(l).contains("kind=\"unreachable\"").endsWith(" 0.0"))
        .anySatisfy(l -> assertThat(l).contains("kind=\"authentication\"").endsWith(" 0.0"));

    assertThat(served).containsKeys("operator_sdk_reconciliations_started_total",
        "operator_sdk_reconciliations_success_total", "operator_sdk_events_received_total",
        "operator_sdk_controllers_execution_reconcile_seconds_count",
        "operator_sdk_controllers_execution_reconcile_seconds_bucket",
        "operator_sdk_controllers_execution_reconcile_success_total",
        "operator_sdk_reconciliations_executions_workerpool", "operator_sdk_reconciliations_queue_size_workerpool");
    assertThat(served.get("operator_sdk_reconciliations_started_total"))
        .anySatisfy(l -> assertThat(l).contains("namespace=\"shop\"").contains("name=\"mailer\""));

    assertThat(served).containsKeys("jvm_memory_used_bytes", "jvm_memory_committed_bytes", "jvm_memory_max_bytes",
        "jvm_gc_memory_allocated_bytes_total", "jvm_threads_live_threads", "jvm_threads_states_threads",
        "jvm_classes_loaded_classes", "process_cpu_usage", "system_cpu_usage", "system_cpu_count",
        "process_uptime_seconds", "process_start_time_seconds", "process_files_open_files", "process_files_max_files");
  }

  @Test
  void everyEbbAndJosdkSeriesServedIsDocumented() throws Exception {
    client.resource(WorkerPools.valid("shop", "mailer", redis.uri())).create();
    await().atMost(Duration.ofSeconds(15)).until(() -> samples(Endpoint.get(operator.httpPort(), "/metrics").body())
        .containsKey("ebb_pool_desired_replicas"));

    Set<String> documented = documented();
    Set<String> undocumented = new TreeSet<>();
    for (String name : samples(Endpoint.get(operator.httpPort(), "/metrics").body()).keySet()) {
      if ((name.startsWith("ebb_") || name.startsWith("operator_sdk_")) && !documented.contains(name)
          && !documented.contains(name.replaceFirst("_(bucket|count|sum|max)$", ""))) {
        undocumented.add(name);
      }
    }
    assertThat(undocumented).as("served but not in docs/metrics.md").isEmpty();
  }

  private static Map<String, List<String>> samples(String scrape) {
    return scrape.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
        .map(SAMPLE::matcher).filter(Matcher::matches)
        .collect(Collectors.groupingBy(m -> m.group(1), Collectors.mapping(m -> m.group(0), Collectors.toList())));
  }

  private static Set<String> documented() throws Exception {
    Matcher names = DOCUMENTED.matcher(Files.readString(DOCS));
    Set<String> result = new TreeSet<>();
    while (names.find()) {
      result.add(names.group(1));
    }
    return result;
  }
}
