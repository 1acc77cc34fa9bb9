package dev.ebb.operator.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.api.v1alpha1.KafkaOffsetReset;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TopicLagTest {

  static Stream<Arguments> partitions() {
    // log start, log end, committed (-1: none), reset -> position, lag
    return Stream.of(
        Arguments.of(0, 10, 4, KafkaOffsetReset.LATEST, 4, 6),
        Arguments.of(0, 10, 10, KafkaOffsetReset.LATEST, 10, 0),
        Arguments.of(0, 10, -1, KafkaOffsetReset.LATEST, 10, 0),
        Arguments.of(3, 10, -1, KafkaOffsetReset.EARLIEST, 3, 7),
        Arguments.of(8, 10, 2, KafkaOffsetReset.LATEST, 8, 2),
        Arguments.of(0, 10, 12, KafkaOffsetReset.LATEST, 10, 0),
        Arguments.of(5, 5, -1, KafkaOffsetReset.EARLIEST, 5, 0));
  }

  @ParameterizedTest(name = "log [{0}, {1}), committed {2}, {3}: position {4}, lag {5}")
  @MethodSource("partitions")
  void aPartitionsLagIsItsLogEndMinusTheGroupsPositionWithinTheLog(long start, long end, long committed,
      KafkaOffsetReset reset, long position, long lag) {
    PartitionOffsets offsets = new PartitionOffsets(0, start, end,
        committed < 0 ? OptionalLong.empty() : OptionalLong.of(committed));

    assertThat(offsets.position(reset)).isEqualTo(position);
    assertThat(offsets.lag(reset)).isEqualTo(lag);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topics")
  void aTopicsLagSumsItsPartitions(KafkaOffsetReset reset, long depth, long completed, List<Integer> lagging) {
    List<PartitionOffsets> topic = List.of(
        new PartitionOffsets(0, 0, 100, OptionalLong.of(40)),
        new PartitionOffsets(1, 0, 50, OptionalLong.of(50)),
        new PartitionOffsets(2, 10, 30, OptionalLong.empty()));

    TopicLag lag = TopicLag.of(topic, reset);

    assertThat(lag.depth()).isEqualTo(depth);
    assertThat(lag.enqueuedTotal()).isEqualTo(180);
    assertThat(lag.completedTotal()).isEqualTo(completed);
    assertThat(lag.completedTotal() + lag.depth()).isEqualTo(lag.enqueuedTotal());
    assertThat(lag.lagging()).extracting(PartitionOffsets::partition).containsExactlyElementsOf(lagging);
  }

  static Stream<Arguments> topics() {
    return Stream.of(
        Arguments.of(KafkaOffsetReset.LATEST, 60, 120, List.of(0)),
        Arguments.of(KafkaOffsetReset.EARLIEST, 80, 100, List.of(0, 2)));
  }
}
