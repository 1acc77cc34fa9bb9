package dev.ebb.operator.scaler.kafka;

import dev.ebb.api.v1alpha1.KafkaOffsetReset;
import java.util.OptionalLong;

/**
 * One partition of the topic as one poll saw it: where its log starts and ends, and the group's committed offset.
 *
 * @param partition the partition's number
 * @param logStart the earliest offset still in the log (retention moves it)
 * @param logEnd the offset the next record will get
 * @param committed the group's committed offset (the next record it will read), when it committed one
 */
record PartitionOffsets(int partition, long logStart, long logEnd, OptionalLong committed) {

  /**
   * Where the group's next read starts: its committed offset, never before the log start (records retention deleted
   * are gone, and the consumer resets past them) nor after the log end; without a commit, where
   * {@code auto.offset.reset} puts a new consumer.
   */
  long position(KafkaOffsetReset reset) {
    long from = committed.isPresent() ? committed.getAsLong() : reset == KafkaOffsetReset.EARLIEST ? logStart : logEnd;
    return Math.min(logEnd, Math.max(logStart, from));
  }

  /** Records waiting in this partition: log end minus the group's position. Counts offsets, so control records too. */
  long lag(KafkaOffsetReset reset) {
    return logEnd - position(reset);
  }
}
