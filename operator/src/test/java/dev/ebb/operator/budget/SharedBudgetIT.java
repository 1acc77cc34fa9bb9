package dev.ebb.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.api.v1alpha1.ReplicasSpec;
import dev.ebb.api.v1alpha1.WorkerBudget;
import dev.ebb.api.v1alpha1.WorkerBudgetSpec;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.EbbOperator;
import dev.ebb.operator.EbbQueueWriter;
import dev.ebb.operator.TestOperators;
import dev.ebb.operator.WorkerPools;
import dev.ebb.redis.RedisProcess;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Three pools sharing a WorkerBudget on the mock API server with a real Redis: a burst on all three never takes the
 * sum of their Deployments' replicas x cost above the limit, the pool furthest behind its goal gets the most, the
 * throttled pools say so, and a budget shrunk below its use brings the pools down.
 */
@EnableKubernetesMockClient(crud = true)
class SharedBudgetIT {

  private static final String NS = "shop";
  private static final int COST = 10;
  private static final List<String> POOLS = List.of("checkout", "emails", "reports");
  private static RedisProcess redis;
  private static EbbQueueWriter queue;

  KubernetesClient client;
  private EbbOperator operator;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.startOnFreePort();
    queue = new EbbQueueWriter(redis.host(), redis.port());
  }

  @AfterAll
  static void stopRedis() {
    queue.close();
    redis.close();
  }

  @BeforeEach
  void startOperator() throws Exception {
    queue.flushAll();
    client.apiextensions().v1().customResourceDefinitions()
        .load(getClass().getResourceAsStream("/META-INF/fabric8/workerbudgets.ebb.dev-v1.yml")).create();
    operator = TestOperators.startWithCrd(client);
  }

  @AfterEach
  void stopOperator() {
    operator.close();
  }

  @Test
  void aBurstOnThreePoolsNeverTakesTheirSumAboveTheLimitAndTheLatestPoolGainsMost() {
    client.resource(budget(60)).create();
    for (String name : POOLS) {
      client.resource(pool(name, 1, name.equals("checkout") ? "5s" : "30s")).create();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> used() == 3 * COST);

    // 1000 jobs each, waiting 10 s already: every pool wants 10 workers (100 jobs per replica), 300 in all;
    // checkout is 2x behind its 5 s goal, the others a third of their 30 s
    Instant enqueued = Instant.now().minusSeconds(10);
    POOLS.forEach(name -> queue.enqueue(name, 1_000, enqueued));
    // whichever pool was planned first may take the room first; the one over its share gives it back at its next
    // poll and checkout, furthest behind, takes it at its own: the allocation settles with checkout ahead
    List<Integer> samples = sampleUntil(() -> used() == 60 && throttled(POOLS)
        && replicas("checkout") > Math.max(replicas("emails"), replicas("reports")), Duration.ofSeconds(20));

    assertThat(samples).as("budget use at every sample").allSatisfy(used -> assertThat(used).isLessThanOrEqualTo(60));
    Condition throttled = condition(pool("emails"), "Throttled").orElseThrow();
    assertThat(throttled.getReason()).isEqualTo("BudgetLimit");
    assertThat(throttled.getMessage()).contains("budget db (limit 60)").contains("of the 10 replicas wanted");
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      WorkerBudget budget = client.resources(WorkerBudget.class).inNamespace(NS).withName("db").get();
      assertThat(budget.getStatus().getUsed()).isEqualTo(60);
      assertThat(budget.getStatus().getWanted()).isEqualTo(300);
      assertThat(budget.getStatus().getPools()).isEqualTo(3);
      assertThat(budget.getStatus().getThrottledPools()).containsExactlyElementsOf(POOLS);
    });
    assertThat(client.v1().events().inNamespace(NS).list().getItems()).filteredOn(e -> e.getReason()
        .equals("Throttled")).extracting(e -> e.getInvolvedObject().getName()).containsOnlyOnceElementsOf(POOLS);

    // the budget shrinks to the pools' minimums: all go down, and it is never exceeded on the way
    WorkerBudget shrunk = client.resources(WorkerBudget.class).inNamespace(NS).withName("db").get();
    shrunk.getSpec().setLimit(30L);
    client.resource(shrunk).update();
    samples = sampleUntil(() -> used() == 30, Duration.ofSeconds(20));
    assertThat(samples).allSatisfy(used -> assertThat(used).isLessThanOrEqualTo(60));
    POOLS.forEach(name -> assertThat(replicas(name)).isEqualTo(1));

    // the queues drain: the pools are within the budget again and say so once
    POOLS.forEach(queue::drain);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> POOLS.forEach(name ->
        assertThat(condition(pool(name), "Throttled")).get().extracting(Condition::getReason)
            .isEqualTo("WithinBudget")));
    assertThat(client.v1().events().inNamespace(NS).list().getItems()).extracting(Event::getReason)
        .contains("NoLongerThrottled");
  }

  @Test
  void aPoolWhoseMinExceedsItsBudgetIsNotReady() {
    client.resource(budget(60)).create();
    client.resource(pool("checkout", 7, "30s")).create();

    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      Condition ready = condition(pool("checkout"), "Ready").orElseThrow();
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("BudgetTooSmall");
      assertThat(ready.getMessage()).isEqualTo("replicas.min 7 x workers.budgetCost 10 = 70 exceeds the limit 60"
          + " of WorkerBudget db");
    });
    assertThat(client.apps().deployments().inNamespace(NS).withName("checkout").get()).isNull();
  }

  private List<Integer> sampleUntil(BooleanSupplier done, Duration within) {
    List<Integer> samples = new ArrayList<>();
    await().atMost(within).pollInterval(Duration.ofMillis(50)).until(() -> {
      samples.add(used());
      return done.getAsBoolean();
    });
    return samples;
  }

  private int used() {
    return POOLS.stream().mapToInt(this::replicas).sum() * COST;
  }

  private int replicas(String name) {
    Deployment deployment = client.apps().deployments().inNamespace(NS).withName(name).get();
    return deployment == null ? 0 : deployment.getSpec().getReplicas();
  }

  private boolean throttled(List<String> names) {
    return names.stream().allMatch(name -> condition(pool(name), "Throttled").map(Condition::getReason)
        .filter("BudgetLimit"::equals).isPresent());
  }

  private WorkerPool pool(String name) {
    return client.resources(WorkerPool.class).inNamespace(NS).withName(name).get();
  }

  private static Optional<Condition> condition(WorkerPool pool, String type) {
    return pool == null || pool.getStatus() == null ? Optional.empty()
        : pool.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst();
  }

  private static WorkerBudget budget(long limit) {
    WorkerBudget budget = new WorkerBudget();
    budget.getMetadata().setName("db");
    budget.getMetadata().setNamespace(NS);
    budget.setSpec(new WorkerBudgetSpec(limit, new LabelSelectorBuilder().addToMatchLabels("budget", "db").build()));
    return budget;
  }

  private WorkerPool pool(String name, int min, String goal) {
    WorkerPool pool = WorkerPools.valid(NS, name, redis.uri());
    pool.getMetadata().setLabels(Map.of("budget", "db"));
    pool.getSpec().setReplicas(new ReplicasSpec(min, 20));
    pool.getSpec().getScaling().setPollingInterval("1s");
    pool.getSpec().getScaling().setMaxQueueLatency(goal);
    pool.getSpec().getWorkers().setBudgetCost(COST);
    return pool;
  }
}
