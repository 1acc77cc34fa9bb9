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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

/**
 * The RQ format against RQ itself (Debian's python3-rq 1.13): jobs enqueued by RQ's own {@code Queue}, run by real
 * {@code rq worker} processes, each under a hostname the test chooses, as a pod's.
 */
class RqScalerIT {

  private static final String QUEUE = "mailer";
  private static final Duration JOB = Duration.ofMillis(500);
  /** Debian's interpreter: a python3 earlier on the PATH (pyenv) may not see Debian's rq. */
  private static final String PYTHON = "/usr/bin/python3";
  private static final String JOBS_PY = """
      import time

      def sleep_job(seconds):
          time.sleep(seconds)
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
    RealLibrary.require("RQ", "apt-get install python3-rq", Path.of("."), PYTHON, "-c", "import rq");
    LibraryWorker.requireHostnames();
    Files.writeString(dir.resolve("jobs.py"), JOBS_PY);
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
  void depthIsTheQueuePlusItsDueScheduledJobsAndTheOldestAgeIsTheFirstJobsEnqueueTime() throws Exception {
    Instant before = Instant.now();
    python("""
        for _ in range(300):
            q.enqueue(jobs.sleep_job, 0.5)
        q.enqueue_in(timedelta(seconds=1), jobs.sleep_job, 0.5)
        q.enqueue_in(timedelta(hours=1), jobs.sleep_job, 0.5)
        Queue("other", connection=r).enqueue(jobs.sleep_job, 0.5)
        """);
    Instant after = Instant.now();
    Thread.sleep(1_500); // the enqueue_in(1 s) job is due now; no worker runs RQ's scheduler to move it

    try (QueueScaler scaler = registry.create(rq(), Optional.empty())) {
      Instant readFrom = Instant.now();
      QueueReading reading = scaler.measure();
      Instant readTo = Instant.now();

      assertThat(jedis.zcard("rq:scheduled:" + QUEUE)).as("RQ scheduled two jobs").isEqualTo(2);
      assertThat(reading.depth()).as("300 waiting + 1 due; not the future one, not other's").isEqualTo(301);
      assertThat(reading.oldestJobAge()).hasValueSatisfying(age -> assertThat(age)
          .isBetween(Duration.between(after, readFrom).minusMillis(5), Duration.between(before, readTo)));
      assertThat(reading.runningJobs()).hasValue(0);
      assertThat(reading.workers()).isEmpty();
      assertThat(reading.processingTime()).isEmpty();
      assertThat(reading.heartbeats()).isEqualTo(QueueReading.Heartbeats.KEPT);
    }
  }

  @Test
  void rqWorkersAreTheirPodsHeartbeatsAndTheirWorkingTimeIsTheProcessingTime() throws Exception {
    python("""
        for _ in range(200):
            q.enqueue(jobs.sleep_job, 0.5)
        """);
    rqWorker("mailer-7c4d5-r1a2b");
    rqWorker("mailer-7c4d5-r3c4d");

    try (QueueScaler scaler = registry.create(rq(), Optional.empty())) {
      QueueReading started = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
          .until(scaler::measure, r -> r.workers().size() == 2 && r.processingTime().isPresent());
      Thread.sleep(4_000);
      QueueReading later = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
          .until(scaler::measure, r -> r.runningJobs().orElse(0) == 2);

      assertThat(later.workers()).extracting(WorkerHeartbeat::pod)
          .containsExactlyInAnyOrder("mailer-7c4d5-r1a2b", "mailer-7c4d5-r3c4d");
      assertThat(later.workers()).allSatisfy(worker -> {
        assertThat(worker.concurrency()).isEqualTo(1);
        assertThat(worker.state()).isEqualTo("running");
        assertThat(worker.lastBeat()).isAfter(Instant.now().minusSeconds(10));
      });
      assertThat(later.processingTime()).as("RQ's own total_working_time over its job counts")
          .hasValueSatisfying(p -> assertThat(p)
              .isBetween(JOB.multipliedBy(8).dividedBy(10), JOB.multipliedBy(12).dividedBy(10)));
      assertThat(later.completedTotal().getAsLong()).isGreaterThan(started.completedTotal().getAsLong());
      QueueObservation observed = QueueSignals.observe(Optional.of(started), later, Duration.ofSeconds(60));
      System.out.printf("rq: running %d, completion rate %.2f/s, processing time %s (%s), jobs of %s%n",
          observed.runningJobs(), observed.completionRate().getAsDouble(), observed.processingTime().orElse(null),
          observed.processingTimeSource().text(), JOB);
      assertThat(observed.processingTimeSource()).isEqualTo(ProcessingTimeSource.BACKEND);
      assertThat(observed.runningJobs()).isEqualTo(2);
      // at most 2 workers / 0.5 s = 4/s; completions are counted in whole jobs, so a window of about 4 s can catch
      // one more than the rate allows (4.14/s seen once under load)
      assertThat(observed.completionRate().getAsDouble()).as("2 workers / (0.5 s + a fork each)")
          .isBetween(1.0, 4.5);
    }
  }

  @Test
  void aStoppedRqWorkerGoesStaleAndOnlyItsPodIsRestarted() throws Exception {
    python("""
        for _ in range(40):
            q.enqueue(jobs.sleep_job, 0.5)
        """);
    LibraryWorker hung = rqWorker("mailer-7c4d5-hung1");
    rqWorker("mailer-7c4d5-alive");

    try (QueueScaler scaler = registry.create(rq(), Optional.empty())) {
      await().atMost(Duration.ofSeconds(30)).until(scaler::measure, r -> r.workers().size() == 2);
      hung.freeze();

      RestartPolicy policy = new RestartPolicy(Duration.ofSeconds(8), 5, 0.5);
      List<WorkerPod> pods = List.of(new WorkerPod("mailer-7c4d5-hung1", false),
          new WorkerPod("mailer-7c4d5-alive", false));
      QueueReading stale = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
          .until(scaler::measure, r -> !StaleWorkerDetector.judge(pods, r.workers(), policy, List.of(),
              r.readAt()).restart().isEmpty());

      StaleVerdict verdict = StaleWorkerDetector.judge(pods, stale.workers(), policy, List.of(), stale.readAt());
      assertThat(verdict.restart()).containsExactly("mailer-7c4d5-hung1");
    }
  }

  /**
   * An RQ worker as a pod would run it: heartbeats every 5 s when idle ({@code --worker-ttl 20}: it blocks on the queue
   * for worker_ttl - 15 s between beats), after each job when busy.
   */
  private LibraryWorker rqWorker(String hostname) throws IOException {
    LibraryWorker worker = LibraryWorker.start(hostname, dir, Map.of("PYTHONPATH", dir.toString()),
        List.of(PYTHON, "/usr/bin/rq", "worker", "--url", redis.uri(), "--worker-ttl", "20", QUEUE));
    workers.add(worker);
    return worker;
  }

  /** Runs {@code script} with RQ's own client: {@code q} is the pool's queue, {@code r} the connection. */
  private static void python(String script) throws IOException, InterruptedException {
    String prelude = """
        from datetime import timedelta
        from redis import Redis
        from rq import Queue
        import jobs
        r = Redis.from_url("%s")
        q = Queue("%s", connection=r)
        """.formatted(redis.uri(), QUEUE);
    ProcessBuilder builder = new ProcessBuilder(PYTHON, "-c", prelude + script).redirectErrorStream(true);
    builder.environment().put("PYTHONPATH", dir.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
  }

  private QueueSpec rq() {
    RedisQueueSpec spec = new RedisQueueSpec(redis.uri(), QUEUE);
    spec.setFormat(QueueFormat.RQ);
    return new QueueSpec(spec);
  }
}
