package dev.ebb.operator.scaler;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Response;

/**
 * Reads a Celery queue on kombu's Redis transport (kombu/transport/redis.py) in one pipelined round trip: the length
 * of each priority list of the queue ({@code <queue>} for step 0, {@code <queue>\x06\x16<step>} for the others), and
 * the size of kombu's {@code unacked_index}, the messages delivered to workers and not yet acknowledged.
 *
 * <p>Celery's messages carry no send time (protocol 2 headers hold {@code eta}/{@code expires} only), so there is no
 * oldest age; its worker heartbeats are broadcast events, not kept in Redis; the Redis holds no completion count.
 */
public final class CeleryScaler implements QueueScaler {

  /** kombu's separator between a queue name and its priority step ({@code Channel.sep}). */
  static final String SEP = "\u0006\u0016";

  private final RedisReader redis;
  private final List<String> lists;
  private final String unackedIndex;
  private final Clock clock;

  CeleryScaler(RedisReader redis, String queue, List<Integer> prioritySteps, String globalKeyPrefix, Clock clock) {
    this.redis = redis;
    this.lists = priorityLists(globalKeyPrefix, queue, prioritySteps);
    this.unackedIndex = globalKeyPrefix + "unacked_index";
    this.clock = clock;
  }

  /** The keys kombu pushes the queue's messages to, one per distinct step ({@code Channel._q_for_pri}). */
  static List<String> priorityLists(String prefix, String queue, List<Integer> steps) {
    SortedSet<Integer> distinct = new TreeSet<>(steps);
    List<String> keys = new ArrayList<>(distinct.size());
    for (int step : distinct) {
      keys.add(prefix + (step == 0 ? queue : queue + SEP + step));
    }
    return keys;
  }

  @Override
  public QueueReading measure() throws ScalerException {
    return redis.read(this::read);
  }

  private QueueReading read(JedisPooled client) {
    List<Response<Long>> lengths = new ArrayList<>(lists.size());
    Response<Long> unacked;
    try (AbstractPipeline pipeline = client.pipelined()) {
      lists.forEach(key -> lengths.add(pipeline.llen(key)));
      unacked = pipeline.zcard(unackedIndex);
      pipeline.sync();
    }
    long depth = lengths.stream().mapToLong(Response::get).sum();
    Instant now = clock.instant();
    return new QueueReading(depth, Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), List.of(),
        OptionalInt.of((int) Math.min(Integer.MAX_VALUE, unacked.get())), Optional.empty(),
        QueueReading.Heartbeats.NOT_KEPT, now);
  }

  @Override
  public void close() {
    redis.close();
  }
}
