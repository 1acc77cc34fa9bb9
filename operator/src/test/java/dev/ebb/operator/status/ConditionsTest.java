package dev.ebb.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-11-28T10:05:00Z");

  @Test
  void theTransitionTimeStaysWhileTheStatusDoesNotFlip() {
    List<Condition> first = Conditions.with(List.of(), ConditionType.Ready, false, "WorkersStarting", "0/2", 1L, T0);
    List<Condition> again = Conditions.with(first, ConditionType.Ready, false, "WorkersStarting", "1/2", 1L, T1);

    assertThat(again.get(0).getLastTransitionTime()).isEqualTo("2026-11-28T10:00:00Z");
    assertThat(again.get(0).getMessage()).isEqualTo("1/2");
  }

  @Test
  void theTransitionTimeMovesWhenTheStatusFlips() {
    List<Condition> first = Conditions.with(List.of(), ConditionType.Ready, false, "WorkersStarting", "0/2", 1L, T0);
    List<Condition> flipped = Conditions.with(first, ConditionType.Ready, true, "WorkersReady", "2/2", 1L, T1);

    assertThat(flipped.get(0).getLastTransitionTime()).isEqualTo("2026-11-28T10:05:00Z");
    assertThat(flipped.get(0).getStatus()).isEqualTo("True");
  }

  @Test
  void conditionsKeepAFixedOrderAndOneEntryPerType() {
    List<Condition> list = Conditions.with(List.of(), ConditionType.Degraded, false, "ReconcileSucceeded", "", 1L, T0);
    list = Conditions.with(list, ConditionType.Ready, true, "WorkersReady", "", 1L, T0);
    list = Conditions.with(list, ConditionType.Ready, true, "WorkersReady", "", 1L, T1);

    assertThat(list).extracting(Condition::getType).containsExactly("Ready", "Degraded");
  }

  @Test
  void anUnchangedConditionYieldsAnEqualList() {
    List<Condition> first = Conditions.with(List.of(), ConditionType.Ready, true, "WorkersReady", "2/2", 3L, T0);
    assertThat(Conditions.with(first, ConditionType.Ready, true, "WorkersReady", "2/2", 3L, T1)).isEqualTo(first);
  }
}
