package dev.ebb.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.e2e.cluster.HollowNode;
import dev.ebb.e2e.support.Figures;
import dev.ebb.e2e.support.JobLedger;
import dev.ebb.e2e.support.Scenario;
import dev.ebb.e2e.support.TestPool;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pool's whole life on a real cluster: 0 replicas, a burst of 2,000 jobs scales it to max, the workers drain it,
 * the pool comes down to one idle worker and then to zero, each step seen on the Deployment, the pods and in
 * {@code kubectl get wp}. The operator runs as its ServiceAccount: the scale-down needs the pod {@code get} that the
 * first ClusterRole lacked (every reconcile was a 403 and the pool stayed at max).
 */
class ScalingIT {

  private static final int JOBS = 2_000;
  private static final int MAX = 4;
  private static final int CONCURRENCY = 5;

  @RegisterExtension
  static final Scenario scenario = Scenario.in("e2e-scaling");

  @Test
  void burstScalesUpDrainsAndScalesDownToZero() {
    TestPool pool = scenario.pool("burst").create(TestPool.yaml(scenario.namespace(), "burst", """
          replicas: {min: 0, max: %d}
          queue:
            redis: {address: "%s", queue: burst}
          scaling:
            pollingInterval: 1s
            maxQueueLatency: 10s
            jobsPerReplica: 500
            scaleDown: {stabilizationWindow: 10s}
            scaleToZeroAfter: 20s
          workers: {concurrency: %d, shutdownGracePeriod: 20s}
        """.formatted(MAX, scenario.redisAddress(), CONCURRENCY)));
    await().atMost(Duration.ofSeconds(60)).until(() -> pool.deploymentReplicas() == 0
        && pool.condition("Ready").equals("True/ScaledToZero"));

    try (JobLedger jobs = scenario.ledger("burst")) {
      Instant burst = Instant.now();
      jobs.enqueue(JOBS, 100);
      await().atMost(Duration.ofSeconds(30)).until(() -> pool.deploymentReplicas() > 0);
      Duration activation = Duration.between(burst, Instant.now());
      await().atMost(Duration.ofSeconds(60)).until(() -> pool.deploymentReplicas() == MAX);
      Duration toMax = Duration.between(burst, Instant.now());
      await().atMost(Duration.ofSeconds(120)).until(() -> pool.readyReplicas() == MAX);
      Duration ready = Duration.between(burst, Instant.now());
      assertThat(scenario.cluster().node().runningPods(scenario.namespace())).hasSize(MAX);
      String columns = scenario.cluster().kubectl().run(null, "get", "wp", "-n", scenario.namespace());
      assertThat(columns.lines().findFirst().orElseThrow())
          .matches("NAME\\s+MIN\\s+MAX\\s+DESIRED\\s+READY\\s+QUEUE\\s+OLDEST\\s+PROC-TIME\\s+STALE\\s+AGE");
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(scenario.cluster().kubectl().run(null, "get", "wp", "-n", scenario.namespace(), "--no-headers"))
              .matches("(?s)burst\\s+0\\s+" + MAX + "\\s+" + MAX + "\\s+" + MAX + "\\s+\\d+\\s+\\S+\\s+\\S+\\s+0\\s+.*"));

      await().atMost(Duration.ofSeconds(180)).until(() -> jobs.counts().accountedFor() == JOBS);
      Duration drained = Duration.between(burst, Instant.now());
      await().atMost(Duration.ofSeconds(60)).until(() -> pool.deploymentReplicas() == 1);
      Duration toOne = Duration.between(burst, Instant.now());
      await().atMost(Duration.ofSeconds(90)).until(() -> pool.deploymentReplicas() == 0);
      Duration toZero = Duration.between(burst, Instant.now());
      await().atMost(Duration.ofSeconds(60)).until(() -> pool.pods().isEmpty());
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(scenario.cluster().kubectl().run(null, "get", "wp", "-n", scenario.namespace(), "--no-headers"))
              .matches("(?s)burst\\s+0\\s+" + MAX + "\\s+0\\s+(0|<none>)\\s+0\\s+.*"));

      JobLedger.Counts counts = jobs.counts();
      Map<String, HollowNode.Termination> ends = scenario.cluster().node().terminations(scenario.namespace());
      assertThat(counts.completedUnknown()).isZero();
      assertThat(counts.accountedFor()).as(counts.toString()).isEqualTo(JOBS);
      assertThat(counts.completedMoreThanOnce()).as("only jobs handed back on a scale-down run twice: %s", counts)
          .isLessThanOrEqualTo((long) ends.size() * CONCURRENCY);
      assertThat(ends).as("every worker stopped by SIGTERM exits 0 within its grace period").isNotEmpty()
          .allSatisfy((pod, end) -> assertThat(end.exitCode()).as(pod).isZero());
      assertThat(pool.events("Scaled")).isNotEmpty();
      await().atMost(Duration.ofSeconds(15)).until(() -> pool.condition("Ready").equals("True/ScaledToZero"));

      Figures.record("scaling", counts.toString());
      Figures.record("scaling", "burst of " + JOBS + " x 100 ms jobs: first replica " + Figures.seconds(activation)
          + ", " + MAX + " replicas on the Deployment " + Figures.seconds(toMax) + ", " + MAX
          + " worker processes started (Ready) " + Figures.seconds(ready) + ", drained " + Figures.seconds(drained)
          + ", down to 1 " + Figures.seconds(toOne) + ", to 0 " + Figures.seconds(toZero) + " (all after the burst)");
    }
  }
}
