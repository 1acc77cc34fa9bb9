package dev.ebb.operator.scaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.api.v1alpha1.QueueFormat;
import dev.ebb.api.v1alpha1.ReplicasSpec;
import dev.ebb.api.v1alpha1.ScalingWindow;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.EbbOperator;
import dev.ebb.operator.TestOperators;
import dev.ebb.operator.WorkerPools;
import dev.ebb.redis.RedisProcess;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * The whole operator (mock API server) sizes a pool of each ecosystem without heartbeats from the queue its own client
 * wrote: 300 jobs enqueued by Celery, BullMQ or Laravel raise the Deployment from 1 to 3 replicas (processing time
 * unknown: 100 jobs per replica), the status says stale restarts are off for lack of heartbeats, and an emptied queue
 * brings the pool back to its minimum.
 */
@EnableKubernetesMockClient(crud = true)
class ExistingWorkerPoolsIT {

  private static final String NS = "apps";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int JOBS = 300;
  private static final String PYTHON = "/usr/bin/python3";
  private static RedisProcess redis;

  KubernetesClient client;
  private EbbOperator operator;
  private JedisPooled jedis;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.startOnFreePort();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void startOperator() throws Exception {
    jedis = new JedisPooled(redis.host(), redis.port());
    jedis.flushAll();
    operator = TestOperators.startWithCrd(client);
  }

  @AfterEach
  void stopOperator() {
    operator.close();
    jedis.close();
  }

  @Test
  void aCeleryPoolScalesOnTheTasksCelerysClientSent() throws Exception {
    Path fixture = Path.of("src/test/celery").toAbsolutePath();
    RealLibrary.require("Celery with kombu's Redis transport", "apt-get install python3-celery python3-redis",
        fixture, PYTHON, "-c", "import celery, kombu.transport.redis, redis");
    RealLibrary.run(fixture, Map.of(), PYTHON, "ebb_celery_fixture.py", "push", Integer.toString(redis.port()),
        "celery", Integer.toString(JOBS), "100");

    scalesUpAndBackDown(pool("celery", QueueFormat.CELERY), "celery");
  }

  @Test
  void aBullMqPoolScalesOnTheJobsBullMqsQueueAdded() throws Exception {
    Path fixture = Path.of("src/test/bullmq").toAbsolutePath();
    RealLibrary.require("BullMQ (Node 20 and npm ci in operator/src/test/bullmq)",
        "install nodejs, then run npm ci in operator/src/test/bullmq", fixture,
        "node", "-e", "require('bullmq'); require('ioredis')");
    RealLibrary.run(fixture, Map.of(), "node", "bullmq-fixture.mjs", "add", Integer.toString(redis.port()), "bull",
        "mail", Integer.toString(JOBS), "100", "0", "0");

    scalesUpAndBackDown(pool("mail", QueueFormat.BULLMQ), "bullmq");
  }

  @Test
  void aLaravelPoolScalesOnTheJobsLaravelsQueuePushed() throws Exception {
    Path fixture = Path.of("src/test/laravel").toAbsolutePath();
    RealLibrary.require("Laravel's queue with the phpredis connector",
        "apt-get install php-cli php-redis php-illuminate-queue php-illuminate-redis php-illuminate-events", fixture,
        "php", "-r", "require 'Illuminate/Queue/autoload.php'; require 'Illuminate/Redis/autoload.php';"
            + " require 'Illuminate/Events/autoload.php';"
            + " exit(class_exists('Redis') && class_exists('Illuminate\\\\Queue\\\\Worker') ? 0 : 1);");
    RealLibrary.run(fixture, Map.of(), "php", "laravel-queue.php", "push", Integer.toString(redis.port()),
        "laravel_database_", "default", Integer.toString(JOBS), "100");

    scalesUpAndBackDown(pool("default", QueueFormat.LARAVEL), "laravel");
  }

  private void scalesUpAndBackDown(WorkerPool pool, String format) {
    client.resource(pool).create();
    String name = pool.getMetadata().getName();

    awaitDeployment(name, d -> d.getSpec().getReplicas() == JOBS / 100);
    WorkerPool scaled = await().atMost(WAIT).until(() -> client.resources(WorkerPool.class).inNamespace(NS)
        .withName(name).get(), p -> p.getStatus() != null && p.getStatus().getQueue() != null
        && p.getStatus().getQueue().getDepth() == JOBS);
    Condition staleRestarts = scaled.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals("StaleRestarts")).findFirst().orElseThrow();
    assertThat(staleRestarts.getStatus()).isEqualTo("False");
    assertThat(staleRestarts.getReason()).isEqualTo("NoHeartbeats");
    assertThat(staleRestarts.getMessage()).contains(format);

    jedis.flushAll(); // the workers drained it
    awaitDeployment(name, d -> d.getSpec().getReplicas() == 1);
  }

  private WorkerPool pool(String queue, QueueFormat format) {
    WorkerPool pool = WorkerPools.valid(NS, format.name().toLowerCase(java.util.Locale.ROOT) + "-workers",
        redis.uri());
    pool.getSpec().getQueue().getRedis().setQueue(queue);
    pool.getSpec().getQueue().getRedis().setFormat(format);
    pool.getSpec().setReplicas(new ReplicasSpec(1, 10));
    pool.getSpec().getScaling().setPollingInterval("1s");
    pool.getSpec().getScaling().setScaleDown(new ScalingWindow("3s"));
    return pool;
  }

  private Deployment awaitDeployment(String name, Predicate<Deployment> condition) {
    return await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace(NS).withName(name).get(),
        d -> d != null && condition.test(d));
  }
}
