package dev.ebb.operator.scaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.api.v1alpha1.LaravelOptions;
import dev.ebb.api.v1alpha1.QueueFormat;
import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.api.v1alpha1.RedisQueueSpec;
import dev.ebb.redis.RedisProcess;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
 * A Laravel Redis queue as Laravel 8's own queue writes it (Debian's php-illuminate-queue with php-illuminate-redis
 * and php-redis): jobs pushed with Laravel's queue Capsule, run by Laravel's own Worker loop in {@code queue:work}'s
 * place, read back by {@link LaravelScaler}.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hung library process fails the test
class LaravelScalerIT {

  private static final Path FIXTURE = Path.of("src/test/laravel").toAbsolutePath();
  private static RedisProcess redis;

  private RedisConnections connections;
  private ScalerRegistry registry;
  private JedisPooled jedis;
  private final List<Process> workers = new ArrayList<>();

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
    RealLibrary.require("Laravel's queue with the phpredis connector",
        "apt-get install php-cli php-redis php-illuminate-queue php-illuminate-redis php-illuminate-events", FIXTURE,
        "php", "-r", "require 'Illuminate/Queue/autoload.php'; require 'Illuminate/Redis/autoload.php';"
            + " require 'Illuminate/Events/autoload.php';"
            + " exit(class_exists('Redis') && class_exists('Illuminate\\\\Queue\\\\Worker') ? 0 : 1);");
    connections = new RedisConnections(Duration.ofSeconds(2), 4);
    registry = new ScalerRegistry(connections, Clock.systemUTC());
    jedis = new JedisPooled(redis.host(), redis.port());
    jedis.flushAll();
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    for (Process worker : workers) {
      RealLibrary.stop(worker);
    }
    if (registry != null) { // null when the library is missing and the test was skipped
      registry.close();
      jedis.close();
    }
  }

  @Test
  void laravelsOwnPayloadGivesDepthButNoAge() throws Exception {
    push(Map.of(), "laravel_database_", "default", 3, 100, null);
    push(Map.of(), "laravel_database_", "emails", 2, 100, null);
    push(Map.of(), "laravel_database_", "default", 1, 100, 3_600); // delayed an hour: not waiting yet

    QueueReading reading = measure(laravel("default", null));

    assertThat(reading.depth()).isEqualTo(3);
    assertThat(reading.oldestJobAge()).as("Laravel 8's payload has no enqueue time").isEmpty();
    assertThat(reading.runningJobs()).hasValue(0);
    assertThat(reading.processingTime()).isEmpty();
    assertThat(reading.completedTotal()).isEmpty();
    assertThat(reading.heartbeats()).isEqualTo(QueueReading.Heartbeats.NOT_KEPT);
    assertThat(reading.workers()).isEmpty();
  }

  @Test
  void dueDelayedJobsAreWaitingSinceTheSecondTheyBecameAvailable() throws Exception {
    Instant pushStarted = Instant.now();
    push(Map.of(), "laravel_database_", "default", 2, 100, 1);
    Instant pushEnded = Instant.now();
    Thread.sleep(2_200);

    QueueReading reading = measure(laravel("default", null));

    // Laravel scores a delayed job by the whole second it becomes available: push time + 1 s, truncated
    assertThat(reading.depth()).isEqualTo(2);
    assertThat(reading.oldestJobAge()).hasValueSatisfying(age -> assertThat(age).isBetween(
        Duration.between(pushEnded.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1), reading.readAt()),
        Duration.between(pushStarted.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1), reading.readAt())));
  }

  @Test
  void horizonsPushedAtGivesTheOldestJobsAgeUnderTheAppsPrefix() throws Exception {
    Instant pushStarted = Instant.now();
    push(Map.of("EBB_LARAVEL_PUSHED_AT", "1"), "", "default", 1, 100, null);
    Instant pushEnded = Instant.now();
    push(Map.of("EBB_LARAVEL_PUSHED_AT", "1"), "", "default", 1, 100, null);
    Thread.sleep(1_000);

    QueueReading reading = measure(laravel("default", ""));

    assertThat(reading.depth()).isEqualTo(2);
    assertThat(reading.oldestJobAge()).hasValueSatisfying(age -> assertThat(age).isBetween(
        Duration.between(pushEnded, reading.readAt()), Duration.between(pushStarted, reading.readAt())));
    assertThat(measure(laravel("default", null)).depth()).as("read under Laravel's default prefix").isZero();
  }

  @Test
  void jobsRealWorkersHaveReservedAreRunning() throws Exception {
    push(Map.of(), "laravel_database_", "default", 4, 5_000, null);
    for (int i = 0; i < 2; i++) {
      workers.add(RealLibrary.start(FIXTURE, RealLibrary.logFile("laravel-worker-" + i), Map.of(), "php",
          "laravel-queue.php", "work", Integer.toString(redis.port()), "laravel_database_", "default"));
    }

    // each queue:work process runs one job at a time
    AtomicReference<QueueReading> seen = new AtomicReference<>();
    await("two jobs reserved (worker logs " + RealLibrary.logFile("laravel-worker-0") + ")")
        .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          seen.set(measure(laravel("default", null)));
          return seen.get().runningJobs().orElse(-1) == 2;
        });
    assertThat(seen.get().depth()).isEqualTo(2);
    assertThat(seen.get().processingTime()).as("Laravel's Redis keeps no processing times").isEmpty();
  }

  private void push(Map<String, String> env, String prefix, String queue, int count, int sleepMs,
      Integer delaySeconds) throws Exception {
    List<String> command = new ArrayList<>(List.of("php", "laravel-queue.php", "push", Integer.toString(redis.port()),
        prefix, queue, Integer.toString(count), Integer.toString(sleepMs)));
    if (delaySeconds != null) {
      command.add(delaySeconds.toString());
    }
    RealLibrary.run(FIXTURE, env, command.toArray(String[]::new));
  }

  private QueueReading measure(QueueSpec queue) throws ScalerException {
    try (QueueScaler scaler = registry.create(queue, Optional.empty())) {
      return scaler.measure();
    }
  }

  private static QueueSpec laravel(String queue, String prefix) {
    RedisQueueSpec spec = new RedisQueueSpec(redis.uri(), queue);
    spec.setFormat(QueueFormat.LARAVEL);
    if (prefix != null) {
      LaravelOptions options = new LaravelOptions();
      options.setPrefix(prefix);
      spec.setLaravel(options);
    }
    return new QueueSpec(spec);
  }
}
