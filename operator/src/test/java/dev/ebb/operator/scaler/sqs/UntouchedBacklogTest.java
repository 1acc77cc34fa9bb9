package dev.ebb.operator.scaler.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UntouchedBacklogTest {

  private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

  /**
   * Polls every 5 s: {@code visible/inFlight} per poll, and the age each poll estimates ({@code -} for none), in
   * seconds.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "a backlog after an empty queue ages from the poll that first saw it; 0/0 3/0 5/0 9/0; - 0 5 10",
      "never seen empty: unknown; 3/0 5/0 9/0; - - -",
      "a message in flight: something consumes, unknown; 0/0 3/0 3/1 5/0; - 0 - -",
      "a falling count: something consumed, unknown; 0/0 5/0 4/0 6/0; - 0 - -",
      "empty again starts over; 0/0 3/1 0/0 2/0 2/0; - - - 0 5",
      "empty with messages in flight is no clean start; 0/2 3/0 3/0; - - -",
      "a steady backlog nobody takes keeps ageing; 0/0 7/0 7/0 7/0 7/0; - 0 5 10 15"})
  void estimatesTheAgeOfABacklogNobodyTouched(String name, String polls, String ages) {
    UntouchedBacklog backlog = new UntouchedBacklog();
    List<String> estimated = new ArrayList<>();
    Instant at = T0;
    for (String poll : polls.trim().split(" ")) {
      String[] counts = poll.split("/");
      Optional<Duration> age = backlog.observe(Long.parseLong(counts[0]), Long.parseLong(counts[1]), at);
      estimated.add(age.map(d -> Long.toString(d.toSeconds())).orElse("-"));
      at = at.plusSeconds(5);
    }

    assertThat(String.join(" ", estimated)).isEqualTo(ages.trim());
  }
}
