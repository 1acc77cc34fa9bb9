package dev.ebb.operator.scaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.api.v1alpha1.CeleryOptions;
import dev.ebb.api.v1alpha1.QueueFormat;
import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.api.v1alpha1.RedisQueueSpec;
import dev.ebb.redis.RedisProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.JedisPooled;

/**
 * A Celery queue as Celery 5.2 and kombu's Redis transport (Debian's python3-celery) write it: tasks sent with
 * Celery's own client, run by Celery's own worker, read back by {@link CeleryScaler}.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hung library process fails the test
class CeleryScalerIT {

  private static final Path FIXTURE = Path.of("src/test/celery").toAbsolutePath();
  private static final String PYTHON = "/usr/bin/python3";
  private static RedisProcess redis;

  private RedisConnections connections;
  private ScalerRegistry registry;
  private JedisPooled jedis;
  private Process worker;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.startOnFreePort();
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  @BeforeEach
  void connect() {
    RealLibrary.require("Celery with kombu's Redis transport", "apt-get install python3-celery python3-redis",
        FIXTURE, PYTHON, "-c", "import celery, kombu.transport.redis, redis");
    connections = new RedisConnections(Duration.ofSeconds(2), 4);
    registry = new ScalerRegistry(connections, Clock.systemUTC());
    jedis = new JedisPooled(redis.host(), redis.port());
    jedis.flushAll();
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    RealLibrary.stop(worker);
    if (registry != null) { // null when the library is missing and the test was skipped
      registry.close();
      jedis.close();
    }
  }

  @Test
  void depthCountsEveryPriorityListOfTheQueueAndNothingElse() throws Exception {
    send(Map.of(), "reports", 3, 100);
    send(Map.of(), "reports", 2, 100, 5); // kombu puts priority 5 on the list of step 3
    send(Map.of(), "reports", 1, 100, 9);
    send(Map.of(), "mailer", 4, 100); // another queue on the same database

    QueueReading reading = measure(celery("reports", null));

    assertThat(reading.depth()).isEqualTo(6);
    assertThat(reading.oldestJobAge()).as("Celery messages carry no send time").isEmpty();
    assertThat(reading.runningJobs()).hasValue(0);
    assertThat(reading.processingTime()).isEmpty();
    assertThat(reading.completedTotal()).isEmpty();
    assertThat(reading.workers()).isEmpty();
    assertThat(reading.heartbeats()).isEqualTo(QueueReading.Heartbeats.NOT_KEPT);
    assertThat(measure(celery("mailer", null)).depth()).isEqualTo(4);
  }

  @Test
  void anAppsOwnPriorityStepsAndKeyPrefixAreFollowed() throws Exception {
    Map<String, String> transport = Map.of("EBB_CELERY_PRIORITY_STEPS", "0,1,2,3,4,5,6,7,8,9",
        "EBB_CELERY_KEYPREFIX", "shop:");
    send(transport, "reports", 1, 100);
    send(transport, "reports", 2, 100, 1);
    send(transport, "reports", 3, 100, 7);
    CeleryOptions options = new CeleryOptions();
    options.setPrioritySteps(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    options.setGlobalKeyPrefix("shop:");

    assertThat(measure(celery("reports", options)).depth()).isEqualTo(6);
    assertThat(measure(celery("reports", null)).depth()).as("read with kombu's defaults").isZero();
  }

  @Test
  void tasksARealWorkerHoldsAreInFlightAndLeaveTheDepth() throws Exception {
    send(Map.of(), "reports", 5, 4_000);
    worker = RealLibrary.start(FIXTURE, RealLibrary.logFile("celery-worker"),
        Map.of("EBB_REDIS_PORT", Integer.toString(redis.port())),
        PYTHON, "-m", "celery", "-A", "ebb_celery_fixture", "worker", "-Q", "reports", "-c", "2",
        "--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "info");

    // acks_late with a prefetch multiplier of 1: the worker holds as many tasks as it runs, two
    AtomicReference<QueueReading> seen = new AtomicReference<>();
    await("two tasks in flight (worker log " + RealLibrary.logFile("celery-worker") + ")")
        .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          seen.set(measure(celery("reports", null)));
          return seen.get().runningJobs().orElse(-1) == 2;
        });
    assertThat(seen.get().depth()).isEqualTo(3);
    assertThat(seen.get().processingTime()).as("Celery's Redis keeps no processing times").isEmpty();
  }

  @Test
  void withCeleryDefaultEarlyAckARunningTaskIsNotInFlight() throws Exception {
    send(Map.of(), "reports", 1, 6_000);
    Path log = RealLibrary.logFile("celery-worker-early-ack");
    worker = RealLibrary.start(FIXTURE, log,
        Map.of("EBB_REDIS_PORT", Integer.toString(redis.port()), "EBB_CELERY_ACKS_LATE", "0"),
        PYTHON, "-m", "celery", "-A", "ebb_celery_fixture", "worker", "-Q", "reports", "-c", "2",
        "--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "info");

    // the task is acknowledged as it starts: from then on it is neither waiting nor in flight, though it runs 6 s
    await("the task taken and acknowledged (worker log " + log + ")")
        .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          QueueReading reading = measure(celery("reports", null));
          return Files.readString(log).contains("received") && reading.depth() == 0
              && reading.runningJobs().orElse(-1) == 0;
        });
    assertThat(Files.readString(log)).as("the task still runs").doesNotContain("succeeded");
  }

  private void send(Map<String, String> env, String queue, int count, int sleepMs, int... priority)
      throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(PYTHON, "ebb_celery_fixture.py", "push",
        Integer.toString(redis.port()), queue, Integer.toString(count), Integer.toString(sleepMs)));
    if (priority.length > 0) {
      command.add(Integer.toString(priority[0]));
    }
    RealLibrary.run(FIXTURE, env, command.toArray(String[]::new));
  }

  private QueueReading measure(QueueSpec queue) throws ScalerException {
    try (QueueScaler scaler = registry.create(queue, Optional.empty())) {
      return scaler.measure();
    }
  }

  private static QueueSpec celery(String queue, CeleryOptions options) {
    RedisQueueSpec spec = new RedisQueueSpec(redis.uri(), queue);
    spec.setFormat(QueueFormat.CELERY);
    spec.setCelery(options);
    return new QueueSpec(spec);
  }
}
