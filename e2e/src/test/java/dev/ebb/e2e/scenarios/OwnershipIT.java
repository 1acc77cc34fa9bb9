package dev.ebb.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.e2e.support.Figures;
import dev.ebb.e2e.support.Scenario;
import dev.ebb.e2e.support.TestPool;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The operator touches only what its pool owns: deleting a pool lets the garbage collector remove its Deployment and
 * pods; a Deployment that already has the pool's name and is not the pool's own is never written, whatever its
 * selector, and the pool says so ({@code Ready=False DeploymentConflict}, one Warning event).
 */
class OwnershipIT {

  @RegisterExtension
  static final Scenario scenario = Scenario.in("e2e-owner");

  @Test
  void deletedPoolTakesItsDeploymentAndPodsWithIt() {
    TestPool pool = scenario.pool("doomed").create(poolYaml("doomed"));
    String worker = scenario.awaitBeatingWorkers(pool, 1).get(0);

    Instant deleted = Instant.now();
    pool.resource().delete();
    await().atMost(Duration.ofSeconds(60)).until(() -> pool.deployment().isEmpty());
    await().atMost(Duration.ofSeconds(60)).until(() -> pool.pods().isEmpty());
    assertThat(scenario.cluster().node().terminations(scenario.namespace())).as("the worker got SIGTERM and exited 0")
        .hasEntrySatisfying(worker, end -> assertThat(end.exitCode()).isZero());
    Figures.record("pool deleted", "Deployment and pods garbage-collected " + Figures.seconds(
        Duration.between(deleted, Instant.now())) + " after the pool's deletion");
  }

  @ParameterizedTest
  @ValueSource(strings = {"pool-selector", "own-selector"})
  void foreignDeploymentWithThePoolsNameIsNeverWritten(String kind) {
    String name = "legacy-" + kind;
    Map<String, String> labels = kind.equals("pool-selector") ? Map.of("ebb.dev/pool", name) : Map.of("app", name);
    Deployment foreign = scenario.cluster().admin().apps().deployments().inNamespace(scenario.namespace())
        .resource(new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
            .withNewSpec().withReplicas(0).withNewSelector().withMatchLabels(labels).endSelector()
            .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec()
            .addNewContainer().withName("legacy").withImage("registry.example.com/legacy:7").endContainer()
            .endSpec().endTemplate().endSpec().build())
        .create();

    TestPool pool = scenario.pool(name).create(poolYaml(name));
    await().atMost(Duration.ofSeconds(30)).until(() -> pool.condition("Ready").equals("False/DeploymentConflict"));
    await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15))
        .until(() -> pool.events("DeploymentConflict").size() == 1);

    Deployment now = pool.deployment().orElseThrow();
    assertThat(scenario.cluster().controlPlane().auditLog().acceptedWrites("deployments", scenario.namespace(), name))
        .as("the operator's accepted writes to the foreign Deployment").isEmpty();
    assertThat(now.getMetadata().getGeneration()).isEqualTo(foreign.getMetadata().getGeneration());
    assertThat(now.getMetadata().getLabels()).isEqualTo(foreign.getMetadata().getLabels());
    assertThat(now.getSpec()).isEqualTo(foreign.getSpec());
    assertThat(now.getMetadata().getOwnerReferences()).isNullOrEmpty();
    assertThat(now.getSpec().getReplicas()).isZero();
    assertThat(now.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.example.com/legacy:7");
    String message = pool.conditionDetail("Ready").orElseThrow().getMessage();
    assertThat(message).contains(name).hasSizeLessThan(300);

    pool.resource().delete();
    await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> pool.deployment().isPresent());
    Figures.record("foreign deployment (" + kind + ")", "never written (no accepted write in the audit log, generation and spec unchanged), Ready=False"
        + " DeploymentConflict, 1 event: \"" + message + "\"; it outlives the pool's deletion");
  }

  private static String poolYaml(String name) {
    return TestPool.yaml(scenario.namespace(), name, """
          replicas: {min: 1, max: 2}
          queue:
            redis: {address: "%s", queue: %s}
          scaling: {pollingInterval: 1s}
          workers: {concurrency: 2, shutdownGracePeriod: 10s}
        """.formatted(scenario.redisAddress(), name));
  }
}
