package dev.ebb.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.WorkerPools;
import dev.ebb.operator.event.PoolEvents;
import dev.ebb.operator.model.WorkerDeploymentFactory;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Writing a pool's Deployment on the mock API server. */
@EnableKubernetesMockClient(crud = true)
class WorkerDeploymentsIT {

  KubernetesClient client;

  @Test
  void aResizeFromAStaleCachedCopyIsRetriedOnTheFreshDeploymentInsteadOfFailingTheReconcile() {
    client.apiextensions().v1().customResourceDefinitions()
        .load(getClass().getResourceAsStream("/META-INF/fabric8/workerpools.ebb.dev-v1.yml")).create();
    WorkerPool pool = client.resource(WorkerPools.valid("shop", "mailer")).create();
    PoolEvents events = new PoolEvents(client, Clock.systemUTC());
    WorkerDeployments deployments = new WorkerDeployments(client, events);
    Deployment created = deployments.apply(pool, Optional.empty(), WorkerDeploymentFactory.desired(pool, 2), "start");
    // the Deployment controller writes the Deployment after the cache saw it: the cached copy is stale
    client.apps().deployments().inNamespace("shop").withName("mailer")
        .edit(d -> {
          d.getMetadata().getAnnotations().put("deployment.kubernetes.io/revision", "1");
          return d;
        });

    Deployment resized = deployments.apply(pool, Optional.of(created), WorkerDeploymentFactory.desired(pool, 5),
        "queue 500: 2 -> 5 replicas");

    assertThat(resized.getSpec().getReplicas()).isEqualTo(5);
    Deployment stored = client.apps().deployments().inNamespace("shop").withName("mailer").get();
    assertThat(stored.getSpec().getReplicas()).isEqualTo(5);
    assertThat(stored.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "1");
    events.close(Duration.ofSeconds(2));
  }
}
