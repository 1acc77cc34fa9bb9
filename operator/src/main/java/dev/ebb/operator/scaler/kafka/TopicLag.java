package dev.ebb.operator.scaler.kafka;

import dev.ebb.api.v1alpha1.KafkaOffsetReset;
import java.util.List;

/**
 * A consumer group's lag over a topic's partitions: the records waiting (depth), the log ends summed (every record
 * ever written to the topic's current partitions: the enqueued counter) and the group's positions summed (the
 * completed counter), and the partitions that lag. Pure.
 */
record TopicLag(long depth, long enqueuedTotal, long completedTotal, List<PartitionOffsets> lagging) {

  static TopicLag of(List<PartitionOffsets> partitions, KafkaOffsetReset reset) {
    long depth = 0;
    long enqueued = 0;
    long completed = 0;
    for (PartitionOffsets partition : partitions) {
      depth += partition.lag(reset);
      enqueued += partition.logEnd();
      completed += partition.position(reset);
    }
    return new TopicLag(depth, enqueued, completed, partitions.stream().filter(p -> p.lag(reset) > 0).toList());
  }
}
