package dev.ebb.operator.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecommendationHistoryTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
  private static final Duration KEEP = Duration.ofMinutes(5);

  @Test
  void fiveMinutesOfTheSameRecommendationEverySecondAreOneRun() {
    RecommendationHistory history = RecommendationHistory.empty();
    for (int second = 0; second < 300; second++) {
      history = history.record(T0.plusSeconds(second), 4, 3, KEEP);
    }
    assertThat(history.runs()).isEqualTo(1);
    assertThat(history.highestWithin(T0.plusSeconds(299), Duration.ofSeconds(10), -1)).isEqualTo(4);
    assertThat(history.highestSteadyWithin(T0.plusSeconds(299), Duration.ofSeconds(10), -1)).isEqualTo(3);
  }

  @Test
  void aRunOlderThanTheWindowIsNotSeenButOneEndingInsideItIs() {
    RecommendationHistory history = RecommendationHistory.empty()
        .record(T0, 9, KEEP)
        .record(T0.plusSeconds(10), 9, KEEP)
        .record(T0.plusSeconds(11), 2, KEEP);
    assertThat(history.highestWithin(T0.plusSeconds(11), Duration.ofSeconds(1), -1)).as("ended at 10 s").isEqualTo(9);
    assertThat(history.highestWithin(T0.plusSeconds(11), Duration.ofMillis(999), -1)).isEqualTo(2);
    assertThat(history.lowestWithin(T0.plusSeconds(30), Duration.ofSeconds(5), -1)).as("none in the window")
        .isEqualTo(-1);
  }

  /** The runs answer every window query as the polls kept one by one would, over random traffic and windows. */
  @Test
  void answersAsThePollsOneByOneWould() {
    Random random = new Random(7);
    RecommendationHistory history = RecommendationHistory.empty();
    List<long[]> polls = new ArrayList<>();
    long at = T0.toEpochMilli();
    int replicas = 3;
    for (int poll = 0; poll < 5_000; poll++) {
      at += 200 + random.nextInt(4_000);
      if (random.nextInt(4) == 0) {
        replicas = Math.max(0, replicas + random.nextInt(5) - 2);
      }
      int steady = Math.max(0, replicas - random.nextInt(2));
      Instant now = Instant.ofEpochMilli(at);
      history = history.record(now, replicas, steady, KEEP);
      polls.add(new long[] {at, replicas, Math.min(steady, replicas)});
      long cutoff = now.minus(KEEP).toEpochMilli();
      polls.removeIf(p -> p[0] < cutoff);
      Duration window = Duration.ofMillis(random.nextInt((int) KEEP.toMillis()));
      long start = now.minus(window).toEpochMilli();
      List<long[]> seen = polls.stream().filter(p -> p[0] >= start && p[0] <= now.toEpochMilli()).toList();
      assertThat(history.lowestWithin(now, window, -1)).as("poll %d", poll)
          .isEqualTo((int) seen.stream().mapToLong(p -> p[1]).min().orElse(-1));
      assertThat(history.highestWithin(now, window, -1)).as("poll %d", poll)
          .isEqualTo((int) seen.stream().mapToLong(p -> p[1]).max().orElse(-1));
      assertThat(history.highestSteadyWithin(now, window, -1)).as("poll %d", poll)
          .isEqualTo((int) seen.stream().mapToLong(p -> p[2]).max().orElse(-1));
      assertThat(history.runs()).isLessThanOrEqualTo(polls.size());
    }
  }
}
