package dev.ebb.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.e2e.support.Figures;
import dev.ebb.e2e.support.JobLedger;
import dev.ebb.e2e.support.Scenario;
import dev.ebb.e2e.support.TestPool;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hung workers, with the default {@code workers.heartbeat.staleAfter} (60 s): a worker frozen with SIGSTOP is
 * restarted (its pod deleted) within staleAfter plus two polls, even though its heartbeat hash expires after 15 s and
 * its peers reclaim its jobs; when every worker freezes at once, none is restarted (the heartbeat source is the
 * likelier fault) and the pool shows {@code Degraded=True HeartbeatSourceSuspect} until they resume.
 */
class StaleWorkerIT {

  private static final Duration STALE_AFTER = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofSeconds(1);

  @RegisterExtension
  static final Scenario scenario = Scenario.in("e2e-stale");

  @Test
  void oneFrozenWorkerIsRestartedWithTheDefaultStaleAfter() {
    TestPool pool = fixedPool("hung-one");
    List<String> pods = scenario.awaitBeatingWorkers(pool, 3);
    try (JobLedger jobs = scenario.ledger("hung-one")) {
      jobs.enqueue(300, 500);
      await().atMost(Duration.ofSeconds(10)).until(() -> jobs.counts().accountedFor() > 0);
      String frozen = pods.get(0);
      Instant stopped = Instant.now();
      scenario.cluster().node().pause(scenario.namespace(), frozen);

      await().atMost(STALE_AFTER.plus(POLL.multipliedBy(2)).plusSeconds(5)).pollInterval(Duration.ofMillis(250))
          .until(() -> isDeletedOrTerminating(pool, frozen));
      Duration restartedAfter = Duration.between(stopped, Instant.now());
      assertThat(restartedAfter).isLessThanOrEqualTo(STALE_AFTER.plus(POLL.multipliedBy(2)));
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(pool.events("StaleWorkerRestarted"))
          .singleElement().satisfies(e -> assertThat(e.getMessage()).contains(frozen)));
      assertThat(pods.subList(1, pods.size())).allSatisfy(p -> assertThat(isDeletedOrTerminating(pool, p)).isFalse());

      await().atMost(Duration.ofSeconds(120)).until(() -> jobs.counts().accountedFor() == 300);
      await().atMost(Duration.ofSeconds(60)).until(() -> pool.livePods().size() == 3 && pool.readyReplicas() == 3);
      JobLedger.Counts counts = jobs.counts();
      assertThat(counts.completedUnknown()).isZero();
      assertThat(counts.completedMoreThanOnce()).as("only the frozen worker's jobs, reclaimed, may run twice: %s",
          counts).isLessThanOrEqualTo(counts.reclaimed());
      Figures.record("stale worker", "SIGSTOP -> pod deleted " + Figures.seconds(restartedAfter)
          + " (staleAfter 60s, heartbeat TTL 15s, polling 1s); " + counts);
    }
  }

  @Test
  void everyWorkerFrozenRestartsNoneAndShowsDegraded() {
    TestPool pool = fixedPool("hung-all");
    List<String> pods = scenario.awaitBeatingWorkers(pool, 3);
    Instant stopped = Instant.now();
    pods.forEach(p -> scenario.cluster().node().pause(scenario.namespace(), p));

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
        .until(() -> pool.condition("Degraded").equals("True/HeartbeatSourceSuspect"));
    Duration degradedAfter = Duration.between(stopped, Instant.now());
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(pool.events("StaleRestartsWithheld")).hasSize(1));
    await().during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(25))
        .until(() -> pods.stream().noneMatch(p -> isDeletedOrTerminating(pool, p)));
    assertThat(pool.get().getStatus().getWorkers().getStale()).isEqualTo(3);

    Instant resumed = Instant.now();
    pods.forEach(p -> scenario.cluster().node().resume(scenario.namespace(), p));
    await().atMost(Duration.ofSeconds(60)).until(() -> pool.condition("Degraded").startsWith("False/"));
    Duration clearedAfter = Duration.between(resumed, Instant.now());
    assertThat(pods).allSatisfy(p -> assertThat(isDeletedOrTerminating(pool, p)).isFalse());
    assertThat(pool.events("StaleWorkerRestarted")).isEmpty();
    Figures.record("all workers frozen", "SIGSTOP of 3/3 -> Degraded=True HeartbeatSourceSuspect "
        + Figures.seconds(degradedAfter) + ", no pod deleted; SIGCONT -> Degraded=False " + Figures.seconds(clearedAfter));
  }

  private static TestPool fixedPool(String name) {
    return scenario.pool(name).create(TestPool.yaml(scenario.namespace(), name, """
          replicas: {min: 3, max: 3}
          queue:
            redis: {address: "%s", queue: %s}
          scaling: {pollingInterval: 1s}
          workers: {concurrency: 4, shutdownGracePeriod: 20s}
        """.formatted(scenario.redisAddress(), name)));
  }

  private static boolean isDeletedOrTerminating(TestPool pool, String pod) {
    Pod found = scenario.cluster().admin().pods().inNamespace(pool.namespace()).withName(pod).get();
    return found == null || found.getMetadata().getDeletionTimestamp() != null;
  }
}
