package dev.ebb.operator.scaler;

import dev.ebb.api.v1alpha1.BullMqOptions;
import dev.ebb.api.v1alpha1.CeleryOptions;
import dev.ebb.api.v1alpha1.LaravelOptions;
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
      // formats celery, bullmq, laravel: options absent from the spec take the ecosystem's defaults
      case CELERY -> celery(reader, redis);
      case BULLMQ -> new BullMqScaler(reader,
          redis.getBullmq() == null ? BullMqOptions.DEFAULT_PREFIX : redis.getBullmq().getPrefix(), redis.getQueue(),
          clock);
      case LARAVEL -> new LaravelScaler(reader,
          redis.getLaravel() == null ? LaravelOptions.DEFAULT_PREFIX : redis.getLaravel().getPrefix(),
          redis.getQueue(), clock);
    };
  }

  private QueueScaler celery(RedisReader reader, RedisQueueSpec redis) {
    CeleryOptions options = redis.getCelery() == null ? new CeleryOptions() : redis.getCelery();
    return new CeleryScaler(reader, redis.getQueue(),
        options.getPrioritySteps() == null ? CeleryOptions.DEFAULT_PRIORITY_STEPS : options.getPrioritySteps(),
        options.getGlobalKeyPrefix() == null ? "" : options.getGlobalKeyPrefix(), clock);
  }

  @Override
  public void close() {
    connections.close();
  }
}
