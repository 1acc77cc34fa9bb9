package dev.ebb.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.time.Duration;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DurationFormatTest {

  static Stream<Arguments> validDurations() {
    return Stream.of(
        argumentSet("seconds", "30s", Duration.ofSeconds(30)),
        argumentSet("minutes", "5m", Duration.ofMinutes(5)),
        argumentSet("hours and minutes", "1h30m", Duration.ofMinutes(90)),
        argumentSet("milliseconds", "350ms", Duration.ofMillis(350)),
        argumentSet("fractional seconds", "1.5s", Duration.ofMillis(1500)),
        argumentSet("zero", "0s", Duration.ZERO),
        argumentSet("minutes then milliseconds", "1m500ms", Duration.ofMillis(60_500)));
  }

  static Stream<Arguments> invalidDurations() {
    return Stream.of(
        argumentSet("no unit", "30"),
        argumentSet("negative", "-5s"),
        argumentSet("space before the unit", "5 m"),
        argumentSet("days", "1d"),
        argumentSet("empty", ""),
        argumentSet("null", (Object) null),
        argumentSet("words", "5 minutes"),
        argumentSet("unit only", "s"));
  }

  static Stream<Arguments> formatted() {
    return Stream.of(
        argumentSet("under a second", Duration.ofMillis(350), "350ms"),
        argumentSet("zero", Duration.ZERO, "0ms"),
        argumentSet("negative clamps to zero", Duration.ofSeconds(-3), "0ms"),
        argumentSet("fractional seconds under 10s", Duration.ofMillis(1500), "1.5s"),
        argumentSet("whole seconds", Duration.ofSeconds(30), "30s"),
        argumentSet("fraction dropped from 10s on", Duration.ofMillis(12_700), "12s"),
        argumentSet("whole minutes", Duration.ofMinutes(5), "5m"),
        argumentSet("minutes and seconds", Duration.ofSeconds(192), "3m12s"),
        argumentSet("hours and minutes", Duration.ofMinutes(125), "2h5m"),
        argumentSet("whole hours", Duration.ofHours(3), "3h"));
  }

  @ParameterizedTest
  @MethodSource("validDurations")
  void parsesKubernetesStyleDurations(String text, Duration expected) {
    assertThat(DurationFormat.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("validDurations")
  void theSchemaPatternAcceptsWhatParseAccepts(String text, Duration ignored) {
    assertThat(Pattern.compile(DurationFormat.PATTERN).matcher(text).matches()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("invalidDurations")
  void rejectsWithAMessageNamingTheValueAndTheExpectedForm(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> DurationFormat.parse(text))
        .withMessage("'" + text + "' is not a duration such as 30s, 5m or 1h30m");
  }

  @ParameterizedTest
  @MethodSource("invalidDurations")
  void theSchemaPatternRejectsWhatParseRejects(String text) {
    assertThat(text != null && Pattern.compile(DurationFormat.PATTERN).matcher(text).matches()).isFalse();
  }

  @ParameterizedTest
  @MethodSource("formatted")
  void formatsForPeople(Duration duration, String expected) {
    assertThat(DurationFormat.format(duration)).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("formatted")
  void formattedDurationsParseBack(Duration duration, String text) {
    // Formatting rounds (12.7s shows as 12s), so parse(format(d)) is d only to the shown precision.
    assertThat(DurationFormat.parse(text)).isLessThanOrEqualTo(duration.isNegative() ? Duration.ZERO : duration);
  }

  @Test
  void parseOrFallsBackOnlyWhenTheValueIsAbsent() {
    assertThat(DurationFormat.parseOr(null, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    assertThat(DurationFormat.parseOr("2s", Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(2));
    assertThatIllegalArgumentException().isThrownBy(() -> DurationFormat.parseOr("2", Duration.ofSeconds(5)));
  }
}
