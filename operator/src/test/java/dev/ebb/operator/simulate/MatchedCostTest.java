package dev.ebb.operator.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatchedCostTest {

  static Sweep.Point point(String policy, String knob, double cost, double p95) {
    return new Sweep.Point("spike", policy, knob, cost, p95, p95, p95);
  }

  @Test
  void theEnvelopeKeepsOnlyPointsThatNoCheaperPointBeats() {
    List<Sweep.Point> curve = List.of(point("keda-tuned", "target 50", 30_000, 20),
        point("keda-tuned", "target 800", 10_000, 40), point("keda-tuned", "target 100", 25_000, 45),
        point("keda-tuned", "target 400", 15_000, 30));

    assertThat(MatchedCost.envelope(curve)).extracting(Sweep.Point::knob)
        .containsExactly("target 800", "target 400", "target 50");
  }

  @Test
  void interpolatesLinearlyInCostAndNotBelowTheCheapestPoint() {
    List<Sweep.Point> curve = List.of(point("keda-tuned", "a", 10_000, 40), point("keda-tuned", "b", 20_000, 20));

    assertThat(MatchedCost.p95At(curve, 15_000).getAsDouble()).isCloseTo(30, within(1e-9));
    assertThat(MatchedCost.p95At(curve, 10_000).getAsDouble()).isCloseTo(40, within(1e-9));
    assertThat(MatchedCost.p95At(curve, 9_999)).isEmpty();
    assertThat(MatchedCost.p95At(curve, 50_000).getAsDouble()).isCloseTo(20, within(1e-9));
  }

  @Test
  void theTableComparesEveryPolicyAtEbbsCosts() {
    List<Sweep.Point> points = List.of(point("ebb", "maxQueueLatency 30s", 15_000, 15),
        point("keda-tuned", "a", 10_000, 40), point("keda-tuned", "b", 20_000, 20));

    String table = MatchedCost.table(points, List.of("spike"));

    assertThat(table).startsWith(MatchedCost.HEADER).contains("maxQueueLatency 30s", "15000", "15.0s", "30.0s",
        "-50%");
  }
}
