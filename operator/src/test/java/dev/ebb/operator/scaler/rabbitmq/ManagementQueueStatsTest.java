package dev.ebb.operator.scaler.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ebb.operator.scaler.QueueReading;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The management API's answer for one queue, as {@code ?columns=} gives it, and the reading made from it. */
class ManagementQueueStatsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                          | answer                                                                                                                        | depth | running | published | completed | oldest
      everything                      | {"messages_ready":21,"messages_unacknowledged":5,"consumers":2,"head_message_timestamp":1796205300,"message_stats":{"publish":30,"ack":4}} | 21 | 5 | 30 | 4 | PT5M
      auto-ack deliveries are done    | {"messages_ready":3,"messages_unacknowledged":0,"consumers":1,"message_stats":{"publish":9,"ack":1,"deliver_no_ack":4,"get_no_ack":1}}       | 3  | 0 | 9  | 6 |
      no counters before any message  | {"messages_ready":0,"messages_unacknowledged":0,"consumers":0,"head_message_timestamp":null}                                          | 0  | 0 |    |   |
      an empty queue has no oldest    | {"messages_ready":0,"messages_unacknowledged":2,"consumers":1,"head_message_timestamp":1796205300,"message_stats":{"publish":2}}      | 0  | 2 | 2  | 0 |
      a timestamp ahead is age zero   | {"messages_ready":1,"messages_unacknowledged":0,"consumers":0,"head_message_timestamp":1796205900}                                  | 1  | 0 |    |   | PT0S
      """)
  void readsTheFiguresOfOneQueue(String name, String answer, long depth, int running, Long published, Long completed,
      String oldest) throws Exception {
    QueueReading reading = ManagementQueueStats.parse(JSON.readTree(answer)).reading(NOW);

    assertThat(reading.depth()).isEqualTo(depth);
    assertThat(reading.runningJobs()).hasValue(running);
    assertThat(reading.enqueuedTotal()).isEqualTo(published == null ? OptionalLong.empty() : OptionalLong.of(published));
    assertThat(reading.completedTotal()).isEqualTo(completed == null ? OptionalLong.empty()
        : OptionalLong.of(completed));
    assertThat(reading.oldestJobAge().map(Duration::toString).orElse(null)).isEqualTo(oldest);
    assertThat(reading.processingTime()).isEmpty();
    assertThat(reading.heartbeats()).isEqualTo(QueueReading.Heartbeats.NOT_KEPT);
    assertThat(reading.readAt()).isEqualTo(NOW);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      # case                                  | answer                         | says
      statistics not emitted yet              | []                             | no figures for the queue yet
      a list of queues                        | [{"messages_ready":1}]         | not a JSON object
      no messages_ready (collector disabled)  | {"name":"mailer"}              | no messages_ready
      messages_ready as text                  | {"messages_ready":"many"}      | no messages_ready
      """)
  void refusesWhatIsNotAQueuesFigures(String name, String answer, String says) {
    assertThatThrownBy(() -> ManagementQueueStats.parse(JSON.readTree(answer)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(says);
  }
}
