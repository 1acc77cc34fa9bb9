package dev.ebb.operator.scaler;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Reads any plain Redis list used as a queue (LPUSH by producers, RPOP/BRPOP by consumers: the oldest element is
 * the last). Depth always; the oldest job's age when the pool names the JSON field that holds its enqueue time.
 */
public final class RedisListScaler implements QueueScaler {

  private final RedisConnections.Lease lease;
  private final RedisEndpoint endpoint;
  private final String key;
  private final Optional<String> enqueuedAtField;
  private final Clock clock;

  public RedisListScaler(RedisConnections.Lease lease, RedisEndpoint endpoint, String key,
      Optional<String> enqueuedAtField, Clock clock) {
    this.lease = lease;
    this.endpoint = endpoint;
    this.key = key;
    this.enqueuedAtField = enqueuedAtField;
    this.clock = clock;
  }

  @Override
  public QueueReading measure() throws ScalerException {
    try {
      return RedisFailures.retryOnceOnBrokenConnection(this::read);
    } catch (JedisException e) {
      throw RedisFailures.classify(e, endpoint);
    }
  }

  private QueueReading read() {
    try (AbstractPipeline pipeline = lease.client().pipelined()) {
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
    lease.close();
  }
}
