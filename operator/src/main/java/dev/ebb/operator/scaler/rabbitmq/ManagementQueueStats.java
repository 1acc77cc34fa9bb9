package dev.ebb.operator.scaler.rabbitmq;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebb.operator.scaler.QueueReading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One queue as the management API's {@code GET /api/queues/{vhost}/{name}} gives it, and the reading it makes. Pure.
 *
 * @param ready {@code messages_ready}: waiting for a consumer
 * @param unacknowledged {@code messages_unacknowledged}: delivered to a consumer, not yet acknowledged (running)
 * @param consumers {@code consumers}
 * @param published {@code message_stats.publish}: messages routed to the queue since the node's statistics began
 * @param completed {@code message_stats.ack + deliver_no_ack + get_no_ack}: messages done (acknowledged, or handed
 *     to an auto-ack consumer, which completes them as they leave); empty without {@code message_stats}
 * @param headTimestamp {@code head_message_timestamp}: the AMQP timestamp property of the message at the head of
 *     the queue, in epoch seconds, when it has one (classic queues, paged-in messages only)
 */
record ManagementQueueStats(long ready, long unacknowledged, long consumers, OptionalLong published,
    OptionalLong completed, OptionalLong headTimestamp) {

  /** The fields asked for ({@code ?columns=}): the answer stays small however many consumers the queue has. */
  static final String COLUMNS = "messages_ready,messages_unacknowledged,consumers,head_message_timestamp,"
      + "message_stats.publish,message_stats.ack,message_stats.deliver_no_ack,message_stats.get_no_ack";

  /**
   * @throws IllegalArgumentException when the answer is not a queue's figures: not an object, or without
   *     {@code messages_ready}: a queue whose statistics the node has not emitted yet (the API answers {@code []}
   *     for the columns of a queue declared less than {@code collect_statistics_interval} ago), or a node with the
   *     management metrics collector disabled
   */
  static ManagementQueueStats parse(JsonNode queue) {
    if (queue != null && queue.isArray() && queue.isEmpty()) {
      throw new IllegalArgumentException("the management API has no figures for the queue yet (a queue declared"
          + " within the last collect_statistics_interval, or a node whose metrics collector is disabled)");
    }
    if (queue == null || !queue.isObject()) {
      throw new IllegalArgumentException("the answer is not a JSON object");
    }
    if (!queue.path("messages_ready").isIntegralNumber()) {
      throw new IllegalArgumentException("the answer has no messages_ready: the node has no statistics for the queue"
          + " (yet, or its management metrics collector is disabled: use amqpAddress)");
    }
    JsonNode stats = queue.path("message_stats");
    OptionalLong completed = stats.isObject()
        ? OptionalLong.of(count(stats, "ack") + count(stats, "deliver_no_ack") + count(stats, "get_no_ack"))
        : OptionalLong.empty();
    OptionalLong published = stats.isObject() ? OptionalLong.of(count(stats, "publish")) : OptionalLong.empty();
    JsonNode head = queue.path("head_message_timestamp");
    return new ManagementQueueStats(count(queue, "messages_ready"), count(queue, "messages_unacknowledged"),
        count(queue, "consumers"), published, completed,
        head.isIntegralNumber() && head.asLong() > 0 ? OptionalLong.of(head.asLong()) : OptionalLong.empty());
  }

  /**
   * Depth is the ready messages, running the unacknowledged ones, the counters the publish and completion totals;
   * the oldest age is the head message's timestamp when it has one. The processing time is left to Little's law
   * (running / completion rate, an estimate the observation marks as such): the API has no per-message times.
   */
  QueueReading reading(Instant now) {
    Optional<Duration> oldest = ready == 0 || headTimestamp.isEmpty() ? Optional.empty()
        : Optional.of(nonNegative(Duration.between(Instant.ofEpochSecond(headTimestamp.getAsLong()), now)));
    return new QueueReading(ready, oldest, published, completed, List.of(),
        OptionalInt.of((int) Math.min(Integer.MAX_VALUE, unacknowledged)), Optional.empty(),
        QueueReading.Heartbeats.NOT_KEPT, now);
  }

  private static long count(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isIntegralNumber() ? Math.max(0, value.asLong()) : 0;
  }

  private static Duration nonNegative(Duration age) {
    return age.isNegative() ? Duration.ZERO : age;
  }
}
