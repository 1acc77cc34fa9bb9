package dev.ebb.worker.periodic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {

  @ParameterizedTest(name = "''{0}'' after {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "* * * * *          | 2026-12-02T10:00:00Z     | 2026-12-02T10:01:00Z",
      "* * * * *          | 2026-12-02T10:00:59.999Z | 2026-12-02T10:01:00Z",
      "*/15 * * * *       | 2026-12-02T10:14:00Z     | 2026-12-02T10:15:00Z",
      "*/15 * * * *       | 2026-12-02T10:45:00Z     | 2026-12-02T11:00:00Z",
      "0 3 * * *          | 2026-12-02T03:00:00Z     | 2026-12-03T03:00:00Z",
      "0 3 * * *          | 2026-12-31T04:00:00Z     | 2027-01-01T03:00:00Z",
      "30 9 * * 1-5       | 2026-12-04T10:00:00Z     | 2026-12-07T09:30:00Z",
      "0 0 * * 0          | 2026-12-02T00:00:00Z     | 2026-12-06T00:00:00Z",
      "0 0 * * 7          | 2026-12-02T00:00:00Z     | 2026-12-06T00:00:00Z",
      "0 0 1,15 * *       | 2026-12-02T00:00:00Z     | 2026-12-15T00:00:00Z",
      "0 0 13 * 5         | 2026-12-02T00:00:00Z     | 2026-12-04T00:00:00Z",
      "0 0 29 2 *         | 2026-03-01T00:00:00Z     | 2028-02-29T00:00:00Z",
      "0 12 * 6-8 *       | 2026-12-02T00:00:00Z     | 2027-06-01T12:00:00Z",
      "10-20/5 * * * *    | 2026-12-02T10:16:00Z     | 2026-12-02T10:20:00Z",
      "*/2 * * * * *      | 2026-12-02T10:00:01Z     | 2026-12-02T10:00:02Z",
      "5 0 * * * *        | 2026-12-02T10:00:05Z     | 2026-12-02T11:00:05Z"})
  void nextTick(String cron, String after, String expected) {
    assertThat(CronSchedule.parse(cron).next(Instant.parse(after))).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(delimiter = '|', value = {
      "0 3 * *            | needs 5 fields",
      "60 * * * *         | minute 60 is outside 0-59",
      "* 24 * * *         | hour 24 is outside 0-23",
      "* * 0 * *          | day of month 0 is outside 1-31",
      "* * * 13 *         | month 13 is outside 1-12",
      "* * * * mon        | day of week 'mon' is not a number",
      "5-1 * * * *        | runs backwards",
      "*/0 * * * *        | minute step 0 is outside"})
  void refuses(String cron, String message) {
    assertThatThrownBy(() -> CronSchedule.parse(cron)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource({"0 0 30 2 *", "0 0 31 4 *"})
  void aDateThatNeverComesHasNoTick(String cron) {
    assertThat(CronSchedule.parse(cron).next(Instant.parse("2026-12-02T00:00:00Z"))).isNull();
  }
}
