package dev.ebb.operator.scaler;

import java.util.function.Function;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A scaler's hold on a shared Redis client: reads through it once more when the connection they got was broken (an
 * idle connection that died with a Redis restart; the pool drops it, so the second try gets a fresh one), and turns
 * Jedis' failures into named {@link ScalerException}s.
 */
final class RedisReader implements AutoCloseable {

  private final RedisConnections.Lease lease;
  private final RedisEndpoint endpoint;

  RedisReader(RedisConnections.Lease lease, RedisEndpoint endpoint) {
    this.lease = lease;
    this.endpoint = endpoint;
  }

  <T> T read(Function<JedisPooled, T> read) throws ScalerException {
    try {
      return RedisFailures.retryOnceOnBrokenConnection(() -> read.apply(lease.client()));
    } catch (JedisException e) {
      throw RedisFailures.classify(e, endpoint);
    }
  }

  @Override
  public void close() {
    lease.close();
  }
}
