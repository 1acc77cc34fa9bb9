package dev.ebb.worker.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebb.redis.RedisProcess;
import dev.ebb.worker.protocol.Envelope;
import dev.ebb.worker.runtime.RetryPoller;
import dev.ebb.worker.support.QueueInspector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Producing jobs, and the poller that makes scheduled jobs runnable, against a real Redis. */
class JobClientIT {

  private static RedisProcess redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.startOnFreePort();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Test
  void enqueueWritesAnEnvelopeAndCountsIt() throws Exception {
    try (QueueInspector inspector = new QueueInspector(redis.uri(), "single")) {
      Clock clock = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);
      String id = new JobClient(inspector.redis(), "single", clock).enqueue(
          NewJob.of("mail", Map.of("to", "a@b.c")).withMaxAttempts(3).withTimeout(Duration.ofSeconds(30)));

      JsonNode envelope = Envelope.json().readTree(inspector.redis().lindex(inspector.keys().queueList(), -1));
      assertThat(envelope.path("id").asText()).isEqualTo(id);
      assertThat(envelope.path("type").asText()).isEqualTo("mail");
      assertThat(envelope.path("payload").path("to").asText()).isEqualTo("a@b.c");
      assertThat(envelope.path("enqueuedAt").asLong()).isEqualTo(1_700_000_000_000L);
      assertThat(envelope.path("attempt").asInt()).isEqualTo(1);
      assertThat(envelope.path("maxAttempts").asInt()).isEqualTo(3);
      assertThat(envelope.path("timeoutMs").asLong()).isEqualTo(30_000);
      assertThat(inspector.stat("enqueued")).isEqualTo(1);
    }
  }

  @Test
  void bulkEnqueueKeepsOrderAcrossChunks() {
    try (QueueInspector inspector = new QueueInspector(redis.uri(), "bulk")) {
      List<NewJob> jobs = new ArrayList<>();
      for (int i = 0; i < 2_500; i++) {
        jobs.add(NewJob.of("noop", Map.of("n", i)));
      }
      List<String> ids = new JobClient(inspector.redis(), "bulk", Clock.systemUTC()).enqueueAll(jobs);
      assertThat(inspector.waitingIds()).containsExactlyElementsOf(ids);
      assertThat(inspector.stat("enqueued")).isEqualTo(2_500);
    }
  }

  @Test
  void scheduledJobsEnterTheQueueOnceDueAndExactlyOnceWhenPollersRace() {
    try (QueueInspector inspector = new QueueInspector(redis.uri(), "later")) {
      JobClient client = new JobClient(inspector.redis(), "later", Clock.systemUTC());
      List<String> due = new ArrayList<>();
      for (int i = 0; i < 1_500; i++) {
        due.add(client.enqueueAt(Instant.now().minusSeconds(1), "noop", Map.of()));
      }
      String notYet = client.enqueueIn(Duration.ofHours(1), "noop", Map.of());
      assertThat(inspector.stat("enqueued")).isEqualTo(1_501);
      assertThat(inspector.redis().llen(inspector.keys().queueList())).isZero();

      RetryPoller a = new RetryPoller(inspector.redis(), inspector.keys(), Clock.systemUTC());
      RetryPoller b = new RetryPoller(inspector.redis(), inspector.keys(), Clock.systemUTC());
      CompletableFuture<Long> first = CompletableFuture.supplyAsync(a::poll);
      CompletableFuture<Long> second = CompletableFuture.supplyAsync(b::poll);

      assertThat(first.join() + second.join()).isEqualTo(1_500);
      assertThat(inspector.waitingIds()).hasSize(1_500).containsExactlyInAnyOrderElementsOf(due);
      assertThat(inspector.redis().zrange(inspector.keys().scheduled(), 0, -1)).singleElement().asString()
          .contains(notYet);
    }
  }
}
