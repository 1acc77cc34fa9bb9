package dev.ebb.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.e2e.cluster.OperatorProcess;
import dev.ebb.e2e.support.Figures;
import dev.ebb.e2e.support.Scenario;
import dev.ebb.e2e.support.TestPool;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two operator replicas, as {@code manifests/} runs them: the leader gets SIGTERM (a rollout, a node drain), releases
 * its Lease and exits; the standby leads within the lease duration and applies a pool edit made meanwhile.
 */
class LeaderHandoverIT {

  private static final Duration LEASE_DURATION = Duration.ofSeconds(15);

  @RegisterExtension
  static final Scenario scenario = Scenario.in("e2e-leader");
  private static OperatorProcess standby;

  /** The standby starts once the scenario's operator leads, so that which replica leads is known. */
  @BeforeAll
  static void startStandby() {
    await().atMost(Duration.ofSeconds(60)).until(() -> scenario.operator().identity().equals(holder()));
    standby = scenario.cluster().startOperator("e2e-leader-standby", Map.of());
  }

  @AfterAll
  static void stopStandby() {
    if (standby != null) {
      standby.close();
      assertThat(standby.forbiddenLines()).as("see %s", standby.log()).isEmpty();
    }
  }

  @Test
  void standbyTakesOverAndAppliesAnEditMadeMeanwhile() throws Exception {
    TestPool pool = scenario.pool("handover").create(TestPool.yaml(scenario.namespace(), "handover", """
          replicas: {min: 1, max: 3}
          queue:
            redis: {address: "%s", queue: handover}
          scaling: {pollingInterval: 1s}
          workers: {concurrency: 2, shutdownGracePeriod: 10s}
        """.formatted(scenario.redisAddress())));
    await().atMost(Duration.ofSeconds(120)).until(() -> pool.readyReplicas() == 1);
    assertThat(holder()).isEqualTo(scenario.operator().identity());

    Instant sigterm = Instant.now();
    int exit = scenario.operator().terminate(Duration.ofSeconds(30));
    Duration exited = Duration.between(sigterm, Instant.now());
    pool.resource().edit(p -> {
      p.getSpec().getReplicas().setMin(2);
      return p;
    });
    await().atMost(LEASE_DURATION.plusSeconds(5)).pollInterval(Duration.ofMillis(200))
        .until(() -> standby.identity().equals(holder()));
    Duration leads = Duration.between(sigterm, Instant.now());
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> pool.deploymentReplicas() == 2);
    Duration applied = Duration.between(sigterm, Instant.now());

    assertThat(exit).as("the leader's exit code after SIGTERM: 128 + 15, its shutdown hooks done").isEqualTo(143);
    assertThat(leads).isLessThanOrEqualTo(LEASE_DURATION);
    await().atMost(Duration.ofSeconds(60)).until(() -> pool.readyReplicas() == 2);
    Figures.record("leader hand-over", "SIGTERM -> leader exited " + Figures.seconds(exited) + " (exit " + exit
        + "), standby holds the Lease " + Figures.seconds(leads) + ", edit made meanwhile (min 1 -> 2) on the"
        + " Deployment " + Figures.seconds(applied));
  }

  private static String holder() {
    Lease lease = scenario.cluster().admin().resources(Lease.class).inNamespace("ebb-system")
        .withName("ebb-operator").get();
    return lease == null || lease.getSpec() == null ? "" : String.valueOf(lease.getSpec().getHolderIdentity());
  }
}
