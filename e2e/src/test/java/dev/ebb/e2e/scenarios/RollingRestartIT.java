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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kubectl annotate wp ... ebb.dev/restartedAt=...} while the pool works: the Deployment rolls out a new
 * template, each old worker gets SIGTERM, finishes or hands back its jobs and exits 0 within its grace period, and no
 * job is lost.
 */
class RollingRestartIT {

  private static final int JOBS = 600;
  private static final int REPLICAS = 3;
  private static final int CONCURRENCY = 4;

  @RegisterExtension
  static final Scenario scenario = Scenario.in("e2e-restart");

  @Test
  void restartAnnotationRollsOutDuringLoadAndLosesNothing() {
    TestPool pool = scenario.pool("roll").create(TestPool.yaml(scenario.namespace(), "roll", """
          replicas: {min: %d, max: %d}
          queue:
            redis: {address: "%s", queue: roll}
          scaling: {pollingInterval: 1s}
          workers: {concurrency: %d, shutdownGracePeriod: 20s}
        """.formatted(REPLICAS, REPLICAS, scenario.redisAddress(), CONCURRENCY)));
    await().atMost(Duration.ofSeconds(120)).until(() -> pool.readyReplicas() == REPLICAS);
    List<String> before = pool.livePods().stream().map(p -> p.getMetadata().getName()).toList();

    try (JobLedger jobs = scenario.ledger("roll")) {
      jobs.enqueue(JOBS, 300);
      await().atMost(Duration.ofSeconds(30)).until(() -> jobs.counts().accountedFor() >= 50);
      Instant annotated = Instant.now();
      scenario.cluster().kubectl().run(null, "annotate", "wp", "roll", "-n", scenario.namespace(),
          "ebb.dev/restartedAt=" + annotated, "--overwrite");

      await().atMost(Duration.ofSeconds(180)).until(() -> pool.pods().stream()
          .noneMatch(p -> before.contains(p.getMetadata().getName())) && pool.readyReplicas() == REPLICAS
          && pool.livePods().size() == REPLICAS);
      Duration rolledOut = Duration.between(annotated, Instant.now());
      await().atMost(Duration.ofSeconds(180)).until(() -> jobs.counts().accountedFor() == JOBS);

      JobLedger.Counts counts = jobs.counts();
      Map<String, HollowNode.Termination> ends = scenario.cluster().node().terminations(scenario.namespace());
      assertThat(ends.keySet()).containsAll(before);
      assertThat(before).allSatisfy(pod -> {
        assertThat(ends.get(pod).exitCode()).as("%s exit code after SIGTERM", pod).isZero();
        assertThat(ends.get(pod).sigtermToExit()).as(pod).isLessThan(Duration.ofSeconds(20));
      });
      assertThat(counts.completedUnknown()).isZero();
      assertThat(counts.accountedFor()).as(counts.toString()).isEqualTo(JOBS);
      assertThat(counts.completedMoreThanOnce()).as("only jobs handed back at SIGTERM run twice: %s", counts)
          .isLessThanOrEqualTo((long) REPLICAS * CONCURRENCY);
      assertThat(pool.events("TemplateUpdated")).isNotEmpty();
      Figures.record("rolling restart", "3 workers replaced in " + Figures.seconds(rolledOut) + " under load; SIGTERM"
          + " -> exit 0 in " + before.stream().map(p -> Figures.seconds(ends.get(p).sigtermToExit())).toList()
          + "; " + counts);
    }
  }
}
