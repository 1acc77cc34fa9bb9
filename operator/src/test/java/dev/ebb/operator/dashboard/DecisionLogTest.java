package dev.ebb.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.operator.scaling.ScalingDecision;
import dev.ebb.operator.scaling.ScalingReason;
import dev.ebb.operator.scaling.ScalingState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionLogTest {

  private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");

  private static ScalingDecision decision(int desired, ScalingReason reason, String message) {
    return new ScalingDecision(desired, reason, message, ScalingState.initial());
  }

  @Test
  void keepsMovesAndChangesOfReasonNotEverySteadyPoll() {
    DecisionLog log = new DecisionLog();
    log.offer(T, decision(1, ScalingReason.STEADY, "queue 0: 1 replica, steady"), 1);
    log.offer(T.plusSeconds(5), decision(1, ScalingReason.STEADY, "queue 0: 1 replica, steady"), 1);
    log.offer(T.plusSeconds(10), decision(10, ScalingReason.SCALE_UP, "queue 1000, oldest 480ms: 1 -> 10 replicas"),
        1);
    log.offer(T.plusSeconds(15), decision(10, ScalingReason.STEADY, "queue 900: 10 replicas, steady"), 10);
    log.offer(T.plusSeconds(20), decision(10, ScalingReason.STEADY, "queue 800: 10 replicas, steady"), 10);

    assertThat(log.newestFirst()).extracting(LoggedDecision::message).containsExactly(
        "queue 900: 10 replicas, steady", "queue 1000, oldest 480ms: 1 -> 10 replicas", "queue 0: 1 replica, steady");
    assertThat(log.newestFirst().get(1)).satisfies(d -> {
      assertThat(d.from()).isEqualTo(1);
      assertThat(d.to()).isEqualTo(10);
      assertThat(d.at()).isEqualTo(T.plusSeconds(10));
    });
  }

  @Test
  void keepsTheLastHundred() {
    DecisionLog log = new DecisionLog();
    for (int i = 0; i < 250; i++) {
      log.offer(T.plusSeconds(i), decision(i + 1, ScalingReason.SCALE_UP, "to " + (i + 1)), i);
    }

    assertThat(log.newestFirst()).hasSize(DecisionLog.SIZE);
    assertThat(log.newestFirst().get(0).message()).isEqualTo("to 250");
    assertThat(log.newestFirst().get(99).message()).isEqualTo("to 151");
  }

  @Test
  void keepsEveryDecisionInOrderWhileItGrowsTowardsTheHundred() {
    DecisionLog log = new DecisionLog();
    for (int i = 0; i < 37; i++) {
      log.offer(T.plusSeconds(i), decision(i + 1, ScalingReason.SCALE_UP, "to " + (i + 1)), i);
      List<String> messages = log.newestFirst().stream().map(LoggedDecision::message).toList();
      assertThat(messages).hasSize(i + 1).first().isEqualTo("to " + (i + 1));
      assertThat(messages).last().isEqualTo("to 1");
    }
  }
}
