package dev.ebb.operator.scaler;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.JedisPooled;

/**
 * Reads any plain Redis list used as a queue (LPUSH by producers, RPOP/BRPOP by consumers: the oldest element is
 * the last). Depth always; the oldest job's age when the pool names the JSON field that holds its enqueue time.
 */
public final class RedisListScaler implements QueueScaler {

  private final RedisReader redis;
  private final String key;
  private final Optional<String> enqueuedAtField;
  private final Clock clock;

  RedisListScaler(RedisReader redis, String key, Optional<String> enqueuedAtField, Clock clock) {
    this.redis = redis;
    this.key = key;
    this.enqueuedAtField = enqueuedAtField;
    this.clock = clock;
  }

  @Override
  public QueueReading measure() throws ScalerException {
    return redis.read(this::read);
  }

  private QueueReading read(JedisPooled client) {
    try (AbstractPipeline pipeline = client.pipelined()) {
      Response<Long> depth = pipeline.llen(key);
      Response<String> oldest = enqueuedAtField.isPresent() ? pipeline.lindex(key, -1) : null;
      pipeline.sync();
      Instant now = clock.instant();
      return QueueReading.depthOnly(depth.get(),
          oldest == null ? Optional.empty() : JobTimestamps.age(oldest.get(), enqueuedAtField.get(), now), now);
    }
  }

  @Override
  public void close() {
    redis.close();
  }
}
