package dev.ebb.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ebb.redis.RedisProcess;
import dev.ebb.worker.producer.JobClient;
import dev.ebb.worker.protocol.QueueKeys;
import dev.ebb.worker.protocol.Scripts;
import dev.ebb.worker.support.QueueInspector;
import dev.ebb.worker.support.TestWorkers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Heartbeats and the reclaimer against a real Redis. */
class HeartbeatIT {

  private static RedisProcess redis;
  private String queue;
  private QueueInspector inspector;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.startOnFreePort();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void newQueue() {
    queue = "q-" + UUID.randomUUID().toString().substring(0, 8);
    inspector = new QueueInspector(redis.uri(), queue);
  }

  @AfterEach
  void close() {
    inspector.close();
  }

  @Test
  void heartbeatDescribesTheWorkerAndDisappearsAfterACleanStop() throws Exception {
    new JobClient(inspector.redis(), queue, Clock.systemUTC()).enqueue("demo", Map.of("sleepMs", 2_000));
    Launcher worker = Launcher.start(TestWorkers.config(redis.uri(), queue, "EBB_CONCURRENCY", "3"),
        Clock.systemUTC());
    String id = worker.identity().id();
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> "1".equals(inspector.workerHash(id).get("busy")));
      await().atMost(Duration.ofSeconds(5))
          .until(() -> Long.parseLong(inspector.workerHash(id).get("oldestRunningMs")) >= 300);
      Map<String, String> beat = inspector.workerHash(id);
      long now = System.currentTimeMillis();
      assertThat(beat).containsEntry("id", id).containsEntry("pod", "test-pod").containsEntry("pool", "test-pool")
          .containsEntry("state", "running").containsEntry("concurrency", "3").containsEntry("done", "0")
          .containsEntry("failed", "0").containsKeys("procMeanMs", "procP95Ms", "startedAt");
      assertThat(id).startsWith("test-pod:" + ProcessHandle.current().pid() + ":");
      assertThat(Long.parseLong(beat.get("beat"))).isBetween(now - 1_000, now);
      assertThat(Long.parseLong(beat.get("lastProgress"))).isBetween(now - 3_000, now);
      assertThat(Long.parseLong(beat.get("oldestRunningMs"))).isBetween(300L, 2_500L);
      assertThat(inspector.redis().pttl(inspector.keys().worker(id))).isBetween(1L, 900L);
      assertThat(inspector.redis().zscore(inspector.keys().workers(), id)).isNotNull();

      await().atMost(Duration.ofSeconds(5)).until(() -> "1".equals(inspector.workerHash(id).get("done")));
      assertThat(Double.parseDouble(inspector.workerHash(id).get("procMeanMs"))).isBetween(1_900.0, 2_500.0);
      assertThat(Double.parseDouble(inspector.workerHash(id).get("procP95Ms"))).isBetween(1_900.0, 2_500.0);
    } finally {
      worker.requestStop();
      assertThat(worker.awaitTermination(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(inspector.workerHash(id)).isEmpty();
    assertThat(inspector.workers()).doesNotContain(id);
    assertThat(inspector.reclaimed()).doesNotContainKey(id); // a clean stop is not a reclaim
  }

  @Test
  void heartbeatExpiresWhenTheWorkerStopsBeating() {
    QueueKeys keys = inspector.keys();
    WorkerIdentity identity = WorkerIdentity.create("gone", "p", System.currentTimeMillis());
    HeartbeatPublisher publisher = new HeartbeatPublisher(inspector.redis(), keys, identity, 2, Duration.ofMillis(400),
        new WorkerActivity(2, System.currentTimeMillis()), new Lifecycle(Duration.ofMillis(800)), Clock.systemUTC());
    assertThat(publisher.beat()).isTrue();
    assertThat(inspector.workerHash(identity.id())).containsEntry("state", "running");

    await().atMost(Duration.ofSeconds(3)).until(() -> inspector.workerHash(identity.id()).isEmpty());
    assertThat(inspector.workers()).contains(identity.id()); // the set keeps it until a reclaimer acts
  }

  @Test
  void jobsOfAnExpiredWorkerComeBackExactlyOnceWhenTwoLiveWorkersRace() throws Exception {
    QueueKeys keys = inspector.keys();
    String dead = "dead-pod:1:abcd";
    long lastBeat = System.currentTimeMillis() - 60_000;
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String envelope = "{\"id\":\"job-" + i + "\",\"type\":\"demo\",\"payload\":{},\"enqueuedAt\":1,\"attempt\":1,"
          + "\"maxAttempts\":10}";
      inspector.redis().lpush(keys.inflight(dead), envelope); // as LMOVE ... LEFT would have put them
      expected.add("job-" + i);
    }
    inspector.redis().zadd(keys.workers(), lastBeat, dead);
    String alive = "alive-pod:2:beef";
    inspector.redis().hset(keys.worker(alive), "state", "running");
    inspector.redis().lpush(keys.inflight(alive), "{\"id\":\"alive-job\",\"type\":\"demo\"}");
    inspector.redis().zadd(keys.workers(), System.currentTimeMillis(), alive);

    ExecutorService threads = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Long>> results = new ArrayList<>();
    for (String self : List.of("live-a", "live-b")) {
      OrphanReclaimer reclaimer = new OrphanReclaimer(inspector.redis(), keys, self, new OwnedJobs(),
          Duration.ofSeconds(1), Clock.systemUTC());
      Callable<Long> race = () -> {
        go.await();
        long moved = 0;
        for (int i = 0; i < 5; i++) {
          moved += reclaimer.reclaim();
        }
        return moved;
      };
      results.add(threads.submit(race));
    }
    go.countDown();
    long total = results.get(0).get() + results.get(1).get();
    threads.shutdown();

    assertThat(total).isEqualTo(200);
    assertThat(inspector.waitingIds()).containsExactlyElementsOf(expected); // oldest fetched first, each once
    assertThat(inspector.redis().exists(keys.inflight(dead))).isFalse();
    assertThat(inspector.workers()).containsExactly(alive);
    assertThat(inspector.redis().llen(keys.inflight(alive))).isEqualTo(1); // a live worker keeps its jobs
    assertThat(inspector.stat("reclaimed")).isEqualTo(200);
    assertThat(inspector.reclaimed()).isEqualTo(Map.of(dead, lastBeat)); // remembered once, with its last beat
  }

  @Test
  void aReclaimedWorkerStaysListedWithItsLastBeatUntilItBeatsAgain() {
    QueueKeys keys = inspector.keys();
    WorkerIdentity hung = WorkerIdentity.create("hung-pod", "p", System.currentTimeMillis());
    long lastBeat = System.currentTimeMillis() - 20_000;
    inspector.redis().zadd(keys.workers(), lastBeat, hung.id()); // its hash expired: SIGSTOPped
    inspector.redis().lpush(keys.inflight(hung.id()), "{\"id\":\"job-1\",\"type\":\"demo\"}");
    OrphanReclaimer peer = new OrphanReclaimer(inspector.redis(), keys, "peer:2:beef", new OwnedJobs(),
        Duration.ofSeconds(15), Clock.systemUTC());

    assertThat(peer.reclaim()).isEqualTo(1);
    assertThat(inspector.workers()).doesNotContain(hung.id());
    assertThat(inspector.reclaimed()).isEqualTo(Map.of(hung.id(), lastBeat));

    HeartbeatPublisher resumed = new HeartbeatPublisher(inspector.redis(), keys, hung, 2, Duration.ofSeconds(5),
        new WorkerActivity(2, System.currentTimeMillis()), new Lifecycle(Duration.ofSeconds(10)), Clock.systemUTC());
    assertThat(resumed.beat()).isTrue(); // SIGCONT: it beats again and is live again
    assertThat(inspector.workers()).containsExactly(hung.id());
    assertThat(inspector.reclaimed()).isEmpty();
  }

  @Test
  void theReclaimedSetKeepsTheLastDayAndAtMostTheNewestThousand() {
    QueueKeys keys = inspector.keys();
    long now = System.currentTimeMillis();
    Map<String, Double> earlier = new HashMap<>();
    for (int i = 0; i < 1_000; i++) {
      earlier.put("old-pod:" + i + ":0000", (double) (now - 3_600_000 - i)); // reclaimed within the last day
    }
    earlier.put("yesterday-pod:1:0000", (double) (now - 86_400_000 - 60_000));
    inspector.redis().zadd(keys.reclaimed(), earlier);
    String dead = "dead-pod:1:abcd";
    inspector.redis().zadd(keys.workers(), now - 30_000, dead);
    OrphanReclaimer peer = new OrphanReclaimer(inspector.redis(), keys, "peer:2:beef", new OwnedJobs(),
        Duration.ofSeconds(15), Clock.systemUTC());

    peer.reclaim();

    Map<String, Long> reclaimed = inspector.reclaimed();
    assertThat(reclaimed).hasSize(1_000).containsEntry(dead, now - 30_000)
        .doesNotContainKey("yesterday-pod:1:0000") // older than a day
        .doesNotContainKey("old-pod:999:0000") // the oldest of the remaining 1,001
        .containsKey("old-pod:998:0000");
  }

  @Test
  void ownInflightEntriesNobodyHoldsAreHandedBackAfterTwoAudits() {
    QueueKeys keys = inspector.keys();
    OwnedJobs owned = new OwnedJobs();
    owned.add("{\"id\":\"held\"}".getBytes(StandardCharsets.UTF_8));
    inspector.redis().lpush(keys.inflight("me"), "{\"id\":\"held\"}", "{\"id\":\"lost-reply\"}");
    OrphanReclaimer reclaimer = new OrphanReclaimer(inspector.redis(), keys, "me", owned, Duration.ofSeconds(1),
        Clock.systemUTC());

    assertThat(reclaimer.reclaim()).isZero();
    assertThat(reclaimer.reclaim()).isEqualTo(1);
    assertThat(inspector.waitingIds()).containsExactly("lost-reply");
    assertThat(inspector.redis().lrange(keys.inflight("me"), 0, -1)).containsExactly("{\"id\":\"held\"}");
  }

  @Test
  void anUnheldEntryThatIsNotUtf8IsHandedBackByteForByte() {
    QueueKeys keys = inspector.keys();
    byte[] inflight = keys.inflight("me").getBytes(StandardCharsets.UTF_8);
    byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe, (byte) 0xfd, ' ', 'x'};
    inspector.redis().lpush(inflight, notUtf8);
    OrphanReclaimer reclaimer = new OrphanReclaimer(inspector.redis(), keys, "me", new OwnedJobs(),
        Duration.ofSeconds(1), Clock.systemUTC());

    assertThat(reclaimer.reclaim()).isZero();
    assertThat(reclaimer.reclaim()).isEqualTo(1);
    assertThat(inspector.waitingElements()).singleElement().isEqualTo(notUtf8);
    assertThat(inspector.redis().llen(inflight)).isZero();
  }

  @Test
  void jobsAReclaimedWorkerReceivesWhileItStillHangsAreReclaimedToo() {
    // its BLMOVE was waiting at the server when it froze: the server serves it after the reclaim
    QueueKeys keys = inspector.keys();
    String hung = "hung-pod:1:abcd";
    inspector.redis().zadd(keys.workers(), System.currentTimeMillis() - 20_000, hung);
    OrphanReclaimer peer = new OrphanReclaimer(inspector.redis(), keys, "peer:2:beef", new OwnedJobs(),
        Duration.ofSeconds(15), Clock.systemUTC());
    assertThat(peer.reclaim()).isZero();
    assertThat(inspector.reclaimed()).containsKey(hung);

    inspector.redis().lpush(keys.inflight(hung), "{\"id\":\"late\",\"type\":\"demo\"}");
    assertThat(peer.reclaim()).isEqualTo(1);
    assertThat(inspector.waitingIds()).containsExactly("late");
    assertThat(inspector.reclaimed()).containsKey(hung); // still visible to the operator
    assertThat(inspector.redis().get(keys.epoch(hung))).isEqualTo("1");
  }

  @Test
  void anAckOrFailureWithAnOlderTokenThanTheEpochChangesNothing() {
    QueueKeys keys = inspector.keys();
    String me = "me:1:abcd";
    byte[] job = "{\"id\":\"j\",\"type\":\"demo\"}".getBytes(StandardCharsets.UTF_8);
    inspector.redis().lpush(keys.inflight(me).getBytes(StandardCharsets.UTF_8), job);
    inspector.redis().set(keys.epoch(me), "1"); // a peer reclaimed this worker once; the job is a later fetch's
    byte[][] ackKeys = {bytes(keys.inflight(me)), bytes(keys.stats()), bytes(keys.epoch(me))};
    byte[][] failKeys = {bytes(keys.inflight(me)), bytes(keys.stats()), bytes(keys.retry()), bytes(keys.dead()),
        bytes(keys.epoch(me))};

    assertThat(Scripts.ACK.run(inspector.redis(), ackKeys, List.of(bytes("0"), job))).isEqualTo(-1L);
    assertThat(Scripts.FAIL.run(inspector.redis(), failKeys,
        List.of(job, bytes("dead"), job, bytes("0"), bytes("10"), bytes("0")))).isEqualTo(-1L);
    assertThat(inspector.inflightIds()).containsExactly("j");
    assertThat(inspector.stat("completed")).isZero();
    assertThat(inspector.stat("failed")).isZero();

    assertThat(Scripts.ACK.run(inspector.redis(), ackKeys, List.of(bytes("1"), job))).isEqualTo(1L);
    assertThat(inspector.inflightIds()).isEmpty();
    assertThat(inspector.stat("completed")).isEqualTo(1);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
