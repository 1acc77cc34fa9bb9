package dev.ebb.operator.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.api.v1alpha1.FallbackSpec;
import dev.ebb.api.v1alpha1.QueueFormat;
import dev.ebb.api.v1alpha1.ReplicasSpec;
import dev.ebb.api.v1alpha1.ScalingWindow;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.EbbOperator;
import dev.ebb.operator.TestOperators;
import dev.ebb.operator.EbbQueueWriter;
import dev.ebb.operator.TestOperators;
import dev.ebb.operator.WorkerPools;
import dev.ebb.redis.RedisProcess;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole loop on the mock API server with a real Redis: queue -> measurement -> policy -> Deployment -> status. */
@EnableKubernetesMockClient(crud = true)
class AutoscalingIT {

  private static final String NS = "shop";
  private static final String POOL = "mailer";
  private static final Duration WAIT = Duration.ofSeconds(20);
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
    if (!redis.isRunning()) {
      redis.start();
    }
    queue.flushAll();
    operator = TestOperators.startWithCrd(client);
  }

  @AfterEach
  void stopOperator() {
    operator.close();
  }

  @Test
  void aBacklogRaisesReplicasWithinAPollingIntervalAndTheyFallAfterTheWindow() {
    client.resource(pool()).create();
    awaitDeployment(d -> d.getSpec().getReplicas() == 1);
    awaitPool(p -> p.getStatus().getQueue() != null);

    Instant enqueued = Instant.now();
    queue.enqueue(POOL, 1_000, enqueued);

    // processing time unknown (no workers): ceil(1000 / 100 jobs per replica) = 10; one poll is 1 s, the wait
    // allows for the reconcile and a loaded CI machine
    awaitDeployment(d -> d.getSpec().getReplicas() == 10, Duration.ofSeconds(3));
    WorkerPool scaled = awaitPool(p -> p.getStatus().getDesiredReplicas() == 10
        && p.getStatus().getQueue().getDepth() == 1_000);
    assertThat(scaled.getStatus().getLastScaleTime()).isNotNull();
    assertThat(condition(scaled, "Active").getStatus()).isEqualTo("True");
    assertThat(condition(scaled, "StaleRestarts").getStatus()).as("Ebb's workers beat").isEqualTo("True");
    await().atMost(WAIT).untilAsserted(() -> assertThat(events()).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("Scaled");
      assertThat(e.getMessage()).contains("queue 1000").contains("1 -> 10 replicas");
    }));

    queue.drain(POOL);
    Instant drained = Instant.now();
    awaitDeployment(d -> d.getSpec().getReplicas() == 1);
    assertThat(Duration.between(drained, Instant.now())).as("scale-down waits for its 3s window")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void anUnreachableQueueHoldsReplicasThenRunsTheFallbackAndRecovers() {
    client.resource(pool()).create();
    queue.enqueue(POOL, 400, Instant.now());
    awaitDeployment(d -> d.getSpec().getReplicas() == 4);

    redis.kill();

    WorkerPool failing = awaitPool(p -> reason(p, "Fallback").equals("MeasurementFailing"));
    assertThat(condition(failing, "Fallback").getStatus()).isEqualTo("False");
    assertThat(client.apps().deployments().inNamespace(NS).withName(POOL).get().getSpec().getReplicas())
        .as("a missing signal is not an empty queue: replicas hold").isEqualTo(4);

    WorkerPool fallback = awaitPool(p -> reason(p, "Fallback").equals("FallbackReplicas"));
    assertThat(condition(fallback, "Fallback").getStatus()).isEqualTo("True");
    awaitDeployment(d -> d.getSpec().getReplicas() == 3);
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(events()).extracting(Event::getReason).contains("QueueNotMeasured", "FallbackActive"));

    redis.start();
    queue.enqueue(POOL, 600, Instant.now());
    awaitDeployment(d -> d.getSpec().getReplicas() == 6);
    WorkerPool recovered = awaitPool(p -> reason(p, "Fallback").equals("QueueMeasured"));
    assertThat(condition(recovered, "Fallback").getStatus()).isEqualTo("False");
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(events()).extracting(Event::getReason).contains("QueueMeasuredAgain"));
  }

  @Test
  void aPausedPoolHoldsItsReplicasWhateverTheQueue() {
    client.resource(pool()).create();
    awaitDeployment(d -> d.getSpec().getReplicas() == 1);
    editPool(p -> {
      p.getSpec().getScaling().setPaused(true);
      return p;
    });
    awaitPool(p -> reason(p, "Paused").equals("PausedBySpec"));

    queue.enqueue(POOL, 1_500, Instant.now());
    awaitPool(p -> p.getStatus().getQueue() != null && p.getStatus().getQueue().getDepth() == 1_500);
    await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).untilAsserted(() ->
        assertThat(client.apps().deployments().inNamespace(NS).withName(POOL).get().getSpec().getReplicas())
            .isEqualTo(1));

    editPool(p -> {
      p.getSpec().getScaling().setPaused(false);
      return p;
    });
    awaitDeployment(d -> d.getSpec().getReplicas() == 15);
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(events()).extracting(Event::getReason).contains("ScalingPaused", "ScalingResumed"));
  }

  @Test
  void aFormatWithoutHeartbeatsTurnsStaleRestartsOffAndSaysWhy() {
    WorkerPool pool = pool();
    pool.getSpec().getQueue().getRedis().setFormat(QueueFormat.LIST);
    client.resource(pool).create();

    WorkerPool measured = awaitPool(p -> p.getStatus().getQueue() != null
        && !reason(p, "StaleRestarts").isEmpty());

    Condition staleRestarts = condition(measured, "StaleRestarts");
    assertThat(staleRestarts.getStatus()).isEqualTo("False");
    assertThat(staleRestarts.getReason()).isEqualTo("NoHeartbeats");
    assertThat(staleRestarts.getMessage()).contains("format list keeps no worker heartbeats");
  }

  @Test
  void aPoolAtZeroWakesForItsFirstJob() {
    WorkerPool pool = pool();
    pool.getSpec().setReplicas(new ReplicasSpec(0, 20));
    pool.getSpec().getScaling().setFallback(new FallbackSpec(null, 2));
    client.resource(pool).create();
    awaitDeployment(d -> d.getSpec().getReplicas() == 0);
    assertThat(condition(awaitPool(p -> p.getStatus().getDesiredReplicas() != null), "Active").getStatus())
        .isEqualTo("False");

    queue.enqueue(POOL, 1, Instant.now());

    awaitDeployment(d -> d.getSpec().getReplicas() == 1, Duration.ofSeconds(3));
  }

  @Test
  void aQuietQueueIsPolledEverySecondWithoutAReconcileEachTimeButAChangeIsActedOnAtOnce() throws Exception {
    operator.close();
    operator = EbbOperator.start(TestOperators.config().withStatusFiguresInterval(Duration.ofHours(1)), client);
    client.resource(pool()).create();
    awaitDeployment(d -> d.getSpec().getReplicas() == 1);
    // the first figures are written at once, even inside the hour set above (StatusWriteGate)
    awaitPool(p -> p.getStatus().getQueue() != null);
    double settled = reconciles();
    assertThat(settled).as("JOSDK counts reconciles").isPositive();

    await().pollDelay(Duration.ofSeconds(4)).atMost(WAIT).untilAsserted(() ->
        assertThat(reconciles() - settled).as("reconciles over 4 idle polls").isLessThanOrEqualTo(1));

    queue.enqueue(POOL, 1_000, Instant.now());
    awaitDeployment(d -> d.getSpec().getReplicas() == 10, Duration.ofSeconds(3));
  }

  private double reconciles() {
    return operator.registry().find("operator.sdk.reconciliations.started").counters().stream()
        .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
  }

  private WorkerPool pool() {
    WorkerPool pool = WorkerPools.valid(NS, POOL, redis.uri());
    pool.getSpec().setReplicas(new ReplicasSpec(1, 20));
    pool.getSpec().getScaling().setPollingInterval("1s");
    pool.getSpec().getScaling().setScaleDown(new ScalingWindow("3s"));
    pool.getSpec().getScaling().setScaleToZeroAfter("2s");
    pool.getSpec().getScaling().setFallback(new FallbackSpec(3, 2));
    return pool;
  }

  private Deployment awaitDeployment(Predicate<Deployment> condition) {
    return awaitDeployment(condition, WAIT);
  }

  private Deployment awaitDeployment(Predicate<Deployment> condition, Duration within) {
    return await().atMost(within).until(() -> client.apps().deployments().inNamespace(NS).withName(POOL).get(),
        d -> d != null && condition.test(d));
  }

  private WorkerPool awaitPool(Predicate<WorkerPool> condition) {
    return await().atMost(WAIT).until(() -> client.resources(WorkerPool.class).inNamespace(NS).withName(POOL).get(),
        p -> p != null && p.getStatus() != null && condition.test(p));
  }

  private void editPool(UnaryOperator<WorkerPool> edit) {
    await().atMost(WAIT).ignoreException(KubernetesClientException.class).until(() -> {
      WorkerPool current = client.resources(WorkerPool.class).inNamespace(NS).withName(POOL).get();
      client.resource(edit.apply(current)).update();
      return true;
    });
  }

  private List<Event> events() {
    return client.v1().events().inNamespace(NS).list().getItems();
  }

  private static String reason(WorkerPool pool, String type) {
    return find(pool, type).map(Condition::getReason).orElse("");
  }

  private static Condition condition(WorkerPool pool, String type) {
    return find(pool, type).orElseThrow();
  }

  private static Optional<Condition> find(WorkerPool pool, String type) {
    return pool.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst();
  }
}
