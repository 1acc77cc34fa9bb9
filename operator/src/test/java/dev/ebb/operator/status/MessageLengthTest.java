package dev.ebb.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageLengthTest {

  @Test
  void aLongTextIsCutToTheLimitAndSaysSo() {
    String cut = MessageLength.bounded("x".repeat(50_000));

    assertThat(cut).hasSize(MessageLength.MAX).endsWith("…");
  }

  @Test
  void aTextWithinTheLimitIsKeptAsItIs() {
    assertThat(MessageLength.bounded("queue unreachable")).isEqualTo("queue unreachable");
    assertThat(MessageLength.bounded("y".repeat(MessageLength.MAX))).hasSize(MessageLength.MAX).doesNotContain("…");
    assertThat(MessageLength.bounded(null)).isNull();
  }
}
