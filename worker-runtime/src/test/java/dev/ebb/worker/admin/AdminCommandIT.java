package dev.ebb.worker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebb.redis.RedisProcess;
import dev.ebb.worker.producer.JobClient;
import dev.ebb.worker.producer.NewJob;
import dev.ebb.worker.protocol.DeadLetter;
import dev.ebb.worker.protocol.Envelope;
import dev.ebb.worker.protocol.JobError;
import dev.ebb.worker.support.QueueInspector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ebb-worker queues} and {@code ebb-worker dead ...} against a real Redis, as an operator would use them. */
class AdminCommandIT {

  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
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

  /** Runs a command; returns its standard output, failing on a non-zero exit. */
  private String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = new AdminCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Clock.fixed(NOW, ZoneOffset.UTC))
        .run(List.of(args), Map.of("EBB_REDIS_URL", redis.uri(), "EBB_QUEUE", queue));
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  private JsonNode json(String... args) throws Exception {
    return Envelope.json().readTree(run(args));
  }

  /** Dead-letters a job the way a worker does after its last attempt. */
  private String deadJob(String type) throws Exception {
    String id = UUID.randomUUID().toString();
    Envelope job = new Envelope(id, type, Envelope.json().valueToTree(Map.of("n", 1)), 3_000, 1_000, 3, 3, null,
        null, null, null);
    inspector.redis().lpush(inspector.keys().dead().getBytes(StandardCharsets.UTF_8),
        job.dead(JobError.of("java.io.IOException", "smtp down"), 4_000, DeadLetter.MAX_ATTEMPTS).toBytes());
    return id;
  }

  @Test
  void deadListShowsEachLetterAndFiltersByTypeAndId() throws Exception {
    String mail = deadJob("mail");
    String sms = deadJob("sms");
    inspector.redis().lpush(inspector.keys().dead().getBytes(StandardCharsets.UTF_8),
        DeadLetter.unparseable(new byte[] {(byte) 0xff}, JobError.of("M", "not UTF-8"), 5_000).toJson());

    JsonNode all = json("dead", "list", "--json");
    assertThat(all).hasSize(3);
    JsonNode first = all.get(2);
    assertThat(first.path("id").asText()).isEqualTo(mail);
    assertThat(first.path("type").asText()).isEqualTo("mail");
    assertThat(first.path("reason").asText()).isEqualTo("max-attempts");
    assertThat(first.path("attempt").asInt()).isEqualTo(3);
    assertThat(first.path("error").asText()).isEqualTo("smtp down");
    assertThat(all.get(0).path("reason").asText()).isEqualTo("unparseable");
    assertThat(json("dead", "list", "--type", "sms", "--json")).singleElement()
        .satisfies(letter -> assertThat(letter.path("id").asText()).isEqualTo(sms));
    assertThat(json("dead", "show", "--id", mail)).singleElement()
        .satisfies(letter -> assertThat(letter.path("payload").path("n").asInt()).isEqualTo(1));
    assertThat(run("dead", "list")).contains(mail).contains("smtp down").contains("unparseable");
  }

  @Test
  void retryPutsTheJobBackAsAFreshFirstAttemptExactlyOnce() throws Exception {
    String mail = deadJob("mail");
    String sms = deadJob("sms");

    JsonNode result = json("dead", "retry", "--id", mail, "--json");
    assertThat(result.path("retried").asInt()).isEqualTo(1);
    assertThat(json("dead", "retry", "--id", mail, "--json").path("matched").asInt()).as("already retried").isZero();

    List<byte[]> waiting = inspector.waitingElements();
    assertThat(waiting).hasSize(1);
    Envelope back = Envelope.parse(waiting.get(0), Integer.MAX_VALUE);
    assertThat(back.id()).isEqualTo(mail);
    assertThat(back.attempt()).isEqualTo(1);
    assertThat(back.maxAttempts()).isEqualTo(3);
    assertThat(back.enqueuedAt()).isEqualTo(NOW.toEpochMilli());
    assertThat(back.createdAt()).isEqualTo(1_000);
    assertThat(back.error()).isNull();
    assertThat(back.reason()).isNull();
    assertThat(inspector.stat("enqueued")).isEqualTo(1);
    assertThat(json("dead", "list", "--json")).singleElement()
        .satisfies(letter -> assertThat(letter.path("id").asText()).isEqualTo(sms));
  }

  @Test
  void retryAllLeavesUnparseableLettersAndDiscardRemovesWhatIsSelected() throws Exception {
    deadJob("mail");
    deadJob("mail");
    deadJob("sms");
    inspector.redis().lpush(inspector.keys().dead().getBytes(StandardCharsets.UTF_8),
        DeadLetter.unparseable(new byte[0], JobError.of("M", "empty element"), 5_000).toJson());

    assertThat(run("dead", "retry", "--type", "mail")).contains("retried 2 of 2");
    JsonNode all = json("dead", "retry", "--all", "--json");
    assertThat(all.path("retried").asInt()).isEqualTo(1);
    assertThat(all.path("notJobs").asInt()).isEqualTo(1);
    assertThat(inspector.waitingElements()).hasSize(3);

    assertThat(json("dead", "discard", "--all", "--json").path("discarded").asInt()).isEqualTo(1);
    assertThat(inspector.deadLetters()).isEmpty();
  }

  @Test
  void queuesReportsEachPlaceAJobCanBe() throws Exception {
    JobClient client = new JobClient(inspector.redis(), queue, Clock.fixed(NOW.minusSeconds(41), ZoneOffset.UTC));
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      jobs.add(NewJob.of("demo", Map.of()));
    }
    client.enqueueAll(jobs);
    client.enqueueAt(NOW.plusSeconds(3_600), "demo", Map.of());
    inspector.redis().zadd(inspector.keys().retry(), NOW.toEpochMilli(), "{\"id\":\"r\",\"type\":\"demo\"}");
    inspector.redis().zadd(inspector.keys().workers(), NOW.toEpochMilli(), "w:1:a");
    inspector.redis().lpush(inspector.keys().inflight("w:1:a"), "{\"id\":\"f1\"}", "{\"id\":\"f2\"}");
    inspector.redis().zadd(inspector.keys().reclaimed(), NOW.toEpochMilli(), "hung:1:b");
    inspector.redis().lpush(inspector.keys().inflight("hung:1:b"), "{\"id\":\"late\"}");
    deadJob("mail");
    inspector.redis().hset(inspector.keys().schedules(), "nightly",
        "{\"name\":\"nightly\",\"cron\":\"0 3 * * *\",\"type\":\"report\",\"catchUp\":true}");
    inspector.redis().hset(inspector.keys().periodic(), "nightly", Long.toString(NOW.minusSeconds(3_600).toEpochMilli()));

    JsonNode overview = json("queues", "--json");
    assertThat(overview).singleElement().satisfies(q -> {
      assertThat(q.path("queue").asText()).isEqualTo(queue);
      assertThat(q.path("waiting").asLong()).isEqualTo(5);
      assertThat(q.path("oldestAgeMs").asLong()).isEqualTo(41_000);
      assertThat(q.path("inFlight").asLong()).isEqualTo(3);
      assertThat(q.path("retry").asLong()).isEqualTo(1);
      assertThat(q.path("scheduled").asLong()).isEqualTo(1);
      assertThat(q.path("dead").asLong()).isEqualTo(1);
      assertThat(q.path("workers").asLong()).isEqualTo(1);
      assertThat(q.path("periodic")).singleElement().satisfies(p -> {
        assertThat(p.path("cron").asText()).isEqualTo("0 3 * * *");
        assertThat(p.path("nextTick").asText()).isEqualTo("2026-12-03T03:00:00Z");
      });
    });
    assertThat(run("queues")).contains(queue).contains("41s").contains("periodic nightly '0 3 * * *' -> report");
  }
}
