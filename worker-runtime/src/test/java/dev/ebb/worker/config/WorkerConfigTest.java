package dev.ebb.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkerConfigTest {

  @Test
  void defaults() {
    WorkerConfig config = WorkerConfig.from(Map.of(), List.of(), "host-1");
    assertThat(config.redis().host()).isEqualTo("127.0.0.1");
    assertThat(config.redis().port()).isEqualTo(6379);
    assertThat(config.queue()).isEqualTo("default");
    assertThat(config.concurrency()).isEqualTo(10);
    assertThat(config.podName()).isEqualTo("host-1");
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(25));
    assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.heartbeatTtl()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.httpPort()).isEqualTo(8080);
  }

  @Test
  void environmentThenFlags() {
    Map<String, String> env = Map.of("EBB_QUEUE", "mailer", "EBB_CONCURRENCY", "4", "EBB_POD_NAME", "mailer-7f9",
        "EBB_POOL", "mailer", "EBB_SHUTDOWN_TIMEOUT", "1m30s", "EBB_REDIS_URL", "redis://redis.shop.svc:6380/2");
    WorkerConfig config = WorkerConfig.from(env, List.of("--concurrency", "20", "--http-port=0"), "host-1");
    assertThat(config.queue()).isEqualTo("mailer");
    assertThat(config.concurrency()).isEqualTo(20);
    assertThat(config.httpPort()).isZero();
    assertThat(config.podName()).isEqualTo("mailer-7f9");
    assertThat(config.pool()).isEqualTo("mailer");
    assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.redis().port()).isEqualTo(6380);
    assertThat(config.redis().database()).isEqualTo(2);
  }

  @Test
  void passwordComesFromItsOwnVariableAndIsNeverPrinted() {
    Map<String, String> env = Map.of("EBB_REDIS_URL", "redis://app:inurl@redis:6379/0", "EBB_REDIS_PASSWORD", "s3cr3t");
    WorkerConfig config = WorkerConfig.from(env, List.of(), "h");
    assertThat(config.redis().user()).isEqualTo("app");
    assertThat(config.redis().password()).isEqualTo("s3cr3t");
    assertThat(config.toString()).doesNotContain("s3cr3t").doesNotContain("inurl");
    assertThat(config.redis().toString()).isEqualTo("redis://redis:6379/0 (with password)");
  }

  @Test
  void passwordFlagIsRefused() {
    assertThatThrownBy(() -> WorkerConfig.from(Map.of(), List.of("--redis-password", "x"), "h"))
        .hasMessageContaining("EBB_REDIS_PASSWORD");
  }

  @Test
  void invalidValuesNameTheirVariable() {
    assertThatThrownBy(() -> WorkerConfig.from(Map.of("EBB_CONCURRENCY", "many"), List.of(), "h"))
        .hasMessageContaining("EBB_CONCURRENCY");
    assertThatThrownBy(() -> WorkerConfig.from(Map.of("EBB_SHUTDOWN_TIMEOUT", "soon"), List.of(), "h"))
        .hasMessageContaining("EBB_SHUTDOWN_TIMEOUT");
    assertThatThrownBy(() -> WorkerConfig.from(Map.of("EBB_CONCURRENCY", "0"), List.of(), "h"))
        .hasMessageContaining("at least 1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "[{\"name\":\"n\",\"cron\":\"60 * * * *\",\"type\":\"t\"}]  | EBB_PERIODIC: minute 60 is outside 0-59",
      "[{\"name\":\"n\",\"cron\":\"* * * * *\"}]                   | EBB_PERIODIC: a periodic job needs name, cron and type",
      "[{\"name\":\"n\",\"cron\":\"* * * * *\",\"type\":\"t\"},{\"name\":\"n\",\"cron\":\"0 * * * *\",\"type\":\"t\"}] | used twice",
      "{\"name\":\"n\"}                                                | EBB_PERIODIC: not a JSON array"})
  void aPeriodicScheduleThatCannotRunIsRefusedAtStart(String periodic, String message) {
    assertThatThrownBy(() -> WorkerConfig.from(Map.of("EBB_PERIODIC", periodic), List.of(), "h"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }

  @Test
  void periodicSchedulesAreReadWithCatchUpByDefault() {
    WorkerConfig config = WorkerConfig.from(Map.of("EBB_PERIODIC",
        "[{\"name\":\"nightly\",\"cron\":\"0 3 * * *\",\"type\":\"report\",\"payload\":{\"k\":1}}]"),
        List.of(), "h");
    assertThat(config.periodic()).singleElement().satisfies(schedule -> {
      assertThat(schedule.catchUp()).isTrue();
      assertThat(schedule.payload().path("k").asInt()).isEqualTo(1);
    });
  }
}
