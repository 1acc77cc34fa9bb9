package dev.ebb.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.e2e.support.Figures;
import dev.ebb.e2e.support.Scenario;
import dev.ebb.e2e.support.TestPool;
import dev.ebb.redis.RedisProcess;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the operator does when it cannot act on a pool: an unreachable Redis is not an empty queue (replicas hold,
 * then the fallback applies, then the pool recovers); a Secret that does not exist gives {@code Ready=False} and one
 * event while the last good Deployment keeps running untouched.
 */
class QueueOutageIT {

  @RegisterExtension
  static final Scenario scenario = Scenario.in("e2e-outage");

  @Test
  void redisStoppedHoldsThenFallsBackThenRecovers() throws Exception {
    TestPool pool = scenario.pool("outage").create(TestPool.yaml(scenario.namespace(), "outage", """
          replicas: {min: 1, max: 4}
          queue:
            redis: {address: "%s", queue: outage}
          scaling:
            pollingInterval: 1s
            scaleDown: {stabilizationWindow: 5s}
            fallback: {replicas: 3, afterFailures: 3}
          workers: {concurrency: 2, shutdownGracePeriod: 10s}
        """.formatted(scenario.redisAddress())));
    await().atMost(Duration.ofSeconds(120)).until(() -> pool.readyReplicas() == 1
        && pool.condition("Fallback").equals("False/QueueMeasured"));

    List<Integer> seen = new ArrayList<>();
    Instant stopped = Instant.now();
    scenario.redis().stop();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      seen.add(pool.deploymentReplicas());
      return pool.deploymentReplicas() == 3;
    });
    Duration fallbackAfter = Duration.between(stopped, Instant.now());
    assertThat(seen).as("replicas seen after Redis stopped").startsWith(1).doesNotContain(0, 2, 4);
    await().atMost(Duration.ofSeconds(15)).until(() -> pool.condition("Fallback").equals("True/FallbackReplicas"));
    await().atMost(Duration.ofSeconds(10)).until(() -> pool.events("FallbackActive").size() == 1);

    Instant restarted = Instant.now();
    scenario.redis().start();
    await().atMost(Duration.ofSeconds(60)).until(() -> pool.condition("Fallback").equals("False/QueueMeasured"));
    Duration recoveredAfter = Duration.between(restarted, Instant.now());
    await().atMost(Duration.ofSeconds(60)).until(() -> pool.deploymentReplicas() == 1);
    assertThat(pool.events("FallbackActive")).hasSize(1);
    Figures.record("redis outage", "Redis stopped -> fallback 3 replicas after " + Figures.seconds(fallbackAfter)
        + " (afterFailures 3, polling 1s; replicas held at 1 before); Redis back -> Fallback=False after "
        + Figures.seconds(recoveredAfter) + ", then back to 1 replica");
  }

  @Test
  void missingSecretReportsOnceAndLeavesTheDeploymentAlone() {
    String password = "e2e-" + System.nanoTime();
    try (RedisProcess secured = RedisProcess.onFreePort(List.of("--requirepass", password))) {
      secured.start();
      scenario.cluster().admin().secrets().inNamespace(scenario.namespace()).resource(new SecretBuilder()
          .withNewMetadata().withName("redis").addToLabels("ebb.dev/queue-credentials", "true").endMetadata()
          .withStringData(Map.of("password", password)).build())
          .create();
      TestPool pool = scenario.pool("secured").create(TestPool.yaml(scenario.namespace(), "secured", """
            replicas: {min: 1, max: 2}
            queue:
              redis:
                address: "redis://127.0.0.1:%d/0"
                queue: secured
                passwordFrom: {secretKeyRef: {name: redis, key: password}}
            scaling: {pollingInterval: 1s}
            workers: {concurrency: 2, shutdownGracePeriod: 10s}
          """.formatted(secured.port())));
      await().atMost(Duration.ofSeconds(120)).until(() -> pool.readyReplicas() == 1
          && pool.condition("Ready").equals("True/WorkersReady"));
      Deployment before = pool.deployment().orElseThrow();

      pool.resource().edit(p -> {
        p.getSpec().getQueue().getRedis().getPasswordFrom().getSecretKeyRef().setName("redis-missing");
        return p;
      });
      await().atMost(Duration.ofSeconds(30)).until(() -> pool.condition("Ready").equals("False/SecretNotAvailable"));
      await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15))
          .until(() -> pool.events("SecretNotAvailable").size() == 1);
      Deployment after = pool.deployment().orElseThrow();
      assertThat(after.getMetadata().getGeneration()).isEqualTo(before.getMetadata().getGeneration());
      assertThat(after.getSpec()).isEqualTo(before.getSpec());
      assertThat(scenario.cluster().controlPlane().auditLog().acceptedWrites("deployments", scenario.namespace(),
          "secured").stream().filter(w -> !w.startsWith("create ")).toList())
          .as("the operator's updates of the Deployment").isEmpty();
      assertThat(pool.readyReplicas()).isEqualTo(1);
      String message = pool.conditionDetail("Ready").orElseThrow().getMessage();
      assertThat(message).contains("redis-missing").doesNotContain(password).hasSizeLessThan(300);
      Figures.record("missing secret", "Ready=False SecretNotAvailable, 1 event, Deployment not written"
          + " over 10 s: \"" + message + "\"");
    }
  }
}
