package dev.ebb.operator.scaler;

import java.time.Duration;
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
  private final Duration deadline;

  RedisReader(RedisConnections.Lease lease, RedisEndpoint endpoint, Duration deadline) {
    this.lease = lease;
    this.endpoint = endpoint;
    this.deadline = deadline;
  }

  /** Runs one poll's reads within the poll deadline. */
  <T> T read(Function<JedisPooled, T> read) throws ScalerException {
    try {
      return PollDeadline.within(deadline,
          () -> RedisFailures.retryOnceOnBrokenConnection(() -> read.apply(lease.client())));
    } catch (JedisException e) {
      throw RedisFailures.classify(e, endpoint);
    }
  }

  @Override
  public void close() {
    lease.close();
  }
}
