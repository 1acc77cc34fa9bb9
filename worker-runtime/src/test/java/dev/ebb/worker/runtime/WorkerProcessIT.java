package dev.ebb.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.redis.RedisProcess;
import dev.ebb.worker.producer.JobClient;
import dev.ebb.worker.producer.NewJob;
import dev.ebb.worker.support.QueueInspector;
import dev.ebb.worker.support.WorkerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;

/**
 * Real worker processes, real signals, a real Redis that may be killed: every test accounts for each job it enqueued
 * (completed at least once, dead-lettered, or back in the queue) and finds none missing.
 */
class WorkerProcessIT {

  private RedisProcess redis;
  private QueueInspector inspector;
  private JobClient client;
  private final List<WorkerProcess> workers = new ArrayList<>();
  private String queue;

  @BeforeEach
  void start() {
    redis = RedisProcess.startOnFreePort();
    queue = "q-" + UUID.randomUUID().toString().substring(0, 8);
    inspector = new QueueInspector(redis.uri(), queue);
    client = new JobClient(inspector.redis(), queue, Clock.systemUTC());
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (WorkerProcess worker : workers) {
      worker.close();
    }
    inspector.close();
    redis.close();
  }

  private WorkerProcess worker(String name, String... env) {
    Map<String, String> overrides = new java.util.HashMap<>();
    for (int i = 0; i < env.length; i += 2) {
      overrides.put(env[i], env[i + 1]);
    }
    WorkerProcess worker = WorkerProcess.start(name, redis.uri(), queue, overrides);
    workers.add(worker);
    return worker;
  }

  private static Set<String> completedIn(Path file) throws java.io.IOException {
    return new HashSet<>(Files.readAllLines(file));
  }

  private List<String> enqueue(int count, Map<String, Object> payload) {
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      jobs.add(NewJob.of("demo", payload));
    }
    return client.enqueueAll(jobs);
  }

  @Test
  void sigtermLetsShortJobsFinishHandsLongOnesBackAndExitsZeroBeforeTheDeadline() throws Exception {
    List<String> longJobs = enqueue(2, Map.of("sleepMs", 60_000));
    List<String> shortJobs = enqueue(2, Map.of("sleepMs", 1_000));
    List<String> waiting = enqueue(10, Map.of("sleepMs", 0));
    WorkerProcess worker = worker("term", "EBB_CONCURRENCY", "4", "EBB_SHUTDOWN_TIMEOUT", "3s", "EBB_MAX_BATCH", "1");
    String id = worker.awaitHeartbeat(inspector);
    await().atMost(Duration.ofSeconds(10)).until(() -> "4".equals(inspector.workerHash(id).get("busy")));

    long signalled = System.nanoTime();
    worker.sigterm();
    await().atMost(Duration.ofSeconds(2)).until(() -> "quiet".equals(inspector.workerHash(id).get("state")));
    int exit = worker.awaitExit(Duration.ofSeconds(10));
    Duration took = Duration.ofNanos(System.nanoTime() - signalled);

    assertThat(exit).as(worker.output()).isZero();
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(2_900)).isLessThan(Duration.ofMillis(4_500));
    assertThat(inspector.completions().keySet()).containsExactlyInAnyOrderElementsOf(shortJobs);
    List<String> queued = inspector.waitingIds();
    assertThat(queued.subList(0, 2)).as("long jobs back at the front").containsExactlyElementsOf(longJobs);
    assertThat(queued.subList(2, queued.size())).as("never fetched").containsExactlyElementsOf(waiting);
    assertThat(inspector.inflightIds()).isEmpty();
    assertThat(inspector.workers()).isEmpty();
    assertThat(inspector.stat("enqueued")).isEqualTo(14);
    assertThat(inspector.stat("completed")).isEqualTo(2);
    assertThat(inspector.deadLetters()).isEmpty();
    assertThat(worker.output()).contains("2 handed back to the queue").contains("reached the deadline")
        .contains("2 job(s) done, 0 failed, 2 interrupted at the deadline");
  }

  @Test
  void sigtermWithOnlyShortJobsExitsAsSoonAsTheyFinish() throws Exception {
    List<String> jobs = enqueue(3, Map.of("sleepMs", 800));
    WorkerProcess worker = worker("term-short", "EBB_CONCURRENCY", "3", "EBB_SHUTDOWN_TIMEOUT", "20s",
        "EBB_MAX_BATCH", "1");
    String id = worker.awaitHeartbeat(inspector);
    await().atMost(Duration.ofSeconds(10)).until(() -> "3".equals(inspector.workerHash(id).get("busy")));
    long signalled = System.nanoTime();
    worker.sigterm();

    assertThat(worker.awaitExit(Duration.ofSeconds(10))).as(worker.output()).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(3));
    assertThat(inspector.completions().keySet()).containsExactlyInAnyOrderElementsOf(jobs);
    assertThat(inspector.waitingIds()).isEmpty();
    assertThat(inspector.inflightIds()).isEmpty();
    assertThat(inspector.deadLetters()).isEmpty();
  }

  @Test
  void secondSigtermHandsBackAtOnce() throws Exception {
    List<String> jobs = enqueue(2, Map.of("sleepMs", 60_000));
    WorkerProcess worker = worker("term-twice", "EBB_CONCURRENCY", "2", "EBB_SHUTDOWN_TIMEOUT", "60s");
    String id = worker.awaitHeartbeat(inspector);
    await().atMost(Duration.ofSeconds(10)).until(() -> "2".equals(inspector.workerHash(id).get("busy")));
    worker.sigterm();
    await().atMost(Duration.ofSeconds(2)).until(() -> "quiet".equals(inspector.workerHash(id).get("state")));
    long second = System.nanoTime();
    worker.sigterm();

    assertThat(worker.awaitExit(Duration.ofSeconds(10))).as(worker.output()).isZero();
    assertThat(Duration.ofNanos(System.nanoTime() - second)).isLessThan(Duration.ofSeconds(2));
    assertThat(inspector.waitingIds()).containsExactlyElementsOf(jobs);
    assertThat(inspector.inflightIds()).isEmpty();
    assertThat(inspector.deadLetters()).isEmpty();
  }

  @Test
  void aJobThatAFetchStillWaitingAtShutdownMovesInIsHandedBackToo() throws Exception {
    WorkerProcess worker = worker("late-fetch", "EBB_CONCURRENCY", "2", "EBB_FETCH_TIMEOUT", "3s",
        "EBB_SHUTDOWN_TIMEOUT", "0");
    String id = worker.awaitHeartbeat(inspector);
    worker.sigterm();
    await().atMost(Duration.ofSeconds(2)).until(() -> !"running".equals(inspector.workerHash(id).get("state")));
    String job = client.enqueue("demo", Map.of("sleepMs", 0)); // a BLMOVE from before the signal takes it

    assertThat(worker.awaitExit(Duration.ofSeconds(10))).as(worker.output()).isZero();
    assertThat(inspector.waitingIds()).containsExactly(job);
    assertThat(inspector.inflightIds()).isEmpty();
    assertThat(inspector.workers()).isEmpty();
    assertThat(inspector.completions()).doesNotContainKey(job);
  }

  @Test
  void redisPasswordComesFromTheEnvironmentAndNeverReachesTheLog() throws Exception {
    String secret = "s3cr3t-" + UUID.randomUUID();
    inspector.redis().configSet("requirepass", secret);
    try (RedisClient authed = RedisClient.builder().hostAndPort(new HostAndPort(redis.host(), redis.port()))
        .clientConfig(DefaultJedisClientConfig.builder().password(secret).build()).build()) {
      String id = new JobClient(authed, queue, Clock.systemUTC()).enqueue("demo", Map.of("sleepMs", 0));
      WorkerProcess worker = worker("secretive", "EBB_REDIS_PASSWORD", secret, "EBB_DEMO_COMPLETIONS_KEY", "done");
      await().atMost(Duration.ofSeconds(20)).until(() -> authed.hexists("done", id));
      worker.sigterm();
      assertThat(worker.awaitExit(Duration.ofSeconds(10))).isZero();
      assertThat(worker.output()).contains("redis://127.0.0.1:" + redis.port() + "/0 (with password)")
          .doesNotContain(secret);
    }
  }

  @Test
  void aSigstoppedWorkerIsReclaimedButStaysListedAndAfterSigcontItIsLiveAgain() throws Exception {
    WorkerProcess hung = worker("hung", "EBB_CONCURRENCY", "2");
    String hungId = hung.awaitHeartbeat(inspector);
    worker("peer", "EBB_CONCURRENCY", "2").awaitHeartbeat(inspector);

    hung.sigstop();
    await().atMost(Duration.ofSeconds(15)).until(() -> inspector.reclaimed().containsKey(hungId));
    assertThat(inspector.workers()).doesNotContain(hungId);
    assertThat(inspector.workerHash(hungId)).isEmpty();

    hung.sigcont();
    await().atMost(Duration.ofSeconds(15)).until(() -> inspector.workers().contains(hungId));
    await().atMost(Duration.ofSeconds(5)).until(() -> !inspector.reclaimed().containsKey(hungId));
    assertThat(hung.isAlive()).isTrue();
  }

  @Test
  void afterSigkillAnotherWorkerFinishesEveryJobOnceTheHeartbeatExpires() throws Exception {
    List<String> jobs = enqueue(8, Map.of("sleepMs", 1_500));
    WorkerProcess victim = worker("victim", "EBB_CONCURRENCY", "4", "EBB_MAX_BATCH", "1");
    String victimId = victim.awaitHeartbeat(inspector);
    await().atMost(Duration.ofSeconds(10)).until(() -> inspector.inflightIds().size() == 4);
    victim.sigkill();
    victim.awaitExit(Duration.ofSeconds(5));
    Set<String> orphaned = new HashSet<>(inspector.inflightIds());
    assertThat(orphaned).hasSize(4);

    worker("rescuer", "EBB_CONCURRENCY", "4");
    await().atMost(Duration.ofSeconds(30)).until(() -> inspector.completions().keySet().containsAll(jobs));

    assertThat(inspector.stat("enqueued")).isEqualTo(8);
    assertThat(inspector.stat("reclaimed")).isEqualTo(4);
    assertThat(inspector.workers()).doesNotContain(victimId);
    assertThat(inspector.reclaimed()).containsKey(victimId); // still visible to the operator until its pod goes
    assertThat(inspector.deadLetters()).isEmpty();
    assertThat(inspector.waitingIds()).isEmpty();
    await().atMost(Duration.ofSeconds(5)).until(() -> inspector.inflightIds().isEmpty());
    assertThat(inspector.completions()).allSatisfy((job, runs) -> assertThat(runs).isPositive());
  }

  @Test
  void workerRecoversFromARedisRestartAndLosesNoJob() throws Exception {
    // Completions go to a file: Redis restarted from a snapshot rolls back whatever it held after the snapshot,
    // including a record kept in it, while the worker's acks after the restart are real (the job did run).
    Path completions = Files.createTempFile("ebb-completions-", ".txt");
    List<String> jobs = enqueue(300, Map.of("sleepMs", 10));
    WorkerProcess worker = worker("survivor", "EBB_CONCURRENCY", "4",
        "EBB_DEMO_COMPLETIONS_FILE", completions.toString());
    worker.awaitHeartbeat(inspector);
    await().atMost(Duration.ofSeconds(20)).until(() -> completedIn(completions).size() >= 60);

    // a point-in-time snapshot, then a crash: writes after the snapshot are lost, as with a real Redis crash
    inspector.redis().sendCommand(Protocol.Command.SAVE);
    redis.kill();
    Thread.sleep(1_000);
    assertThat(worker.isAlive()).isTrue();
    redis.start();

    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> completedIn(completions).containsAll(jobs));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      Set<String> missing = new HashSet<>(jobs);
      missing.removeAll(completedIn(completions));
      throw new AssertionError("jobs not completed: " + inspector.whereAre(missing) + "\n" + worker.output(), e);
    }
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
        .until(() -> inspector.waitingIds().isEmpty() && inspector.inflightIds().isEmpty());
    assertThat(inspector.deadLetters()).isEmpty();
    assertThat(worker.output()).contains("Heartbeat published again after a Redis outage");

    // now an idle worker, blocked in BLMOVE, loses Redis: it reconnects with backoff and fetches what comes next
    redis.kill();
    Thread.sleep(1_500);
    redis.start();
    List<String> later = await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
        .until(() -> enqueue(20, Map.of("sleepMs", 0)), ids -> ids.size() == 20);
    await().atMost(Duration.ofSeconds(20)).until(() -> completedIn(completions).containsAll(later));
    assertThat(worker.output()).contains("Fetching again after");

    worker.sigterm();
    assertThat(worker.awaitExit(Duration.ofSeconds(10))).as(worker.output()).isZero();
    Files.deleteIfExists(completions);
  }

  @Test
  void aWorkerPausedPastItsTtlNeverAcksAwayTheCopyOfItsReclaimedJobThatItRunsAgain() throws Exception {
    // The issue-16 race: a worker hangs (SIGSTOP) past its heartbeat TTL while it runs a job; a peer reclaims the job
    // to the queue; the worker resumes and fetches that job again; then the first run ends. Its ack must not remove
    // the second fetch's entry: while the second run goes on, the job stays in flight, so a SIGKILL loses nothing.
    String job = enqueue(1, Map.of("sleepMs", 5_000)).get(0);
    WorkerProcess paused = worker("paused", "EBB_CONCURRENCY", "2", "EBB_MAX_BATCH", "1");
    String pausedId = paused.awaitHeartbeat(inspector);
    await().atMost(Duration.ofSeconds(10)).until(() -> "1".equals(inspector.workerHash(pausedId).get("busy")));

    paused.sigstop();
    await().atMost(Duration.ofSeconds(5)).until(() -> inspector.workerHash(pausedId).isEmpty()); // TTL ran out
    OrphanReclaimer peer = new OrphanReclaimer(inspector.redis(), inspector.keys(), "peer:1:beef", new OwnedJobs(),
        Duration.ofMillis(900), Clock.systemUTC());
    assertThat(peer.reclaim()).isEqualTo(1);
    paused.sigcont(); // it fetches the job again (its idle processor's BLMOVE, or its next fetch) and runs it

    await().atMost(Duration.ofSeconds(10)).until(() -> inspector.completions().getOrDefault(job, 0L) == 1);
    Thread.sleep(500); // the first run's ack is written by now; the second run still sleeps
    assertThat(inspector.inflightIds()).as("the second run's entry, after the first run's ack").containsExactly(job);
    paused.sigkill();
    paused.awaitExit(Duration.ofSeconds(5));

    worker("rescuer", "EBB_CONCURRENCY", "2");
    await().atMost(Duration.ofSeconds(30)).until(() -> inspector.completions().getOrDefault(job, 0L) >= 2);
    await().atMost(Duration.ofSeconds(5)).until(() -> inspector.inflightIds().isEmpty()
        && inspector.waitingIds().isEmpty());
    assertThat(inspector.stat("completed")).as("the first run's ack did not count").isEqualTo(1);
    assertThat(paused.output().split("finished after a peer had reclaimed them", -1)).as("logged once").hasSize(2);
  }

  @Test
  void aJobIgnoringItsInterruptHoldsTheExitNoLongerThanTheDeadlineAndNoJobTheDeadlineStoppedCountsAsFailed()
      throws Exception {
    String stuck = enqueue(1, Map.of("sleepMs", 60_000, "ignoreInterrupt", true)).get(0);
    String interruptible = enqueue(1, Map.of("sleepMs", 60_000)).get(0);
    WorkerProcess worker = worker("deadline", "EBB_CONCURRENCY", "3", "EBB_SHUTDOWN_TIMEOUT", "2s",
        "EBB_FETCH_TIMEOUT", "1s", "EBB_MAX_BATCH", "1");
    String id = worker.awaitHeartbeat(inspector);
    await().atMost(Duration.ofSeconds(10)).until(() -> "2".equals(inspector.workerHash(id).get("busy")));

    long signalled = System.nanoTime();
    worker.sigterm();
    assertThat(worker.awaitExit(Duration.ofSeconds(10))).as(worker.output()).isZero();

    // the third processor's BLMOVE, sent before the signal, returned long before the deadline: nothing to wait for
    assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofMillis(2_600));
    assertThat(worker.output()).contains("0 failed, 1 interrupted at the deadline, 1 still running");
    assertThat(inspector.waitingIds()).containsExactlyInAnyOrder(stuck, interruptible);
    assertThat(inspector.inflightIds()).isEmpty();
    assertThat(inspector.workers()).isEmpty();
  }

  @Test
  void aPeriodicJobTicksExactlyOnceAcrossThreeWorkerProcesses() throws Exception {
    String periodic = "[{\"name\":\"tick\",\"cron\":\"* * * * * *\",\"type\":\"demo\",\"payload\":{}}]";
    List<WorkerProcess> three = List.of(worker("p1", "EBB_PERIODIC", periodic), worker("p2", "EBB_PERIODIC", periodic),
        worker("p3", "EBB_PERIODIC", periodic));
    for (WorkerProcess worker : three) {
      worker.awaitHeartbeat(inspector);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> inspector.completions().size() >= 5);
    for (WorkerProcess worker : three) {
      worker.sigterm();
    }
    for (WorkerProcess worker : three) {
      assertThat(worker.awaitExit(Duration.ofSeconds(10))).isZero();
    }

    Map<String, Long> runs = inspector.completions();
    assertThat(runs).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1L));
    List<String> waiting = inspector.waitingIds(); // a tick enqueued while all three were stopping
    assertThat(waiting).doesNotContainAnyElementsOf(runs.keySet());
    List<java.time.Instant> ticks = java.util.stream.Stream.concat(runs.keySet().stream(), waiting.stream())
        .map(id -> java.time.Instant.parse(id.substring("tick@".length()))).sorted().toList();
    for (int i = 1; i < ticks.size(); i++) {
      assertThat(Duration.between(ticks.get(i - 1), ticks.get(i))).as("consecutive seconds, none twice, none missed")
          .isEqualTo(Duration.ofSeconds(1));
    }
    assertThat(inspector.stat("enqueued")).isEqualTo(ticks.size());
    assertThat(inspector.stat("completed")).isEqualTo(runs.size());
    assertThat(inspector.redis().hget(inspector.keys().schedules(), "tick")).contains("* * * * * *");
  }
}
