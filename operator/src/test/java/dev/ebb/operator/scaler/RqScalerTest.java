package dev.ebb.operator.scaler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RqScalerTest {

  private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");

  @Test
  void aBusyWorkerRunsOneJobOnItsHostnamesPod() {
    WorkerHeartbeat beat = RqScaler.heartbeat("rq:worker:9f2c", Map.of("state", "busy",
        "last_heartbeat", "2026-12-02T05:59:57.123456Z", "hostname", "mailer-7c4d5-r1a2b"), NOW);

    assertThat(beat.id()).isEqualTo("9f2c");
    assertThat(beat.pod()).isEqualTo("mailer-7c4d5-r1a2b");
    assertThat(beat.busy()).isEqualTo(1);
    assertThat(beat.concurrency()).isEqualTo(1);
    assertThat(beat.state()).isEqualTo("running");
    assertThat(beat.lastBeat()).isEqualTo(Instant.parse("2026-12-02T05:59:57.123456Z"));
  }

  @Test
  void aSuspendedWorkerIsQuietAndOneAskedToShutDownIsStopping() {
    assertThat(RqScaler.heartbeat("rq:worker:a", Map.of("state", "suspended", "hostname", "p"), NOW).state())
        .isEqualTo("quiet");
    assertThat(RqScaler.heartbeat("rq:worker:a", Map.of("state", "busy", "hostname", "p",
        "shutdown_requested_date", "2026-12-02T05:59:59.000000Z"), NOW).state()).isEqualTo("stopping");
  }

  @Test
  void anUnreadableHeartbeatIsAsOldAsTheHashCanBe() {
    WorkerHeartbeat beat = RqScaler.heartbeat("rq:worker:a", Map.of("state", "idle", "last_heartbeat", "yesterday"),
        NOW);

    assertThat(beat.lastBeat()).isEqualTo(NOW.minus(RqScaler.HASH_TTL));
    assertThat(beat.pod()).isEmpty();
    assertThat(beat.busy()).isZero();
  }
}
