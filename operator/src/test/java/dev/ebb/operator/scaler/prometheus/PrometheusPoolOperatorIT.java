package dev.ebb.operator.scaler.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.api.v1alpha1.PrometheusQueueSpec;
import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.api.v1alpha1.ReplicasSpec;
import dev.ebb.api.v1alpha1.ScalingWindow;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.EbbOperator;
import dev.ebb.operator.TestOperators;
import dev.ebb.operator.WorkerPools;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The operator itself (its monitor, the scaler registry, the planner and the reconciler, on the mock API server)
 * scales a pool whose queue is a PromQL query against a real Prometheus: no Redis anywhere. The other backends reach
 * the same loop through the same registry line each.
 */
@EnableKubernetesMockClient(crud = true)
class PrometheusPoolOperatorIT {

  private static final String NS = "media";
  private static final String POOL = "encoder";
  private static final Duration WAIT = Duration.ofSeconds(30);

  KubernetesClient client;

  @Test
  void theOperatorScalesAPrometheusPoolUpOnABurstAndDownWhenItDrains() throws Exception {
    try (QueueExporter exporter = new QueueExporter().set("encoder_jobs_waiting", "0");
        PrometheusProcess prometheus = PrometheusProcess.start("operator", List.of(exporter.target()), Map.of(), "");
        EbbOperator operator = TestOperators.startWithCrd(client)) {
      client.resource(pool(prometheus.address(""))).create();
      awaitDeployment(d -> d.getSpec().getReplicas() == 1);
      await().atMost(WAIT).until(() -> pool().getStatus() != null && pool().getStatus().getQueue() != null);

      exporter.set("encoder_jobs_waiting", "800");

      // no processing time, 100 jobs per replica: ceil(800 / 100) = 8
      awaitDeployment(d -> d.getSpec().getReplicas() == 8);
      await().atMost(WAIT).untilAsserted(() -> {
        WorkerPool scaled = pool();
        assertThat(scaled.getStatus().getQueue().getDepth()).isEqualTo(800);
        assertThat(condition(scaled, "StaleRestarts").getReason()).isEqualTo("NoHeartbeats");
        assertThat(condition(scaled, "StaleRestarts").getMessage()).contains("format prometheus");
      });

      exporter.set("encoder_jobs_waiting", "0");
      awaitDeployment(d -> d.getSpec().getReplicas() == 1);
    }
  }

  private static WorkerPool pool(String prometheusAddress) {
    WorkerPool pool = WorkerPools.valid(NS, POOL, "redis://unused:6379/0");
    pool.getSpec().setQueue(new QueueSpec());
    pool.getSpec().getQueue().setPrometheus(new PrometheusQueueSpec(prometheusAddress, "sum(encoder_jobs_waiting)"));
    pool.getSpec().setReplicas(new ReplicasSpec(1, 20));
    pool.getSpec().getScaling().setPollingInterval("1s");
    pool.getSpec().getScaling().setScaleDown(new ScalingWindow("3s"));
    return pool;
  }

  private WorkerPool pool() {
    return client.resources(WorkerPool.class).inNamespace(NS).withName(POOL).get();
  }

  private static Condition condition(WorkerPool pool, String type) {
    return pool.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
  }

  private void awaitDeployment(Predicate<Deployment> condition) {
    await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace(NS).withName(POOL).get(),
        d -> d != null && condition.test(d));
  }
}
