package dev.ebb.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.e2e.cluster.EndToEnd;
import dev.ebb.e2e.support.TestPool;
import dev.ebb.operator.model.CachedFields;
import dev.ebb.operator.model.DeploymentMerge;
import dev.ebb.operator.model.WorkerDeploymentFactory;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Deployment as the real API server returns it (its defaults filled in, its status written by the Deployment
 * controller) needs no update when the pool did not change: a pool that is reconciled again (a pod became ready, a
 * poll asked for the same replicas) costs no write. On the mock server, which fills in no defaults, this cannot fail.
 */
class DeploymentMergeIT {

  private static final String NAMESPACE = "e2e-merge";
  private static EndToEnd cluster;

  @BeforeAll
  static void cluster() {
    cluster = EndToEnd.cluster();
    cluster.namespace(NAMESPACE);
  }

  @Test
  void aDeploymentAsTheServerReturnsItNeedsNoUpdateWhenNothingChanged() {
    assertNoUpdateNeeded("defaults", """
          replicas: {min: 1, max: 4}
          queue:
            redis: {address: "redis://redis.e2e-merge.svc:6379/0", queue: defaults}
        """);
  }

  @Test
  void aPoolWithItsOwnRolloutNeedsNoUpdateEither() {
    assertNoUpdateNeeded("rollout", """
          replicas: {min: 1, max: 4}
          rollout: {maxUnavailable: "50%", maxSurge: 1}
          queue:
            redis: {address: "redis://redis.e2e-merge.svc:6379/0", queue: rollout}
        """);
  }

  private static void assertNoUpdateNeeded(String name, String spec) {
    KubernetesClient admin = cluster.admin();
    WorkerPool pool = admin.resources(WorkerPool.class).load(new ByteArrayInputStream(
        TestPool.yaml(NAMESPACE, name, spec).getBytes(StandardCharsets.UTF_8))).create();
    Deployment desired = WorkerDeploymentFactory.desired(pool, 2);
    admin.apps().deployments().resource(DeploymentMerge.forCreate(desired)).create();
    Deployment asServed = admin.apps().deployments().inNamespace(NAMESPACE).withName(name).get();

    Optional<Deployment> update = DeploymentMerge.apply(asServed, WorkerDeploymentFactory.desired(pool, 2));
    Optional<Deployment> updateOfCached = DeploymentMerge.apply(
        CachedFields.ofDeployment(Serialization.clone(asServed)), WorkerDeploymentFactory.desired(pool, 2));

    assertThat(update).as(() -> "an update of an unchanged pool; served:\n" + Serialization.asYaml(asServed.getSpec())
        + "\nwould write:\n" + update.map(d -> Serialization.asYaml(d.getSpec())).orElse("")).isEmpty();
    assertThat(updateOfCached).as("the same, from the informer's cached copy (CachedFields)").isEmpty();
  }
}
