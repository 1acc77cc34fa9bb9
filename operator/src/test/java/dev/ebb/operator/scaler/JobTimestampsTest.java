package dev.ebb.operator.scaler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobTimestampsTest {

  private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");

  @Test
  void horizonsPushedAtIsEpochSecondsWrittenAsAString() {
    String payload = "{\"job\":\"SleepJob@handle\",\"pushedAt\":\"" + (NOW.getEpochSecond() - 12) + ".2500\"}";

    assertThat(JobTimestamps.age(payload, "pushedAt", NOW)).hasValue(Duration.ofMillis(11_750));
  }

  @Test
  void numbersAndRfc3339StillReadAndOtherTextIsNoAge() {
    assertThat(JobTimestamps.age("{\"t\":" + (NOW.toEpochMilli() - 500) + "}", "t", NOW))
        .hasValue(Duration.ofMillis(500));
    assertThat(JobTimestamps.age("{\"t\":\"2026-12-02T05:59:00Z\"}", "t", NOW)).hasValue(Duration.ofMinutes(1));
    assertThat(JobTimestamps.age("{\"t\":\"yesterday\"}", "t", NOW)).isEmpty();
    assertThat(JobTimestamps.age("{\"t\":\"12.\"}", "t", NOW)).isEmpty();
  }
}
