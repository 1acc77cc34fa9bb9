package dev.ebb.operator.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StartupTimesTest {

  static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

  /** Pod {@code name} created at second {@code created}, Ready {@code took} seconds later. */
  static PodStart start(String name, long created, long took) {
    return new PodStart(name, T0.plusSeconds(created), T0.plusSeconds(created + took));
  }

  record Case(String name, List<PodStart> seen, Optional<Duration> typical) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("no pod started yet: unknown", List.of(), Optional.empty()),
        new Case("one pod: its start", List.of(start("a", 0, 20)), Optional.of(Duration.ofSeconds(20))),
        new Case("the median of three", List.of(start("a", 0, 20), start("b", 0, 90), start("c", 0, 25)),
            Optional.of(Duration.ofSeconds(25))),
        new Case("an even count: the higher middle one", List.of(start("a", 0, 20), start("b", 0, 30)),
            Optional.of(Duration.ofSeconds(30))),
        new Case("one pod that waited for a node does not move it",
            List.of(start("a", 0, 20), start("b", 0, 21), start("c", 0, 600), start("d", 0, 19),
                start("e", 0, 22)), Optional.of(Duration.ofSeconds(21))),
        new Case("a Ready time before creation (clock skew) counts as no start-up",
            List.of(new PodStart("a", T0, T0.minusSeconds(2))), Optional.of(Duration.ZERO)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void learns(Case c) {
    assertThat(StartupTimes.none().learn(c.seen()).typical()).isEqualTo(c.typical());
  }

  @Test
  void aPodSeenAtEveryLookCountsOnce() {
    StartupTimes times = StartupTimes.none();
    for (int look = 0; look < 20; look++) {
      times = times.learn(List.of(start("slow", 0, 120), start("quick", 10, 20)));
    }
    times = times.learn(List.of(start("quick-2", 30, 20)));

    assertThat(times.starts()).hasSize(3);
    assertThat(times.typical()).contains(Duration.ofSeconds(20));
  }

  @Test
  void keepsTheLastStartsOnlySoANewImageIsLearned() {
    StartupTimes times = StartupTimes.none();
    List<PodStart> old = new ArrayList<>();
    for (int i = 0; i < StartupTimes.KEPT; i++) {
      old.add(start("old-" + i, i, 20));
    }
    times = times.learn(old);
    List<PodStart> slower = new ArrayList<>();
    for (int i = 0; i < StartupTimes.KEPT / 2 + 1; i++) {
      slower.add(start("new-" + i, 1000 + i, 60));
    }
    times = times.learn(slower);
    // pods gone from the cluster are remembered; the oldest ones are forgotten first
    times = times.learn(List.of());

    assertThat(times.starts()).hasSize(StartupTimes.KEPT);
    assertThat(times.typical()).contains(Duration.ofSeconds(60));
    assertThat(times.starts()).extracting(PodStart::pod).doesNotContain("old-0", "old-5").contains("old-9");
  }
}
