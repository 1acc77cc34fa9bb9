package dev.ebb.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PoolSelectorTest {

  static final Map<String, String> LABELS = Map.of("budget", "db", "tier", "batch");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("no selector picks every pool", null, true),
        Arguments.of("an empty selector picks every pool", new LabelSelector(), true),
        Arguments.of("matchLabels all present", new LabelSelectorBuilder().addToMatchLabels("budget", "db").build(),
            true),
        Arguments.of("matchLabels with another value", new LabelSelectorBuilder().addToMatchLabels("budget", "api")
            .build(), false),
        Arguments.of("In", expression("tier", "In", "batch", "web"), true),
        Arguments.of("In, value not listed", expression("tier", "In", "web"), false),
        Arguments.of("NotIn", expression("tier", "NotIn", "web"), true),
        Arguments.of("NotIn, value listed", expression("tier", "NotIn", "batch"), false),
        Arguments.of("Exists", expression("budget", "Exists"), true),
        Arguments.of("DoesNotExist on a present label", expression("budget", "DoesNotExist"), false),
        Arguments.of("an unknown operator picks nothing", expression("budget", "Gt", "1"), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void selects(String name, LabelSelector selector, boolean expected) {
    assertThat(PoolSelector.matches(selector, LABELS)).isEqualTo(expected);
  }

  private static LabelSelector expression(String key, String operator, String... values) {
    return new LabelSelectorBuilder().addNewMatchExpression().withKey(key).withOperator(operator)
        .withValues(values).endMatchExpression().build();
  }
}
