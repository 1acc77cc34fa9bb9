package dev.ebb.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.api.v1alpha1.WorkerBudget;
import dev.ebb.e2e.support.Figures;
import dev.ebb.e2e.support.JobLedger;
import dev.ebb.e2e.support.Scenario;
import dev.ebb.e2e.support.TestPool;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.JedisPooled;

/**
 * Three pools sharing one WorkerBudget on a real cluster, with real workers: a burst on all three at once never takes
 * the sum of their Deployments' spec.replicas x cost above the limit at any poll, the budget's status and printer
 * columns show it, and the same burst without the budget goes above it. The figures of both runs (use at every poll,
 * each pool's p95 of the oldest waiting job's age, time to drain) go to the closing note.
 */
class BudgetIT {

  private static final int LIMIT = 14;
  private static final int CONCURRENCY = 2;
  // 1,500 x 200 ms jobs: 300 job-seconds, which every pool wants to drain within its goal with more workers than
  // the budget has for all three (at least 3 each, 2 job slots a worker), also once the processing time is known
  private static final int JOBS = 1_500;
  private static final long JOB_MS = 200;
  private static final Map<String, String> GOALS = new LinkedHashMap<>(Map.of("checkout", "10s", "emails", "30s",
      "reports", "60s"));
  private static final Pattern ENQUEUED_AT = Pattern.compile("\"enqueuedAt\"\\s*:\\s*(\\d+)");

  @RegisterExtension
  static final Scenario scenario = Scenario.in("e2e-budget");

  @Test
  void aBurstOnThreePoolsNeverTakesTheirDeploymentsAboveTheBudget() {
    List<TestPool> pools = new ArrayList<>();
    for (String name : List.of("checkout", "emails", "reports")) {
      String yaml = TestPool.yaml(scenario.namespace(), name, """
            replicas: {min: 1, max: 4}
            queue:
              redis: {address: "%s", queue: %s}
            scaling:
              pollingInterval: 1s
              maxQueueLatency: %s
              jobsPerReplica: 50
              scaleDown: {stabilizationWindow: 10s}
            workers: {concurrency: %d, shutdownGracePeriod: 20s}
          """.formatted(scenario.redisAddress(), name, GOALS.get(name), CONCURRENCY))
          .replace("metadata: {name: " + name + ", namespace: " + scenario.namespace() + "}",
              "metadata: {name: " + name + ", namespace: " + scenario.namespace() + ", labels: {budget: db}}");
      pools.add(scenario.pool(name).create(yaml));
    }
    scenario.cluster().admin().resources(WorkerBudget.class).load(new ByteArrayInputStream("""
        apiVersion: ebb.dev/v1alpha1
        kind: WorkerBudget
        metadata: {name: db, namespace: %s}
        spec:
          limit: %d
          selector: {matchLabels: {budget: db}}
        """.formatted(scenario.namespace(), LIMIT).getBytes(StandardCharsets.UTF_8))).create();
    await().atMost(Duration.ofSeconds(120)).until(() -> pools.stream().allMatch(p -> p.readyReplicas() == 1));

    Run capped = burst(pools, "with");
    assertThat(capped.maxUsed).as("the budget's use at every poll: %s", capped.used).isLessThanOrEqualTo(LIMIT);
    assertThat(capped.maxUsed).as("the burst wants more than the budget: it is used up").isGreaterThan(LIMIT
        - CONCURRENCY);
    assertThat(capped.throttledSeen).as("a pool said it was throttled").isTrue();
    assertThat(pools.stream().mapToLong(p -> p.events("Throttled").size()).sum()).isPositive();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      String columns = scenario.cluster().kubectl().run(null, "get", "wb", "-n", scenario.namespace());
      assertThat(columns.lines().findFirst().orElseThrow())
          .matches("NAME\\s+LIMIT\\s+USED\\s+WANTED\\s+POOLS\\s+THROTTLED\\s+AGE");
      assertThat(columns).containsPattern("db\\s+" + LIMIT + "\\s+\\d+\\s+\\d+\\s+3\\s+\\d+");
    });

    // the same burst without the budget, for comparison
    scenario.cluster().admin().resources(WorkerBudget.class).inNamespace(scenario.namespace()).withName("db")
        .delete();
    await().atMost(Duration.ofSeconds(90)).until(() -> pools.stream().allMatch(p -> p.deploymentReplicas() == 1));
    Run free = burst(pools, "without");
    assertThat(free.maxUsed).as("without the budget the same burst goes above it").isGreaterThan(LIMIT);

    Figures.record("budget", "three pools (max 4, concurrency " + CONCURRENCY + ", cost " + CONCURRENCY + " a worker),"
        + " " + JOBS + " x " + JOB_MS + " ms jobs each at once; budget limit " + LIMIT + ", sampled every 1 s poll");
    Figures.record("budget", capped.describe("with the budget   "));
    Figures.record("budget", free.describe("without the budget"));
  }

  /** Enqueues the burst on every pool and samples the Deployments and the queues every second until all is done. */
  private Run burst(List<TestPool> pools, String label) {
    Run run = new Run();
    List<JobLedger> ledgers = pools.stream().map(p -> scenario.ledger(p.queue())).toList();
    try (JedisPooled redis = new JedisPooled(scenario.redis().host(), scenario.redis().port())) {
      Instant start = Instant.now();
      ledgers.forEach(ledger -> ledger.enqueue(JOBS, JOB_MS));
      await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1)).until(() -> {
        int used = pools.stream().mapToInt(p -> Math.max(0, p.deploymentReplicas())).sum() * CONCURRENCY;
        run.used.add(used);
        run.maxUsed = Math.max(run.maxUsed, used);
        for (TestPool pool : pools) {
          run.oldest.computeIfAbsent(pool.name(), k -> new ArrayList<>()).add(oldestAge(redis, pool.queue()));
          run.throttledSeen |= pool.condition("Throttled").equals("True/BudgetLimit");
        }
        boolean done = true;
        for (int i = 0; i < pools.size(); i++) {
          if (ledgers.get(i).counts().accountedFor() < ledgers.get(i).counts().enqueued()) {
            done = false;
          } else {
            run.drained.putIfAbsent(pools.get(i).name(), Duration.between(start, Instant.now()));
          }
        }
        return done;
      });
    } finally {
      ledgers.forEach(JobLedger::close);
    }
    // the next burst starts from clean counters
    try (JedisPooled redis = new JedisPooled(scenario.redis().host(), scenario.redis().port())) {
      redis.del(TestPool.COMPLETIONS_KEY);
    }
    return run;
  }

  /** Seconds the oldest waiting job of the queue has waited (0 when none waits). */
  private static double oldestAge(JedisPooled redis, String queue) {
    String oldest = redis.lindex("ebb:{" + queue + "}:queue", -1);
    if (oldest == null) {
      return 0;
    }
    Matcher matcher = ENQUEUED_AT.matcher(oldest);
    return matcher.find() ? Math.max(0, System.currentTimeMillis() - Long.parseLong(matcher.group(1))) / 1000.0 : 0;
  }

  private static final class Run {
    final List<Integer> used = new ArrayList<>();
    final Map<String, List<Double>> oldest = new LinkedHashMap<>();
    final Map<String, Duration> drained = new LinkedHashMap<>();
    int maxUsed;
    boolean throttledSeen;

    String describe(String label) {
      StringBuilder line = new StringBuilder(label + ": used max " + maxUsed + " of " + LIMIT + " (" + used.size()
          + " polls: " + used + ")");
      for (Map.Entry<String, List<Double>> pool : oldest.entrySet()) {
        List<Double> ages = pool.getValue().stream().sorted().toList();
        double p95 = ages.get(Math.max(0, (int) Math.ceil(ages.size() * 0.95) - 1));
        line.append(String.format(Locale.ROOT, "; %s (goal %s) p95 oldest wait %.1f s, max %.1f s, drained in %s",
            pool.getKey(), GOALS.get(pool.getKey()), p95, ages.get(ages.size() - 1),
            Figures.seconds(drained.getOrDefault(pool.getKey(), Duration.ZERO))));
      }
      return line.toString();
    }
  }
}
