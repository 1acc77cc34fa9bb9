package dev.ebb.operator.scaler.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqsAttributesTest {

  @Test
  void readsTheThreeCounts() throws Exception {
    Map<String, String> answer = Map.of("ApproximateNumberOfMessages", "1204",
        "ApproximateNumberOfMessagesNotVisible", "37", "ApproximateNumberOfMessagesDelayed", "5");

    assertThat(SqsAttributes.from(answer)).isEqualTo(new SqsAttributes(1204, 37, 5));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        argumentSet("depth missing", with("ApproximateNumberOfMessages", null),
            "the answer has no ApproximateNumberOfMessages"),
        argumentSet("delayed missing", with("ApproximateNumberOfMessagesDelayed", null),
            "the answer has no ApproximateNumberOfMessagesDelayed"),
        argumentSet("in flight not a number", with("ApproximateNumberOfMessagesNotVisible", "many"),
            "ApproximateNumberOfMessagesNotVisible is not a whole number"),
        argumentSet("a fraction", with("ApproximateNumberOfMessages", "1.5"),
            "ApproximateNumberOfMessages is not a whole number"),
        argumentSet("negative", with("ApproximateNumberOfMessages", "-1"),
            "ApproximateNumberOfMessages is -1, outside [0, 2^40]"),
        argumentSet("absurdly large", with("ApproximateNumberOfMessages", "99999999999999"),
            "ApproximateNumberOfMessages is 99999999999999, outside [0, 2^40]"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void anAnswerSqsDoesNotGiveIsMalformed(Map<String, String> answer, String message) {
    assertThatThrownBy(() -> SqsAttributes.from(answer)).isInstanceOf(SqsAttributes.Malformed.class)
        .hasMessage(message);
  }

  private static Map<String, String> with(String name, String value) {
    Map<String, String> answer = new HashMap<>(Map.of("ApproximateNumberOfMessages", "1",
        "ApproximateNumberOfMessagesNotVisible", "2", "ApproximateNumberOfMessagesDelayed", "3"));
    if (value == null) {
      answer.remove(name);
    } else {
      answer.put(name, value);
    }
    return answer;
  }
}
