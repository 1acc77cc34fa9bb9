package dev.ebb.operator.scaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.api.v1alpha1.QueueFormat;
import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.api.v1alpha1.RedisQueueSpec;
import dev.ebb.operator.autoscale.QueueSignals;
import dev.ebb.operator.heartbeat.RestartPolicy;
import dev.ebb.operator.heartbeat.StaleVerdict;
import dev.ebb.operator.heartbeat.StaleWorkerDetector;
import dev.ebb.operator.heartbeat.WorkerPod;
import dev.ebb.operator.scaling.ProcessingTimeSource;
import dev.ebb.operator.scaling.QueueObservation;
import dev.ebb.redis.RedisProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

/**
 * The Sidekiq format against Sidekiq itself (Debian's ruby-sidekiq 6.4.1): jobs enqueued by Sidekiq's own client,
 * run by real {@code sidekiq} processes, each under a hostname the test chooses, as a pod's.
 */
class SidekiqScalerIT {

  private static final String QUEUE = "mailer";
  private static final Duration JOB = Duration.ofMillis(500);
  private static final String WORKER_RB = """
      require "sidekiq"
      if ENV["SIDEKIQ_NAMESPACE"]
        redis = { url: ENV["REDIS_URL"], namespace: ENV["SIDEKIQ_NAMESPACE"] }
        Sidekiq.configure_client { |config| config.redis = redis }
        Sidekiq.configure_server { |config| config.redis = redis }
      end
      class SleepJob
        include Sidekiq::Worker
        sidekiq_options queue: "mailer"
        def perform(seconds)
          sleep(seconds)
        end
      end
      """;

  @TempDir
  static Path dir;
  private static RedisProcess redis;

  private final List<LibraryWorker> workers = new ArrayList<>();
  private RedisConnections connections;
  private ScalerRegistry registry;
  private JedisPooled jedis;

  @BeforeAll
  static void start() throws IOException {
    InstalledLibrary.require("ruby-sidekiq", List.of("ruby", "-e", "require 'sidekiq'"));
    LibraryWorker.requireHostnames();
    Files.writeString(dir.resolve("worker.rb"), WORKER_RB);
    redis = RedisProcess.startOnFreePort();
  }

  @AfterAll
  static void stop() {
    if (redis != null) {
      redis.close();
    }
  }

  @BeforeEach
  void connect() {
    connections = new RedisConnections(Duration.ofSeconds(2), 4);
    registry = new ScalerRegistry(connections, Clock.systemUTC());
    jedis = new JedisPooled(redis.host(), redis.port());
    jedis.flushAll();
  }

  @AfterEach
  void disconnect() {
    workers.forEach(LibraryWorker::close);
    registry.close();
    jedis.close();
  }

  @Test
  void depthIsTheQueuePlusItsDueScheduledJobsAndTheOldestAgeIsTheFirstEnqueueTime() throws Exception {
    Instant before = Instant.now();
    ruby("""
        300.times { SleepJob.perform_async(0.5) }
        SleepJob.perform_in(1, 0.5)
        SleepJob.set(queue: "other").perform_in(1, 0.5)
        SleepJob.perform_in(3600, 0.5)
        SleepJob.set(queue: "other").perform_async(0.5)
        """);
    Instant after = Instant.now();
    Thread.sleep(1_500); // the two perform_in(1) jobs are due now; no Sidekiq process runs to move them

    try (QueueScaler scaler = registry.create(sidekiq(), Optional.empty())) {
      Instant readFrom = Instant.now();
      QueueReading reading = scaler.measure();
      Instant readTo = Instant.now();

      assertThat(jedis.zcard("schedule")).as("Sidekiq's client scheduled three jobs").isEqualTo(3);
      assertThat(reading.depth()).as("300 waiting + 1 due of this queue; not the future one, not other's")
          .isEqualTo(301);
      assertThat(reading.oldestJobAge()).hasValueSatisfying(age -> assertThat(age)
          .isBetween(Duration.between(after, readFrom).minusMillis(5), Duration.between(before, readTo)));
      assertThat(reading.runningJobs()).hasValue(0);
      assertThat(reading.workers()).isEmpty();
      assertThat(reading.completedTotal()).hasValue(0);
      assertThat(reading.heartbeats()).isEqualTo(QueueReading.Heartbeats.KEPT);
    }
  }

  @Test
  void aSidekiqProcessIsItsPodsHeartbeatAndItsBusyThreadsGiveProcessingTimeByLittlesLaw() throws Exception {
    ruby("400.times { SleepJob.perform_async(0.5) }");
    sidekiq("mailer-6f9c8-a1b2c", 4);

    try (QueueScaler scaler = registry.create(sidekiq(), Optional.empty())) {
      // Sidekiq adds to stat:processed and rewrites the process hash together every 5 s: readings taken just after
      // two beats count exactly the jobs finished between them
      QueueReading first = afterNextBeat(scaler, "mailer-6f9c8-a1b2c", afterNextBeat(scaler, "mailer-6f9c8-a1b2c",
          null));
      QueueReading second = afterNextBeat(scaler, "mailer-6f9c8-a1b2c",
          afterNextBeat(scaler, "mailer-6f9c8-a1b2c", first));

      assertThat(second.workers()).singleElement().satisfies(worker -> {
        assertThat(worker.pod()).isEqualTo("mailer-6f9c8-a1b2c");
        assertThat(worker.id()).startsWith("mailer-6f9c8-a1b2c:");
        assertThat(worker.concurrency()).isEqualTo(4);
        assertThat(worker.state()).isEqualTo("running");
        assertThat(worker.lastBeat()).isAfter(Instant.now().minusSeconds(6));
      });
      assertThat(second.runningJobs()).as("4 threads, all busy with a backlog").hasValue(4);
      assertThat(second.completedTotal().getAsLong()).isGreaterThan(first.completedTotal().getAsLong());
      QueueObservation observed = QueueSignals.observe(Optional.of(first), second, Duration.ofSeconds(60));
      System.out.printf("sidekiq: running %d, completion rate %.2f/s, processing time %s (%s), jobs of %s%n",
          observed.runningJobs(), observed.completionRate().getAsDouble(), observed.processingTime().orElse(null),
          observed.processingTimeSource().text(), JOB);
      assertThat(observed.processingTimeSource()).isEqualTo(ProcessingTimeSource.ESTIMATED);
      assertThat(observed.processingTime()).hasValueSatisfying(p -> assertThat(p)
          .isBetween(JOB.multipliedBy(8).dividedBy(10), JOB.multipliedBy(12).dividedBy(10)));
      assertThat(observed.completionRate().getAsDouble()).as("4 threads / 0.5 s").isBetween(6.4, 9.6);
    }
  }

  @Test
  void aStoppedProcessGoesStaleAndOnlyItsPodIsRestartedWhileAQuietOneIsShownQuiet() throws Exception {
    ruby("40.times { SleepJob.perform_async(0.5) }");
    LibraryWorker hung = sidekiq("mailer-6f9c8-hung1", 1);
    LibraryWorker quiet = sidekiq("mailer-6f9c8-quiet", 1);

    try (QueueScaler scaler = registry.create(sidekiq(), Optional.empty())) {
      await().atMost(Duration.ofSeconds(30)).until(scaler::measure, r -> r.workers().size() == 2);
      hung.freeze();
      quiet.signal("-TSTP");

      Duration staleAfter = Duration.ofSeconds(8);
      RestartPolicy policy = new RestartPolicy(staleAfter, 5, 0.5);
      List<WorkerPod> pods = List.of(new WorkerPod("mailer-6f9c8-hung1", false),
          new WorkerPod("mailer-6f9c8-quiet", false));
      QueueReading stale = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
          .until(scaler::measure, r -> !StaleWorkerDetector.judge(pods, r.workers(), policy, List.of(),
              r.readAt()).restart().isEmpty());

      StaleVerdict verdict = StaleWorkerDetector.judge(pods, stale.workers(), policy, List.of(), stale.readAt());
      assertThat(verdict.restart()).containsExactly("mailer-6f9c8-hung1");
      assertThat(stale.workers()).filteredOn(w -> w.pod().equals("mailer-6f9c8-quiet")).singleElement()
          .satisfies(w -> assertThat(w.state()).isEqualTo("quiet"));
    }
  }

  @Test
  void aNamespacedSidekiqIsReadUnderItsNamespaceOnly() throws Exception {
    InstalledLibrary.require("ruby-redis-namespace", List.of("ruby", "-e", "require 'redis-namespace'"));
    ruby("12.times { SleepJob.perform_async(0.5) }", Map.of("SIDEKIQ_NAMESPACE", "shop"));
    ruby("5.times { SleepJob.perform_async(0.5) }", Map.of());

    QueueSpec namespaced = sidekiq();
    namespaced.getRedis().setSidekiqNamespace("shop");
    try (QueueScaler scaler = registry.create(namespaced, Optional.empty());
        QueueScaler plain = registry.create(sidekiq(), Optional.empty())) {
      assertThat(jedis.exists("shop:queue:mailer")).as("redis-namespace prefixes Sidekiq's keys").isTrue();
      assertThat(scaler.measure().depth()).isEqualTo(12);
      assertThat(plain.measure().depth()).isEqualTo(5);

      workers.add(LibraryWorker.start("mailer-ns-1", dir,
          Map.of("REDIS_URL", redis.uri(), "SIDEKIQ_NAMESPACE", "shop"),
          List.of("sidekiq", "-r", "./worker.rb", "-q", QUEUE, "-c", "1", "-t", "5")));

      QueueReading reading = await().atMost(Duration.ofSeconds(30)).until(scaler::measure,
          r -> !r.workers().isEmpty());
      assertThat(reading.workers()).extracting(WorkerHeartbeat::pod).containsExactly("mailer-ns-1");
      assertThat(plain.measure().workers()).as("the namespaced process is not the plain Sidekiq's").isEmpty();
    }
  }

  /** The first reading whose beat of {@code pod} is newer than in {@code previous}. */
  private static QueueReading afterNextBeat(QueueScaler scaler, String pod, QueueReading previous) {
    Instant last = previous == null ? Instant.EPOCH : beatOf(previous, pod);
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(scaler::measure, (Predicate<QueueReading>) r -> beatOf(r, pod).isAfter(last));
  }

  private static Instant beatOf(QueueReading reading, String pod) {
    return reading.workers().stream().filter(w -> w.pod().equals(pod)).map(WorkerHeartbeat::lastBeat)
        .findFirst().orElse(Instant.EPOCH);
  }

  private LibraryWorker sidekiq(String hostname, int threads) throws IOException {
    LibraryWorker worker = LibraryWorker.start(hostname, dir, Map.of("REDIS_URL", redis.uri()),
        List.of("sidekiq", "-r", "./worker.rb", "-q", QUEUE, "-c", Integer.toString(threads), "-t", "5"));
    workers.add(worker);
    return worker;
  }

  /** Runs {@code script} with Sidekiq's own client, {@code worker.rb} loaded. */
  private static void ruby(String script) throws IOException, InterruptedException {
    ruby(script, Map.of());
  }

  private static void ruby(String script, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("ruby", "-I", dir.toString(), "-e", "require 'worker'\n" + script)
        .redirectErrorStream(true);
    builder.environment().put("REDIS_URL", redis.uri());
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  private QueueSpec sidekiq() {
    RedisQueueSpec spec = new RedisQueueSpec(redis.uri(), QUEUE);
    spec.setFormat(QueueFormat.SIDEKIQ);
    return new QueueSpec(spec);
  }
}
