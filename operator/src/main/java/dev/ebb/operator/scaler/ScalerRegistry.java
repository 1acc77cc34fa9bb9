package dev.ebb.operator.scaler;

import dev.ebb.api.v1alpha1.QueueFormat;
import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.api.v1alpha1.RedisQueueSpec;
import java.time.Clock;
import java.util.Optional;

/** Picks the scaler for a pool's {@code queue} block; connections to one server are shared through the registry. */
public final class ScalerRegistry implements AutoCloseable {

  private final RedisConnections connections;
  private final Clock clock;

  public ScalerRegistry(RedisConnections connections, Clock clock) {
    this.connections = connections;
    this.clock = clock;
  }

  /**
   * A scaler for the queue; the caller closes it.
   *
   * @param password the Redis password read from the pool's Secret reference, if it has one
   */
  public QueueScaler create(QueueSpec queue, Optional<String> password) {
    RedisQueueSpec redis = queue.getRedis();
    if (redis == null) {
      throw new IllegalArgumentException("queue needs exactly one backend (redis)");
    }
    RedisEndpoint endpoint = RedisEndpoint.parse(redis.getAddress());
    RedisReader reader = new RedisReader(connections.acquire(endpoint, password), endpoint,
        connections.limits().pollDeadline());
    QueueFormat format = redis.getFormat() == null ? QueueFormat.EBB : redis.getFormat();
    return switch (format) {
      case EBB -> new RedisEbbScaler(reader, redis.getQueue(), clock);
      case LIST -> new RedisListScaler(reader, redis.getQueue(), Optional.ofNullable(redis.getEnqueuedAtField()),
          clock);
      case SIDEKIQ -> new SidekiqScaler(reader, redis.getQueue(), Optional.ofNullable(redis.getSidekiqNamespace()),
          clock);
      case RQ -> new RqScaler(reader, redis.getQueue(), clock);
    };
  }

  @Override
  public void close() {
    connections.close();
  }
}
