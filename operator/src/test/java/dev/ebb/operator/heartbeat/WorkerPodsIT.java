package dev.ebb.operator.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.api.v1alpha1.HeartbeatSpec;
import dev.ebb.api.v1alpha1.ReplicasSpec;
import dev.ebb.api.v1alpha1.ScalingWindow;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.EbbOperator;
import dev.ebb.operator.TestOperators;
import dev.ebb.operator.WorkerPools;
import dev.ebb.operator.model.PoolLabels;
import dev.ebb.operator.security.LogCapture;
import dev.ebb.redis.RedisProcess;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.Objects;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * Stale-worker restarts and deletion costs on the mock API server, from heartbeats in a real Redis (a peer's reclaim
 * runs the worker runtime's own script).
 */
@EnableKubernetesMockClient(crud = true)
class WorkerPodsIT {

  private static final String NS = "shop";
  private static final String REPLICA_SET = "mailer-7d9f8c6b5";
  private static final String POOL = "mailer";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static RedisProcess redis;
  private static JedisPooled jedis;

  KubernetesMockServer server;
  KubernetesClient client;
  private EbbOperator operator;
  private int podPatches;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.startOnFreePort();
    jedis = new JedisPooled(redis.host(), redis.port());
  }

  @AfterAll
  static void stopRedis() {
    jedis.close();
    redis.close();
  }

  @BeforeEach
  void startOperator() throws Exception {
    jedis.flushAll();
    operator = TestOperators.startWithCrd(client);
  }

  @AfterEach
  void stopOperator() {
    operator.close();
  }

  @Test
  void aWorkerWhoseHeartbeatWentStaleIsRestartedAndTheOthersAreLeftAlone() {
    pods(4);
    beat("w0", Instant.now().minusSeconds(300), 0);
    beat("w1", Instant.now(), 2);
    beat("w2", Instant.now(), 0);
    beat("w3", Instant.now(), 1);
    client.resource(pool(4, 4)).create();
    replicaSetOfThePool();

    await().atMost(WAIT).until(() -> podNames().size() == 3);
    assertThat(podNames()).containsExactlyInAnyOrder("w1", "w2", "w3");
    await().atMost(WAIT).untilAsserted(() -> assertThat(events()).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("StaleWorkerRestarted");
      assertThat(e.getMessage()).contains("w0").contains("last heartbeat");
    }));
    assertThat(operator.registry().scrape()).contains("ebb_pool_stale_worker_restarts_total{namespace=\"shop\","
        + "pool=\"mailer\"} 1.0");
  }

  @Test
  void theStartUpTimeLearnedFromThePoolsPodsAppearsInStatusAndMetrics() {
    pods(3);
    readyAfter("w0", 17);
    readyAfter("w1", 20);
    readyAfter("w2", 45);
    for (String pod : List.of("w0", "w1", "w2")) {
      beat(pod, Instant.now(), 0);
    }
    client.resource(withDefaultStaleAfter(pool(3, 3))).create();
    replicaSetOfThePool();

    // the median of 17 s, 20 s and 45 s
    WorkerPool learned = await().atMost(WAIT).until(this::pool, p -> p.getStatus() != null
        && p.getStatus().getWorkers() != null && p.getStatus().getWorkers().getStartupTime() != null);
    assertThat(learned.getStatus().getWorkers().getStartupTime()).isEqualTo("20s");
    await().atMost(WAIT).untilAsserted(() -> assertThat(operator.registry().scrape())
        .contains("ebb_pool_startup_time_seconds{namespace=\"shop\",pool=\"mailer\"} 20.0"));
  }

  /**
   * The pod's Ready condition as the kubelet reports it, {@code seconds} after the creation time the API server gave
   * the pod (the mock server, like a real one, keeps its own creationTimestamp).
   */
  private void readyAfter(String pod, long seconds) {
    client.pods().inNamespace(NS).withName(pod).editStatus(p -> new PodBuilder(p)
        .withNewStatus().withPhase("Running")
          .addNewCondition().withType("Ready").withStatus("True")
            .withLastTransitionTime(Instant.parse(p.getMetadata().getCreationTimestamp()).plusSeconds(seconds)
                .toString()).endCondition()
        .endStatus().build());
  }

  @Test
  void aPodWithThePoolsLabelsThatItsDeploymentDoesNotOwnIsNeverRestarted() {
    pods(3);
    client.resource(pool(3, 3)).create();
    replicaSetOfThePool();
    client.resource(workerPod("impostor").build()).create(); // the pool's labels, no owner: made by hand
    beat("impostor", Instant.now().minusSeconds(300), 0);
    beat("w0", Instant.now().minusSeconds(300), 0);
    beat("w1", Instant.now(), 0);
    beat("w2", Instant.now(), 0);

    await().atMost(WAIT).until(() -> !podNames().contains("w0"));
    await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).untilAsserted(() ->
        assertThat(podNames()).containsExactlyInAnyOrder("impostor", "w1", "w2"));
    assertThat(events()).filteredOn(e -> e.getReason().equals("StaleWorkerRestarted"))
        .singleElement().satisfies(e -> assertThat(e.getMessage()).contains("w0"));
  }

  @Test
  void whenMostWorkersLookStaleAtOnceNoneIsRestartedAndThePoolIsDegraded() {
    pods(4);
    Instant old = Instant.now().minusSeconds(300);
    beat("w0", old, 0);
    beat("w1", old, 0);
    beat("w2", old, 0);
    beat("w3", Instant.now(), 0);
    client.resource(pool(4, 4)).create();
    replicaSetOfThePool();

    WorkerPool degraded = await().atMost(WAIT).until(this::pool, p -> p.getStatus() != null
        && p.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Degraded")
            && c.getStatus().equals("True") && c.getReason().equals("HeartbeatSourceSuspect")));
    assertThat(degraded.getStatus().getWorkers().getStale()).isEqualTo(3);
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(events()).extracting(Event::getReason).contains("StaleRestartsWithheld"));
    await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).untilAsserted(() ->
        assertThat(podNames()).hasSize(4));
  }

  @Test
  void aHungWorkerWhoseJobsAPeerReclaimedIsStillSeenWithItsPodAndRestartedAtTheDefaultStaleAfter() throws Exception {
    pods(4);
    hung("w0", Instant.now().minusSeconds(90)); // SIGSTOPped 90 s ago: its hash expired ...
    reclaimByAPeer("w0"); // ... and a live peer took its jobs
    beat("w1", Instant.now(), 0);
    beat("w2", Instant.now(), 0);
    beat("w3", Instant.now(), 0);
    assertThat(jedis.zrange("ebb:{" + POOL + "}:workers", 0, -1)).doesNotContain(workerId("w0"));
    client.resource(withDefaultStaleAfter(pool(4, 4))).create();
    replicaSetOfThePool();

    await().atMost(WAIT).until(() -> podNames().size() == 3);
    assertThat(podNames()).containsExactlyInAnyOrder("w1", "w2", "w3");
    await().atMost(WAIT).untilAsserted(() -> assertThat(events()).anySatisfy(e -> {
      assertThat(e.getReason()).isEqualTo("StaleWorkerRestarted");
      assertThat(e.getMessage()).contains("w0").contains("last heartbeat 9");
    }));
  }

  @Test
  void whenEveryWorkerOfAPoolHangsNoneIsRestartedAndThePoolIsDegraded() throws Exception {
    pods(3);
    Instant stopped = Instant.now().minusSeconds(90);
    hung("w0", stopped);
    reclaimByAPeer("w0"); // w1 reclaimed w0, then hung too: nobody is left to reclaim w1 and w2
    hung("w1", stopped.plusSeconds(5));
    hung("w2", stopped.plusSeconds(5));
    client.resource(withDefaultStaleAfter(pool(3, 3))).create();
    replicaSetOfThePool();

    WorkerPool degraded = await().atMost(WAIT).until(this::pool, p -> p.getStatus() != null
        && p.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Degraded")
            && c.getStatus().equals("True") && c.getReason().equals("HeartbeatSourceSuspect")));
    assertThat(degraded.getStatus().getWorkers().getStale()).isEqualTo(3);
    assertThat(operator.registry().scrape())
        .contains("ebb_pool_stale_workers{namespace=\"shop\",pool=\"mailer\"} 3.0");
    await().atMost(WAIT).untilAsserted(() ->
        assertThat(events()).extracting(Event::getReason).contains("StaleRestartsWithheld"));
    await().pollDelay(Duration.ofSeconds(2)).atMost(WAIT).untilAsserted(() ->
        assertThat(podNames()).hasSize(3));
  }

  @Test
  void beforeAScaleDownIdleWorkersGetTheLowestDeletionCost() {
    pods(3);
    beat("w0", Instant.now(), 3);
    beat("w1", Instant.now(), 0);
    beat("w2", Instant.now(), 1);
    client.resource(pool(3, 10)).create();
    replicaSetOfThePool();
    await().atMost(WAIT).until(() -> replicas() == 3);

    WorkerPool lower = pool();
    lower.getSpec().getReplicas().setMin(1);
    client.resource(lower).update();

    await().atMost(WAIT).until(() -> replicas() < 3);
    Map<String, String> costs = Map.of(
        "w0", cost("w0"), "w1", cost("w1"), "w2", cost("w2"));
    assertThat(costs).isEqualTo(Map.of("w0", "3", "w1", "0", "w2", "1"));
  }

  @Test
  void whenDeletionCostsCannotBeWrittenThePoolScalesDownAnywayAndSaysSoOncePerOutage() throws Exception {
    // as on a cluster whose RBAC refuses the patch: 403 for every pod, as long as the test runs
    IntStream.range(0, 4).forEach(i -> server.expect().patch().withPath("/api/v1/namespaces/" + NS + "/pods/w" + i)
        .andReturn(403, forbidden("w" + i)).always());
    IntStream.range(0, 4).forEach(i -> beat("w" + i, Instant.now(), 0));
    pods(4);
    WorkerPool pool = pool(4, 10);
    pool.getSpec().getWorkers().getHeartbeat().setStaleAfter("60s");
    try (LogCapture logs = new LogCapture()) {
      client.resource(pool).create();
      replicaSetOfThePool();
      await().atMost(WAIT).until(() -> replicas() == 4);

      lowerMin(3);
      await().atMost(WAIT).until(() -> replicas() == 3);
      lowerMin(2);
      await().atMost(WAIT).until(() -> replicas() == 2);

      await().atMost(WAIT).untilAsserted(() -> assertThat(events()).filteredOn(e -> e.getReason()
          .equals("DeletionCostNotSet")).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo("Warning");
            assertThat(e.getMessage()).contains("403 Forbidden for pods").contains("scaling down")
                .doesNotContain("Failure executing");
          }));
      assertThat(operator.registry().scrape()).contains("ebb_pool_deletion_cost_not_set_total{namespace=\"shop\","
          + "pool=\"mailer\"} 2.0");
      // not retried in a loop: one refused patch per scale-down, none after, and no reconcile failed
      assertThat(podPatches()).isEqualTo(2);
      await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).untilAsserted(() -> assertThat(podPatches()).isEqualTo(2));
      assertThat(operator.registry().scrape()).doesNotContain("operator_sdk_reconciliations_failed_total");
      assertThat(logs.text().lines().filter(l -> l.contains("DeletionCostNotSet"))).hasSize(1);
      assertThat(logs.text()).doesNotContain("KubernetesClientException");
    }
    assertThat(events()).filteredOn(e -> e.getReason().equals("DeletionCostNotSet")).hasSize(1);
  }

  private WorkerPool pool(int min, int max) {
    WorkerPool pool = WorkerPools.valid(NS, POOL, redis.uri());
    pool.getSpec().setReplicas(new ReplicasSpec(min, max));
    pool.getSpec().getScaling().setPollingInterval("1s");
    pool.getSpec().getScaling().setScaleDown(new ScalingWindow("2s"));
    pool.getSpec().getWorkers().getHeartbeat().setStaleAfter("10s");
    return pool;
  }

  private static WorkerPool withDefaultStaleAfter(WorkerPool pool) {
    pool.getSpec().getWorkers().setHeartbeat(new HeartbeatSpec());
    assertThat(pool.getSpec().getWorkers().getHeartbeat().getStaleAfter()).isEqualTo("60s");
    return pool;
  }

  /** Lowers replicas.min, reading again when the update conflicts with the operator's status write. */
  private void lowerMin(int min) {
    await().atMost(WAIT).ignoreException(KubernetesClientException.class).until(() -> {
      WorkerPool lower = pool();
      lower.getSpec().getReplicas().setMin(min);
      client.resource(lower).update();
      return true;
    });
  }

  private static Status forbidden(String pod) {
    return new StatusBuilder().withCode(403).withReason("Forbidden").withStatus("Failure")
        .withMessage("pods \"" + pod + "\" is forbidden: User \"system:serviceaccount:ebb-system:ebb-operator\" "
            + "cannot patch resource \"pods\" in API group \"\" in the namespace \"" + NS + "\"")
        .withNewDetails().withKind("pods").withName(pod).endDetails()
        .build();
  }

  /** PATCH requests on pods so far (each request is counted once: the mock server hands each out once). */
  private int podPatches() throws InterruptedException {
    RecordedRequest request;
    while ((request = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      if (request.getMethod().equals("PATCH") && request.getPath().startsWith("/api/v1/namespaces/" + NS + "/pods/")) {
        podPatches++;
      }
    }
    return podPatches;
  }

  /**
   * {@code count} worker pods as a Deployment's controller makes them: owned by a ReplicaSet whose controller is the
   * pool's Deployment (Ebb acts only on such pods). The ReplicaSet and its pods come first, without an owner;
   * {@link #replicaSetOfThePool()} gives the ReplicaSet its controller once the operator has made the Deployment, so
   * the operator sees all pods become the pool's workers at once, as on a cluster where they run before it looks.
   */
  private void pods(int count) {
    ReplicaSet replicaSet = client.resource(new ReplicaSetBuilder()
        .withNewMetadata().withName(REPLICA_SET).withNamespace(NS)
          .addToLabels(PoolLabels.POOL, POOL).addToLabels(PoolLabels.MANAGED_BY, PoolLabels.MANAGED_BY_VALUE)
        .endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels(PoolLabels.POOL, POOL).endSelector().endSpec()
        .build()).create();
    IntStream.range(0, count).forEach(i -> client.resource(workerPod("w" + i)
        .editMetadata().addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1")
            .withKind("ReplicaSet").withName(REPLICA_SET).withUid(replicaSet.getMetadata().getUid())
            .withController(true).build())
        .endMetadata().build()).create());
  }

  private void replicaSetOfThePool() {
    Deployment deployment = await().atMost(WAIT)
        .until(() -> client.apps().deployments().inNamespace(NS).withName(POOL).get(), Objects::nonNull);
    client.apps().replicaSets().inNamespace(NS).withName(REPLICA_SET).edit(rs -> new ReplicaSetBuilder(rs)
        .editMetadata().addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1")
            .withKind("Deployment").withName(POOL).withUid(deployment.getMetadata().getUid()).withController(true)
            .build()).endMetadata().build());
  }

  private static PodBuilder workerPod(String name) {
    return new PodBuilder()
        .withNewMetadata().withName(name).withNamespace(NS)
          .addToLabels(PoolLabels.POOL, POOL).addToLabels(PoolLabels.MANAGED_BY, PoolLabels.MANAGED_BY_VALUE)
        .endMetadata()
        .withNewSpec().addNewContainer().withName("worker").withImage("worker").endContainer().endSpec();
  }

  /** A worker that beat last at {@code lastBeat} and then stopped (SIGSTOP): registered, its hash expired. */
  private void hung(String pod, Instant lastBeat) {
    jedis.zadd("ebb:{" + POOL + "}:workers", lastBeat.toEpochMilli(), workerId(pod));
  }

  /** A live peer runs the worker runtime's own {@code reclaim} script on the hung worker of {@code pod}. */
  private void reclaimByAPeer(String pod) throws IOException {
    String script = Files.readString(Path.of("..", "worker-runtime", "src", "main", "resources", "dev", "ebb",
        "worker", "protocol", "reclaim.lua"));
    String id = workerId(pod);
    String key = "ebb:{" + POOL + "}:";
    Object moved = jedis.eval(script, List.of(key + "worker:" + id, key + "inflight:" + id, key + "queue",
        key + "workers", key + "stats", key + "reclaimed", key + "epoch:" + id),
        List.of(id, Long.toString(System.currentTimeMillis())));
    assertThat(moved).isEqualTo(0L);
  }

  private static String workerId(String pod) {
    return pod + ":1:abc";
  }

  private void beat(String pod, Instant at, int busy) {
    String id = workerId(pod);
    jedis.zadd("ebb:{" + POOL + "}:workers", at.toEpochMilli(), id);
    jedis.hset("ebb:{" + POOL + "}:worker:" + id, Map.of("id", id, "pod", pod, "pool", POOL, "state", "running",
        "busy", Integer.toString(busy), "concurrency", "10", "beat", Long.toString(at.toEpochMilli())));
  }

  private List<String> podNames() {
    return client.pods().inNamespace(NS).list().getItems().stream().map(p -> p.getMetadata().getName()).toList();
  }

  private String cost(String pod) {
    Pod found = client.pods().inNamespace(NS).withName(pod).get();
    return found.getMetadata().getAnnotations() == null ? null
        : found.getMetadata().getAnnotations().get(DeletionCosts.ANNOTATION);
  }

  private int replicas() {
    var deployment = client.apps().deployments().inNamespace(NS).withName(POOL).get();
    return deployment == null ? -1 : deployment.getSpec().getReplicas();
  }

  private WorkerPool pool() {
    return client.resources(WorkerPool.class).inNamespace(NS).withName(POOL).get();
  }

  private List<Event> events() {
    return client.v1().events().inNamespace(NS).list().getItems();
  }
}
