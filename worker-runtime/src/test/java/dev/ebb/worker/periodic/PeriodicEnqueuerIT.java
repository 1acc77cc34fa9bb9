package dev.ebb.worker.periodic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.redis.RedisProcess;
import dev.ebb.worker.protocol.Envelope;
import dev.ebb.worker.support.QueueInspector;
import dev.ebb.worker.support.TestingClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Periodic jobs from three replicas polling at once, against a real Redis, with a clock the test moves. */
class PeriodicEnqueuerIT {

  private static final Instant START = Instant.parse("2026-12-02T10:00:30Z");
  private static RedisProcess redis;
  private final ExecutorService replicas = Executors.newFixedThreadPool(3);
  private QueueInspector inspector;
  private TestingClock clock;

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
    inspector = new QueueInspector(redis.uri(), "q-" + UUID.randomUUID().toString().substring(0, 8));
    clock = new TestingClock(START);
  }

  @AfterEach
  void close() {
    replicas.shutdownNow();
    inspector.close();
  }

  private List<PeriodicEnqueuer> start(String json) {
    List<PeriodicEnqueuer> started = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      started.add(new PeriodicEnqueuer(inspector.redis(), inspector.keys(), PeriodicSchedule.parseAll(json), clock));
    }
    return started;
  }

  /** All replicas poll at the same moment; returns how many jobs they enqueued together. */
  private int pollAll(List<PeriodicEnqueuer> enqueuers) throws Exception {
    List<Callable<Integer>> polls = enqueuers.stream().<Callable<Integer>>map(e -> e::poll).toList();
    int total = 0;
    for (var result : replicas.invokeAll(polls)) {
      total += result.get();
    }
    return total;
  }

  private List<String> queuedIds() {
    return inspector.waitingElements().stream().map(element -> {
      try {
        return Envelope.parse(element, Integer.MAX_VALUE).id();
      } catch (Envelope.MalformedEnvelopeException e) {
        throw new AssertionError(e);
      }
    }).toList();
  }

  @Test
  void eachTickIsEnqueuedExactlyOnceAcrossThreeReplicas() throws Exception {
    List<PeriodicEnqueuer> enqueuers = start(
        "[{\"name\":\"report\",\"cron\":\"*/5 * * * *\",\"type\":\"demo\",\"payload\":{\"sleepMs\":0}}]");
    int enqueued = 0;
    while (clock.instant().isBefore(Instant.parse("2026-12-02T12:00:30Z"))) {
      enqueued += pollAll(enqueuers);
      clock.advance(Duration.ofSeconds(20));
    }

    List<String> expected = new ArrayList<>();
    for (Instant tick = Instant.parse("2026-12-02T10:05:00Z"); !tick.isAfter(Instant.parse("2026-12-02T12:00:00Z"));
        tick = tick.plus(Duration.ofMinutes(5))) {
      expected.add("report@" + tick);
    }
    assertThat(queuedIds()).containsExactlyElementsOf(expected);
    assertThat(enqueued).isEqualTo(24);
    assertThat(inspector.stat("enqueued")).isEqualTo(24);
    Envelope first = Envelope.parse(inspector.waitingElements().get(0), Integer.MAX_VALUE);
    assertThat(first.type()).isEqualTo("demo");
    assertThat(first.enqueuedAt()).isEqualTo(Instant.parse("2026-12-02T10:05:00Z").toEpochMilli());
    assertThat(first.payload().path("sleepMs").asInt()).isZero();
  }

  @Test
  void ticksMissedWhileNoWorkerRanAreEnqueuedOnceOnStart() throws Exception {
    String json = "[{\"name\":\"sync\",\"cron\":\"*/5 * * * *\",\"type\":\"demo\"}]";
    pollAll(start(json));
    clock.set(Instant.parse("2026-12-02T11:02:00Z")); // every worker was down for an hour: 12 ticks missed
    List<PeriodicEnqueuer> restarted = start(json);
    assertThat(pollAll(restarted)).isEqualTo(1);
    assertThat(pollAll(restarted)).isZero();
    clock.set(Instant.parse("2026-12-02T11:05:00Z"));
    pollAll(restarted);
    assertThat(queuedIds()).containsExactly("sync@2026-12-02T11:00:00Z", "sync@2026-12-02T11:05:00Z");
  }

  @Test
  void withoutCatchUpTicksMissedWhileNoWorkerRanArePassedBy() throws Exception {
    String json = "[{\"name\":\"sync\",\"cron\":\"*/5 * * * *\",\"type\":\"demo\",\"catchUp\":false}]";
    pollAll(start(json));
    clock.set(Instant.parse("2026-12-02T11:02:00Z"));
    List<PeriodicEnqueuer> restarted = start(json);
    assertThat(pollAll(restarted)).isZero();
    clock.set(Instant.parse("2026-12-02T11:05:00Z"));
    pollAll(restarted);
    assertThat(queuedIds()).containsExactly("sync@2026-12-02T11:05:00Z");
  }

  @Test
  void aNewScheduleStartsFromNowAndIsShownWithItsNextTick() throws Exception {
    List<PeriodicEnqueuer> enqueuers = start("[{\"name\":\"nightly\",\"cron\":\"0 3 * * *\",\"type\":\"demo\"}]");
    enqueuers.forEach(PeriodicEnqueuer::declare);
    assertThat(pollAll(enqueuers)).as("no backfill of today's 03:00").isZero();
    assertThat(inspector.redis().hget(inspector.keys().schedules(), "nightly")).contains("\"cron\":\"0 3 * * *\"");
    clock.set(Instant.parse("2026-12-03T03:00:00Z"));
    assertThat(pollAll(enqueuers)).isEqualTo(1);
    assertThat(queuedIds()).containsExactly("nightly@2026-12-03T03:00:00Z");
  }
}
