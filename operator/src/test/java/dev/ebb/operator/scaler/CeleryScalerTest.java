package dev.ebb.operator.scaler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CeleryScalerTest {

  @Test
  void stepZeroIsTheQueueItselfAndEachOtherStepItsOwnList() {
    assertThat(CeleryScaler.priorityLists("", "celery", List.of(0, 3, 6, 9)))
        .containsExactly("celery", "celery\u0006\u00163", "celery\u0006\u00166", "celery\u0006\u00169");
  }

  @Test
  void aRepeatedStepIsReadOnceAndThePrefixComesFirst() {
    assertThat(CeleryScaler.priorityLists("shop:", "reports", List.of(5, 0, 5)))
        .containsExactly("shop:reports", "shop:reports\u0006\u00165");
  }
}
