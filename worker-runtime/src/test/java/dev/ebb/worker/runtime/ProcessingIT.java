package dev.ebb.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebb.redis.RedisProcess;
import dev.ebb.worker.producer.JobClient;
import dev.ebb.worker.producer.NewJob;
import dev.ebb.worker.support.QueueInspector;
import dev.ebb.worker.support.TestWorkers;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job loop against a real Redis: processing, retries, dead letters, poison elements, timeouts. */
class ProcessingIT {

  private static RedisProcess redis;
  private String queue;
  private QueueInspector inspector;
  private JobClient client;
  private Launcher worker;

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
    client = new JobClient(inspector.redis(), queue, Clock.systemUTC());
  }

  @AfterEach
  void stopWorker() throws InterruptedException {
    if (worker != null) {
      worker.requestStop();
      assertThat(worker.awaitTermination(Duration.ofSeconds(10))).isTrue();
    }
    inspector.close();
  }

  private void startWorker(String... overrides) {
    worker = Launcher.start(TestWorkers.config(redis.uri(), queue, overrides), Clock.systemUTC());
  }

  @Test
  void processesEveryJobOnceAndCountsIt() {
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      jobs.add(NewJob.of("demo", Map.of("sleepMs", 5)));
    }
    List<String> ids = client.enqueueAll(jobs);
    startWorker();

    await().atMost(Duration.ofSeconds(20)).until(() -> inspector.completions().keySet().containsAll(ids));
    await().atMost(Duration.ofSeconds(5)).until(() -> inspector.stat("completed") == 60);
    assertThat(inspector.stat("enqueued")).isEqualTo(60);
    assertThat(inspector.stat("failed")).isZero();
    assertThat(inspector.waitingIds()).isEmpty();
    assertThat(inspector.inflightIds()).isEmpty();
    assertThat(ids).allSatisfy(id -> assertThat(inspector.completions()).containsEntry(id, 1L));
  }

  @Test
  void twoWorkersOnOneQueueRunEachJobExactlyOnceWhenNothingFails() throws InterruptedException {
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      jobs.add(NewJob.of("demo", Map.of("sleepMs", i % 3)));
    }
    List<String> ids = client.enqueueAll(jobs);
    startWorker();
    Launcher second = Launcher.start(TestWorkers.config(redis.uri(), queue), Clock.systemUTC());
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> inspector.stat("completed") == 600);
    } finally {
      second.requestStop();
      assertThat(second.awaitTermination(Duration.ofSeconds(10))).isTrue();
    }
    Map<String, Long> runs = inspector.completions();
    assertThat(ids).allSatisfy(id -> assertThat(runs).containsEntry(id, 1L));
    assertThat(inspector.inflightIds()).isEmpty();
  }

  @Test
  void failedJobIsRetriedWithBackoffUntilItSucceeds() {
    String id = client.enqueue("demo", Map.of("sleepMs", 0, "failTimes", 2));
    startWorker();

    await().atMost(Duration.ofSeconds(10)).until(() -> inspector.completions().containsKey(id));
    await().atMost(Duration.ofSeconds(5)).until(() -> inspector.stat("completed") == 1);
    assertThat(inspector.stat("failed")).isEqualTo(2);
    assertThat(inspector.stat("retried")).isEqualTo(2);
    assertThat(inspector.stat("dead")).isZero();
    assertThat(inspector.deadLetters()).isEmpty();
    assertThat(inspector.redis().zcard(inspector.keys().retry())).isZero();
  }

  @Test
  void jobIsDeadLetteredWithItsErrorAfterTheLastAttempt() {
    String id = client.enqueue(NewJob.of("demo", Map.of("sleepMs", 0, "fail", true)).withMaxAttempts(3));
    startWorker();

    await().atMost(Duration.ofSeconds(10)).until(() -> inspector.deadLetters().size() == 1);
    JsonNode dead = inspector.deadLetters().get(0);
    assertThat(dead.path("id").asText()).isEqualTo(id);
    assertThat(dead.path("reason").asText()).isEqualTo("max-attempts");
    assertThat(dead.path("attempt").asInt()).isEqualTo(3);
    assertThat(dead.path("failedAt").asLong()).isPositive();
    assertThat(dead.path("error").path("class").asText()).isEqualTo("dev.ebb.worker.job.DemoHandler$DemoFailure");
    assertThat(dead.path("error").path("message").asText()).contains("fails on every attempt (attempt 3)");
    assertThat(dead.path("error").path("stack").asText()).startsWith("at dev.ebb.worker.job.DemoHandler.handle");
    assertThat(inspector.stat("failed")).isEqualTo(3);
    assertThat(inspector.stat("retried")).isEqualTo(2);
    assertThat(inspector.stat("dead")).isEqualTo(1);
    assertThat(inspector.completions()).doesNotContainKey(id);
    assertThat(inspector.inflightIds()).isEmpty();
  }

  @Test
  void poisonElementsGoToTheDeadLetterListAtOnceAndTheWorkerKeepsGoing() {
    inspector.redis().lpush(inspector.keys().queueList(), "{not json");
    String unknown = client.enqueue("nobody-handles-this", Map.of());
    String after = client.enqueue("demo", Map.of("sleepMs", 0));
    startWorker("EBB_CONCURRENCY", "1");

    await().atMost(Duration.ofSeconds(10)).until(() -> inspector.completions().containsKey(after));
    List<JsonNode> dead = inspector.deadLetters();
    assertThat(dead).hasSize(2);
    JsonNode unparseable = dead.stream().filter(d -> d.has("raw")).findFirst().orElseThrow();
    assertThat(unparseable.path("raw").asText()).isEqualTo("{not json");
    assertThat(unparseable.path("reason").asText()).isEqualTo("unparseable");
    assertThat(unparseable.path("error").path("class").asText()).endsWith("MalformedEnvelopeException");
    JsonNode unknownType = dead.stream().filter(d -> unknown.equals(d.path("id").asText())).findFirst().orElseThrow();
    assertThat(unknownType.path("reason").asText()).isEqualTo("unknown-type");
    assertThat(unknownType.path("attempt").asInt()).isEqualTo(1);
    assertThat(unknownType.path("error").path("message").asText()).contains("nobody-handles-this");
    assertThat(inspector.stat("dead")).isEqualTo(2);
    assertThat(inspector.stat("retried")).isZero();
  }

  @Test
  void jobRunningPastItsTimeoutFailsWithTimeoutExceptionAndFreesTheProcessor() {
    String slow = client.enqueue(NewJob.of("demo", Map.of("sleepMs", 30_000)).withMaxAttempts(1)
        .withTimeout(Duration.ofMillis(300)));
    String next = client.enqueue("demo", Map.of("sleepMs", 0));
    startWorker("EBB_CONCURRENCY", "1");

    await().atMost(Duration.ofSeconds(5)).until(() -> inspector.completions().containsKey(next));
    List<JsonNode> dead = inspector.deadLetters();
    assertThat(dead).singleElement().satisfies(d -> {
      assertThat(d.path("id").asText()).isEqualTo(slow);
      assertThat(d.path("error").path("class").asText()).isEqualTo("java.util.concurrent.TimeoutException");
      assertThat(d.path("error").path("message").asText()).contains("timeout of 300 ms");
    });
    assertThat(inspector.completions()).doesNotContainKey(slow);
  }

  @Test
  void jobWithinItsTimeoutCompletes() {
    String id = client.enqueue(NewJob.of("demo", Map.of("sleepMs", 50)).withTimeout(Duration.ofSeconds(5)));
    startWorker();
    await().atMost(Duration.ofSeconds(5)).until(() -> inspector.completions().containsKey(id));
    assertThat(inspector.deadLetters()).isEmpty();
  }
}
