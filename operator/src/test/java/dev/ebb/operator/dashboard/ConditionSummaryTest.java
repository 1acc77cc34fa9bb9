package dev.ebb.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionSummaryTest {

  private static Condition condition(String type, String status, String reason) {
    return new ConditionBuilder().withType(type).withStatus(status).withReason(reason).build();
  }

  @Test
  void namesReadyOrWhyNotThenEveryOtherConditionThatHolds() {
    assertThat(ConditionSummary.of(List.of(condition("Ready", "True", "WorkersReady"),
        condition("Active", "True", "Running"), condition("Fallback", "False", "Measured"))))
        .isEqualTo("Ready, Active");
    assertThat(ConditionSummary.of(List.of(condition("Degraded", "True", "X"),
        condition("Ready", "False", "AddressNotAllowed"))))
        .isEqualTo("not Ready: AddressNotAllowed, Degraded");
    assertThat(ConditionSummary.of(List.of())).isEqualTo("no conditions yet");
    assertThat(ConditionSummary.of(null)).isEqualTo("no conditions yet");
  }
}
