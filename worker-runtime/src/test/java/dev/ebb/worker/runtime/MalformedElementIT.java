package dev.ebb.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebb.redis.RedisProcess;
import dev.ebb.worker.support.QueueInspector;
import dev.ebb.worker.support.TestWorkers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Queue elements that are not job envelopes, pushed by a producer in another language, by hand, or by a bug: each is
 * dead-lettered with its exact bytes and the reason, and leaves the in-flight list; a valid job next to them runs.
 */
class MalformedElementIT {

  private static final int MAX_JOB_BYTES = 64 * 1024;
  private static RedisProcess redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.startOnFreePort();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  /** One element pushed onto the queue, and where it must end: dead (with this in its error message) or completed. */
  private record Row(String shape, byte[] element, String deadBecause, String completedId) {
    static Row dead(String shape, byte[] element, String because) {
      return new Row(shape, element, because, null);
    }

    static Row completed(String shape, String id, byte[] element) {
      return new Row(shape, element, null, id);
    }
  }

  private static final byte[] BAD = {(byte) 0xff, (byte) 0xfe};

  private static byte[] envelope(String id, String type, String payload) {
    return ("{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"payload\":" + payload
        + ",\"enqueuedAt\":1700000000000,\"attempt\":1,\"maxAttempts\":3}").getBytes(StandardCharsets.UTF_8);
  }

  /** {@code text} with the two bytes 0xff 0xfe put where {@code marker} is. */
  private static byte[] withBadBytes(byte[] text, String marker) {
    String s = new String(text, StandardCharsets.UTF_8);
    int at = s.indexOf(marker);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(s.substring(0, at).getBytes(StandardCharsets.UTF_8));
    out.writeBytes(BAD);
    out.writeBytes(s.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static List<Row> table() {
    String good = UUID.randomUUID().toString();
    String nearLimit = UUID.randomUUID().toString();
    return List.of(
        Row.dead("bad UTF-8 in id", withBadBytes(envelope("@", "demo", "{}"), "@"), "not UTF-8: invalid byte 0xff"),
        Row.dead("bad UTF-8 in type", withBadBytes(envelope("t1", "@", "{}"), "@"), "not UTF-8"),
        Row.dead("bad UTF-8 in payload", withBadBytes(envelope("p1", "demo", "{\"sleepMs\":0,\"to\":\"@\"}"), "@"),
            "not UTF-8"),
        Row.dead("no UTF-8 at all", new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xfd, ' ', 'x'}, "not UTF-8"),
        Row.dead("truncated UTF-8 sequence at the end", new byte[] {'{', (byte) 0xc3}, "not UTF-8"),
        Row.dead("not JSON", "{not json".getBytes(StandardCharsets.UTF_8), "not a job envelope"),
        Row.dead("JSON but not an object", "[1,2]".getBytes(StandardCharsets.UTF_8), "not a job envelope"),
        Row.dead("object without id", "{\"type\":\"demo\"}".getBytes(StandardCharsets.UTF_8), "lacks id or type"),
        Row.dead("empty", new byte[0], "empty element"),
        Row.dead("huge", envelope("h1", "demo", "\"" + "x".repeat(MAX_JOB_BYTES) + "\""), "larger than the limit"),
        Row.completed("valid, non-ASCII payload", good, envelope(good, "demo", "{\"sleepMs\":0,\"to\":\"Zoë ✓\"}")),
        Row.completed("valid, just under the limit", nearLimit,
            envelope(nearLimit, "demo", "{\"sleepMs\":0,\"pad\":\"" + "x".repeat(MAX_JOB_BYTES - 200) + "\"}")));
  }

  @Test
  void eachMalformedElementIsDeadLetteredWithItsExactBytesAndLeavesTheInFlightList() throws Exception {
    String queue = "q-" + UUID.randomUUID().toString().substring(0, 8);
    List<Row> rows = table();
    try (QueueInspector inspector = new QueueInspector(redis.uri(), queue)) {
      rows.forEach(row -> inspector.push(row.element()));
      Launcher worker = Launcher.start(TestWorkers.config(redis.uri(), queue, "EBB_CONCURRENCY", "1",
          "EBB_MAX_JOB_BYTES", Integer.toString(MAX_JOB_BYTES)), Clock.systemUTC());
      long malformed = rows.stream().filter(row -> row.deadBecause() != null).count();
      try {
        await().atMost(Duration.ofSeconds(15)).until(() -> inspector.stat("dead") + inspector.stat("completed")
            == rows.size());
        // two audits of the worker's own list (every heartbeat interval): nothing is left to hand back
        Thread.sleep(3 * 300);
      } finally {
        worker.requestStop();
        assertThat(worker.awaitTermination(Duration.ofSeconds(10))).isTrue();
      }

      List<JsonNode> dead = inspector.deadLetters();
      for (Row row : rows) {
        List<JsonNode> letters = dead.stream()
            .filter(letter -> Arrays.equals(elementOf(letter), row.element())).toList();
        if (row.deadBecause() == null) {
          assertThat(letters).as(row.shape()).isEmpty();
          assertThat(inspector.completions()).as(row.shape()).containsEntry(row.completedId(), 1L);
        } else {
          assertThat(letters).as(row.shape() + ": one dead letter holding the exact bytes").hasSize(1);
          JsonNode letter = letters.get(0);
          assertThat(letter.path("reason").asText()).as(row.shape()).isEqualTo("unparseable");
          assertThat(letter.path("error").path("message").asText()).as(row.shape()).contains(row.deadBecause());
        }
      }
      assertThat(inspector.inflightElements()).as("in flight").isEmpty();
      assertThat(inspector.waitingElements()).as("waiting (nothing handed back)").isEmpty();
      assertThat(inspector.stat("dead")).isEqualTo(malformed);
      assertThat(inspector.stat("failed")).isEqualTo(malformed);
      assertThat(inspector.stat("completed")).isEqualTo(rows.size() - malformed);
    }
  }

  /** The element a dead letter of an unreadable element keeps: {@code raw} (UTF-8 text) or {@code rawBase64}. */
  private static byte[] elementOf(JsonNode letter) {
    if (letter.has("rawBase64")) {
      return Base64.getDecoder().decode(letter.path("rawBase64").asText());
    }
    return letter.has("raw") ? letter.path("raw").asText().getBytes(StandardCharsets.UTF_8) : null;
  }
}
