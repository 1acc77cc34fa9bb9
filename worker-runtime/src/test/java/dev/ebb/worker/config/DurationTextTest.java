package dev.ebb.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

  @ParameterizedTest(name = "{0} = {1} ms")
  @CsvSource({"25, 25000", "55s, 55000", "1m30s, 90000", "500ms, 500", "2h, 7200000", "1h2m3s, 3723000",
      "0, 0", "' 25s ', 25000", "1s500ms, 1500"})
  void parses(String text, long millis) {
    assertThat(DurationText.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "s", "1.5s", "-3s", "10 s", "1d", "abc", "30s garbage"})
  void rejects(String text) {
    assertThatThrownBy(() -> DurationText.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
