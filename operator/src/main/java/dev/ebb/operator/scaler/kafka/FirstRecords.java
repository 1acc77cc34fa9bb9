package dev.ebb.operator.scaler.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;

/**
 * The timestamp of the first unconsumed record of each lagging partition: the consumer is assigned those partitions
 * (no group, nothing committed), seeks each to the group's position and polls until every partition gave its first
 * record (then it is paused; a seek makes the position known, so reading it never waits) or was found to hold only control records (its position passed the log end), or the
 * deadline passed. Each fetch reads at most {@link KafkaClientConfig#FETCH_MAX_BYTES}. The oldest of what came back
 * is the reading's oldest age; a partition that did not answer in time is left out (the age is then a lower bound).
 */
final class FirstRecords {

  private FirstRecords() {
  }

  /** The oldest timestamp (epoch ms) among the partitions' first records; empty when none carries one. */
  static OptionalLong oldestTimestamp(Consumer<byte[], byte[]> consumer, Map<TopicPartition, Long> positions,
      Map<TopicPartition, Long> logEnds, long deadlineNanos) {
    Map<TopicPartition, Long> found = new HashMap<>();
    try {
      consumer.assign(positions.keySet());
      positions.forEach(consumer::seek);
      while (found.size() < positions.size()) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          break;
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofNanos(Math.min(left, 100_000_000L)));
        for (TopicPartition partition : records.partitions()) {
          List<ConsumerRecord<byte[], byte[]>> got = records.records(partition);
          if (!found.containsKey(partition) && !got.isEmpty()) {
            ConsumerRecord<byte[], byte[]> first = got.get(0);
            found.put(partition, first.timestampType() == TimestampType.NO_TIMESTAMP_TYPE ? -1 : first.timestamp());
            consumer.pause(List.of(partition));
          }
        }
        for (TopicPartition partition : positions.keySet()) {
          if (!found.containsKey(partition) && consumer.position(partition) >= logEnds.get(partition)) {
            found.put(partition, -1L); // only control records (transaction markers) were left
          }
        }
      }
    } finally {
      consumer.unsubscribe(); // drops the assignment and whatever was fetched for it
    }
    OptionalLong oldest = OptionalLong.empty();
    for (long timestamp : found.values()) {
      if (timestamp >= 0 && (oldest.isEmpty() || timestamp < oldest.getAsLong())) {
        oldest = OptionalLong.of(timestamp);
      }
    }
    return oldest;
  }
}
