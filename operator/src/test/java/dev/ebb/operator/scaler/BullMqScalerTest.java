package dev.ebb.operator.scaler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BullMqScalerTest {

  private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");

  @Test
  void theOldestOfTheNextJobsCountsFromItsTimestampPlusItsDelay() {
    List<List<String>> next = List.of(
        fields(Long.toString(NOW.minusSeconds(30).toEpochMilli()), "10000"), // ready 20 s ago
        fields(Long.toString(NOW.minusSeconds(25).toEpochMilli()), "0"));    // ready 25 s ago

    assertThat(BullMqScaler.oldest(next, List.of(), NOW)).hasValue(Duration.ofSeconds(25));
  }

  @Test
  void aDueDelayedJobCountsFromTheDueTimeInItsScore() {
    double score = NOW.minusSeconds(40).toEpochMilli() * 4096.0 + 17; // the low 12 bits order jobs within a ms

    assertThat(BullMqScaler.oldest(List.of(fields("not a number", null)), List.of(score), NOW))
        .hasValue(Duration.ofSeconds(40));
  }

  @Test
  void noReadableTimeIsNoAgeAndAFutureOneIsZero() {
    assertThat(BullMqScaler.oldest(List.of(fields(null, null)), List.of(), NOW)).isEmpty();
    assertThat(BullMqScaler.oldest(List.of(fields(Long.toString(NOW.plusSeconds(5).toEpochMilli()), null)),
        List.of(), NOW)).hasValue(Duration.ZERO);
  }

  @Test
  void processingTimeIsTheMeanOverCompletionsThatHaveBothTimes() {
    List<List<String>> completions = List.of(fields("1000", "1400"), fields("2000", "2600"),
        fields("3000", null), fields(null, "5000"), fields("9000", "8000"));

    assertThat(BullMqScaler.meanProcessingTime(completions)).hasValue(Duration.ofMillis(500));
    assertThat(BullMqScaler.meanProcessingTime(List.of(fields(null, null)))).isEmpty();
    assertThat(BullMqScaler.meanProcessingTime(List.of())).isEmpty();
  }

  private static List<String> fields(String first, String second) {
    return Arrays.asList(first, second);
  }
}
