package dev.ebb.operator.scaler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.resps.Tuple;

/** How the reader turns the worker registry, the heartbeat hashes and the reclaimed set into heartbeats. */
class RedisEbbScalerTest {

  private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");
  private static final String LIVE = "mailer-abc:12:0a0b0c0d";
  private static final Map<String, String> LIVE_HASH = Map.of("id", LIVE, "pod", "mailer-abc", "state", "running",
      "busy", "3", "concurrency", "10", "beat", Long.toString(T.toEpochMilli()));

  static Stream<Arguments> cases() {
    return Stream.of(
        row("a live hash gives its own pod", List.of(at(LIVE, 0)), List.of(LIVE_HASH), List.of(),
            List.of(seen(LIVE, "mailer-abc", false, 0))),
        row("an expired hash leaves the id's pod and the registered beat",
            List.of(at("mailer-hung:12:0a0b0c0d", 20)), List.of(Map.of()), List.of(),
            List.of(seen("mailer-hung:12:0a0b0c0d", "mailer-hung", true, 20))),
        row("a hash without a pod field falls back to the id's pod", List.of(at(LIVE, 0)),
            List.of(Map.of("state", "running", "beat", Long.toString(T.toEpochMilli()))), List.of(),
            List.of(seen(LIVE, "mailer-abc", false, 0))),
        row("a worker a peer reclaimed is an expired heartbeat of the id's pod, with its last beat",
            List.of(at(LIVE, 0)), List.of(LIVE_HASH), List.of(at("mailer-hung:12:0a0b0c0d", 90)),
            List.of(seen(LIVE, "mailer-abc", false, 0), seen("mailer-hung:12:0a0b0c0d", "mailer-hung", true, 90))),
        row("a reclaimed worker that beats again counts only as registered", List.of(at(LIVE, 0)),
            List.of(LIVE_HASH), List.of(at(LIVE, 90)), List.of(seen(LIVE, "mailer-abc", false, 0))),
        row("an id without ':' names no pod", List.of(), List.of(), List.of(at("w7", 30)),
            List.of(seen("w7", "", true, 30))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readsEveryWorkerItCanJudge(String name, List<Tuple> registered, List<Map<String, String>> hashes,
      List<Tuple> reclaimed, List<Seen> expected) {
    List<Seen> workers = RedisEbbScaler.workers(registered, hashes, reclaimed).stream()
        .map(w -> new Seen(w.id(), w.pod(), w.expired(), w.lastBeat())).toList();

    assertThat(workers).containsExactlyElementsOf(expected);
  }

  private static Arguments row(String name, List<Tuple> registered, List<Map<String, String>> hashes,
      List<Tuple> reclaimed, List<Seen> expected) {
    return Arguments.of(name, registered, hashes, reclaimed, expected);
  }

  private static Tuple at(String id, int secondsAgo) {
    return new Tuple(id, (double) T.minusSeconds(secondsAgo).toEpochMilli());
  }

  private static Seen seen(String id, String pod, boolean expired, int secondsAgo) {
    return new Seen(id, pod, expired, T.minusSeconds(secondsAgo));
  }

  private record Seen(String id, String pod, boolean expired, Instant lastBeat) {
  }
}
