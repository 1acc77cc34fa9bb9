package dev.ebb.operator.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaling.QueueObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RateWindowTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00.123456789Z");

  @Test
  void theWindowStartsAtItsOldestSampleOfTheLastMinuteKeptInOrderPastItsFirstCapacity() {
    RateWindow window = new RateWindow();
    for (int second = 0; second <= 100; second++) {
      window.record(reading(T0.plusSeconds(second), 1_000 + second, second % 7), observed(second % 3));
    }
    RateWindow.Sample start = window.start(T0.plusSeconds(100)).orElseThrow();
    assertThat(start).isEqualTo(new RateWindow.Sample(T0.plusSeconds(40), 1_040, 40 % 7, 40 % 3));
  }

  @Test
  void theLastSampleIsKeptHoweverOldSoARateCanStillBeTakenAfterAPause() {
    RateWindow window = new RateWindow();
    assertThat(window.start(T0)).isEmpty();
    window.record(reading(T0, 5, 1), observed(2));
    assertThat(window.start(T0.plus(Duration.ofHours(1)))).contains(new RateWindow.Sample(T0, 5, 1, 2));
  }

  @Test
  void aReadingWithoutACompletionCounterIsNotASample() {
    RateWindow window = new RateWindow();
    window.record(QueueReading.depthOnly(9, Optional.empty(), T0), observed(0));
    assertThat(window.start(T0)).isEmpty();
  }

  private static QueueReading reading(Instant at, long completed, long depth) {
    return new QueueReading(depth, Optional.empty(), OptionalLong.empty(), OptionalLong.of(completed), List.of(), at);
  }

  private static QueueObservation observed(int running) {
    return new QueueObservation(0, Duration.ZERO, OptionalDouble.empty(), OptionalDouble.empty(), running, running,
        OptionalInt.empty(), Optional.empty());
  }
}
