package dev.ebb.operator.scaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.api.v1alpha1.BullMqOptions;
import dev.ebb.api.v1alpha1.QueueFormat;
import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.api.v1alpha1.RedisQueueSpec;
import dev.ebb.redis.RedisProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * A BullMQ queue as BullMQ itself writes it: jobs added with BullMQ's Queue, run by BullMQ's Worker (both from npm,
 * src/test/bullmq/package.json), read back by {@link BullMqScaler}.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a hung library process fails the test
class BullMqScalerIT {

  private static final Path FIXTURE = Path.of("src/test/bullmq").toAbsolutePath();
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
    RealLibrary.require("BullMQ (Node 20 and npm ci in operator/src/test/bullmq)",
        "install nodejs, then run npm ci in operator/src/test/bullmq", FIXTURE,
        "node", "-e", "require('bullmq'); require('ioredis'); if (+process.versions.node.split('.')[0] < 20) process.exit(1)");
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
  void depthIsWaitingPrioritizedAndDueDelayedJobsAndTheAgeIsTheOldestJobs() throws Exception {
    Instant firstAddStarted = Instant.now();
    add("bull", "mailer", 2, 100, 0, 0);
    Instant firstAddEnded = Instant.now();
    add("bull", "mailer", 1, 100, 0, 5); // prioritized
    add("bull", "mailer", 2, 100, 1, 0); // delayed by 1 ms: due at once, still in the delayed set without a worker
    add("bull", "mailer", 1, 100, 3_600_000, 0); // delayed by an hour: not waiting yet
    add("bull", "other", 3, 100, 0, 0);
    Thread.sleep(1_000);

    QueueReading reading = measure(bullmq("mailer", null)); // no bullmq options: BullMQ's default prefix

    assertThat(reading.depth()).isEqualTo(5);
    assertThat(reading.oldestJobAge()).hasValueSatisfying(age -> assertThat(age)
        .isBetween(Duration.between(firstAddEnded, reading.readAt()),
            Duration.between(firstAddStarted, reading.readAt())));
    assertThat(reading.runningJobs()).hasValue(0);
    assertThat(reading.processingTime()).isEmpty();
    assertThat(reading.completedTotal()).as("no worker with metrics ran yet").isEmpty();
    assertThat(reading.heartbeats()).isEqualTo(QueueReading.Heartbeats.NOT_KEPT);
    assertThat(reading.workers()).isEmpty();
  }

  @Test
  void aDueDelayedJobHasWaitedSinceItsDueTimeUnderTheAppsPrefix() throws Exception {
    Instant addStarted = Instant.now();
    add("{shop}", "mailer", 1, 100, 500, 0);
    Instant addEnded = Instant.now();
    Thread.sleep(1_500);

    QueueReading reading = measure(bullmq("mailer", "{shop}"));

    assertThat(reading.depth()).isEqualTo(1);
    assertThat(reading.oldestJobAge()).hasValueSatisfying(age -> assertThat(age)
        .isBetween(Duration.between(addEnded.plusMillis(500), reading.readAt()),
            Duration.between(addStarted.plusMillis(500), reading.readAt())));
    assertThat(measure(bullmq("mailer", "bull")).depth()).as("read under the default prefix").isZero();
  }

  @Test
  void aRealWorkersCompletionsGiveProcessingTimeAndTheirCountAndItsActiveJobsAreRunning() throws Exception {
    add("bull", "mailer", 6, 400, 0, 0);
    Path log = RealLibrary.logFile("bullmq-worker");
    worker = RealLibrary.start(FIXTURE, log, Map.of(), "node", "bullmq-fixture.mjs", "work",
        Integer.toString(redis.port()), "bull", "mailer", "2");

    AtomicReference<QueueReading> seen = new AtomicReference<>();
    await("six completions (worker log " + log + ")").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> {
          seen.set(measure(bullmq("mailer", "bull")));
          return seen.get().completedTotal().orElse(-1) == 6;
        });
    assertThat(seen.get().depth()).isZero();
    assertThat(seen.get().processingTime()).hasValueSatisfying(mean -> assertThat(mean.toMillis())
        .as("mean of finishedOn - processedOn, handlers sleep 400 ms").isBetween(400L, 480L));

    add("bull", "mailer", 3, 5_000, 0, 0);
    await("two jobs active (worker log " + log + ")").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> {
          seen.set(measure(bullmq("mailer", "bull")));
          return seen.get().runningJobs().orElse(-1) == 2;
        });
    assertThat(seen.get().depth()).isEqualTo(1);
    assertThat(Files.readString(log)).contains("working");
  }

  private void add(String prefix, String queue, int count, int sleepMs, int delayMs, int priority)
      throws Exception {
    List<String> command = new ArrayList<>(List.of("node", "bullmq-fixture.mjs", "add",
        Integer.toString(redis.port()), prefix, queue, Integer.toString(count), Integer.toString(sleepMs),
        Integer.toString(delayMs), Integer.toString(priority)));
    RealLibrary.run(FIXTURE, Map.of(), command.toArray(String[]::new));
  }

  private QueueReading measure(QueueSpec queue) throws ScalerException {
    try (QueueScaler scaler = registry.create(queue, Optional.empty())) {
      return scaler.measure();
    }
  }

  private static QueueSpec bullmq(String queue, String prefix) {
    RedisQueueSpec spec = new RedisQueueSpec(redis.uri(), queue);
    spec.setFormat(QueueFormat.BULLMQ);
    if (prefix != null) {
      BullMqOptions options = new BullMqOptions();
      options.setPrefix(prefix);
      spec.setBullmq(options);
    }
    return new QueueSpec(spec);
  }
}
