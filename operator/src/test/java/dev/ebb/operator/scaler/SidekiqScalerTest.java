package dev.ebb.operator.scaler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.resps.Tuple;

class SidekiqScalerTest {

  private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");

  @Test
  void aProcessHashGivesItsPodFromInfoHostnameItsThreadsAndQuietness() {
    var process = SidekiqScaler.process("mailer-abc:12:f00d", Map.of(
        "info", "{\"hostname\":\"mailer-abc\",\"concurrency\":10,\"queues\":[\"mailer\",\"default\"]}",
        "busy", "7", "beat", "1796191198.25", "quiet", "true"), NOW).orElseThrow();

    assertThat(process.heartbeat()).isEqualTo(new WorkerHeartbeat("mailer-abc:12:f00d", "mailer-abc", "quiet", 7, 10,
        OptionalDouble.empty(), Instant.parse("2026-12-02T05:59:58.250Z")));
    assertThat(process.serves("mailer")).isTrue();
    assertThat(process.serves("mail")).isFalse();
  }

  @Test
  void anExpiredProcessHashIsNoLiveProcess() {
    assertThat(SidekiqScaler.process("mailer-abc:12:f00d", Map.of(), NOW)).isEmpty();
  }

  @Test
  void anUnreadableInfoStillGivesAHeartbeatWithThePodOfTheIdentity() {
    var process = SidekiqScaler.process("mailer-abc:12:f00d", Map.of("info", "{not json", "busy", "x",
        "beat", "1796191198"), NOW).orElseThrow();

    assertThat(process.heartbeat().pod()).isEqualTo("mailer-abc");
    assertThat(process.heartbeat().busy()).isZero();
    assertThat(process.heartbeat().state()).isEqualTo("running");
    assertThat(process.serves("mailer")).isFalse();
  }

  @Test
  void dueJobsCountOnlyThoseOfTheQueueFromTheOldest() {
    List<Tuple> due = List.of(new Tuple("{\"queue\":\"mailer\",\"jid\":\"a\"}", 100.0),
        new Tuple("{\"queue\":\"other\",\"jid\":\"b\"}", 50.0), new Tuple("{\"queue\":\"mailer\"}", 120.0),
        new Tuple("garbage", 10.0));

    SidekiqScaler.Due mine = SidekiqScaler.due(due, 4, "mailer");

    assertThat(mine.count()).isEqualTo(2);
    assertThat(mine.oldestScore()).hasValue(100.0);
  }

  @Test
  void beyondTheDueJobsReadTheQueuesShareIsExtrapolated() {
    List<Tuple> read = List.of(new Tuple("{\"queue\":\"mailer\"}", 1.0), new Tuple("{\"queue\":\"other\"}", 2.0));

    assertThat(SidekiqScaler.due(read, 1_000, "mailer").count()).isEqualTo(500);
    assertThat(SidekiqScaler.due(read, 1_000, "third").count()).isZero();
  }
}
