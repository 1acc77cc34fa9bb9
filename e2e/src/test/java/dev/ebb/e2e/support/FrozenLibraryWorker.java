package dev.ebb.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import redis.clients.jedis.JedisPooled;

/**
 * What the scenarios with a real library's worker per pod (RQ, Sidekiq) check, the same for each: the pool, at one
 * worker, scales to three with the queue its library's client fills; its status shows where the processing time
 * comes from and that heartbeats are read; then one worker is frozen with SIGSTOP and its pod is restarted, once.
 */
public final class FrozenLibraryWorker {

  /** A library client call that fills the queue. */
  @FunctionalInterface
  public interface Enqueue {
    void run() throws Exception;
  }

  private FrozenLibraryWorker() {
  }

  /**
   * Runs the check; returns how long after the SIGSTOP the frozen worker's pod was being deleted.
   *
   * @param workerHosts the hostnames (= pod names) of the workers the library has registered in Redis
   */
  public static Duration scalesThenRestartsAFrozenWorker(Scenario scenario, TestPool pool,
      Function<JedisPooled, Set<String>> workerHosts, Enqueue enqueue, String processingTimeSource,
      Duration staleAfter, Duration poll) throws Exception {
    try (JedisPooled redis = new JedisPooled(scenario.redis().host(), scenario.redis().port())) {
      await().atMost(Duration.ofSeconds(120)).until(() -> pool.readyReplicas() == 1
          && workerHosts.apply(redis).equals(livePods(pool)));

      enqueue.run();

      await().atMost(Duration.ofSeconds(30)).until(() -> pool.deploymentReplicas() == 3);
      await().atMost(Duration.ofSeconds(120)).until(() -> pool.readyReplicas() == 3
          && workerHosts.apply(redis).equals(livePods(pool)));
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        var workers = pool.get().getStatus().getWorkers();
        assertThat(workers.getProcessingTimeSource()).isEqualTo(processingTimeSource);
        assertThat(workers.getProcessingTime()).isNotNull();
      });
      assertThat(pool.condition("StaleRestarts")).isEqualTo("True/HeartbeatsRead");

      String frozen = livePods(pool).stream().sorted().findFirst().orElseThrow();
      Instant stopped = Instant.now();
      scenario.cluster().node().pause(scenario.namespace(), frozen);

      await().atMost(staleAfter.plus(poll.multipliedBy(2)).plusSeconds(10)).pollInterval(Duration.ofMillis(250))
          .until(() -> isDeletedOrTerminating(scenario, pool, frozen));
      Duration restartedAfter = Duration.between(stopped, Instant.now());
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(pool.events("StaleWorkerRestarted"))
          .singleElement().satisfies(e -> assertThat(e.getMessage()).contains(frozen)));
      await().atMost(Duration.ofSeconds(120)).until(() -> pool.readyReplicas() == 3
          && !livePods(pool).contains(frozen) && workerHosts.apply(redis).containsAll(livePods(pool)));
      return restartedAfter;
    }
  }

  private static Set<String> livePods(TestPool pool) {
    return pool.livePods().stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
  }

  private static boolean isDeletedOrTerminating(Scenario scenario, TestPool pool, String pod) {
    Pod found = scenario.cluster().admin().pods().inNamespace(pool.namespace()).withName(pod).get();
    return found == null || found.getMetadata().getDeletionTimestamp() != null;
  }
}
