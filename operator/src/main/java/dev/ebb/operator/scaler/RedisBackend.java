package dev.ebb.operator.scaler;

import dev.ebb.api.v1alpha1.BullMqOptions;
import dev.ebb.api.v1alpha1.CeleryOptions;
import dev.ebb.api.v1alpha1.LaravelOptions;
import dev.ebb.api.v1alpha1.QueueFormat;
import dev.ebb.api.v1alpha1.RedisQueueSpec;
import dev.ebb.api.v1alpha1.SecretKeyReference;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Queues on Redis, in every format Ebb reads there; connections shared per server and password. */
public final class RedisBackend implements QueueBackend<RedisQueueSpec> {

  static final String PASSWORD = "passwordFrom";

  private final RedisConnections connections;
  private final Clock clock;

  public RedisBackend(RedisConnections connections, Clock clock) {
    this.connections = connections;
    this.clock = clock;
  }

  @Override
  public String displayName() {
    return "Redis";
  }

  @Override
  public List<String> hosts(RedisQueueSpec redis) {
    return redis.getAddress() == null ? List.of() : List.of(RedisEndpoint.parse(redis.getAddress()).host());
  }

  @Override
  public Map<String, SecretKeyReference> secretReferences(RedisQueueSpec redis) {
    return redis.getPasswordFrom() == null ? Map.of() : Map.of(PASSWORD, redis.getPasswordFrom());
  }

  @Override
  public String format(RedisQueueSpec redis) {
    return formatOf(redis).name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String describe(RedisQueueSpec redis) {
    String server;
    try {
      server = RedisEndpoint.parse(redis.getAddress()).toString(); // never user information
    } catch (IllegalArgumentException e) {
      server = "(invalid address)";
    }
    return "Redis " + server + " queue " + redis.getQueue() + " (" + format(redis) + ")";
  }

  @Override
  public QueueScaler create(RedisQueueSpec redis, Credentials credentials) {
    RedisEndpoint endpoint = RedisEndpoint.parse(redis.getAddress());
    RedisReader reader = new RedisReader(connections.acquire(endpoint, credentials.get(PASSWORD)), endpoint,
        connections.limits().pollDeadline());
    return switch (formatOf(redis)) {
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

  @Override
  public void close() {
    connections.close();
  }

  private static QueueFormat formatOf(RedisQueueSpec redis) {
    return redis.getFormat() == null ? QueueFormat.EBB : redis.getFormat();
  }

  private QueueScaler celery(RedisReader reader, RedisQueueSpec redis) {
    CeleryOptions options = redis.getCelery() == null ? new CeleryOptions() : redis.getCelery();
    return new CeleryScaler(reader, redis.getQueue(),
        options.getPrioritySteps() == null ? CeleryOptions.DEFAULT_PRIORITY_STEPS : options.getPrioritySteps(),
        options.getGlobalKeyPrefix() == null ? "" : options.getGlobalKeyPrefix(), clock);
  }
}
