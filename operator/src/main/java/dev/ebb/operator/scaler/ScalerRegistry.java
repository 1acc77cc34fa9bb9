package dev.ebb.operator.scaler;

import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.operator.scaler.kafka.KafkaBackend;
import dev.ebb.operator.scaler.postgres.PostgresBackend;
import dev.ebb.operator.scaler.prometheus.PrometheusBackend;
import dev.ebb.operator.scaler.rabbitmq.RabbitMqBackend;
import dev.ebb.operator.scaler.sqs.SqsBackend;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Maps a pool's block of {@code spec.queue} to the backend that reads it: one line per backend. Each backend shares
 * its connections per server and credential.
 */
public final class ScalerRegistry implements AutoCloseable {

  private final List<Entry<?>> backends = new ArrayList<>();

  /** The Redis backend only: what tests of the Redis formats and {@code ebb local} need. */
  public ScalerRegistry(RedisConnections connections, Clock clock) {
    register("redis", QueueSpec::getRedis, new RedisBackend(connections, clock));
  }

  /** Every backend Ebb reads. */
  public static ScalerRegistry standard(RedisConnections redis, BackendSettings settings) {
    ScalerRegistry registry = new ScalerRegistry(redis, settings.clock());
    registry.register("rabbitmq", QueueSpec::getRabbitmq, new RabbitMqBackend(settings));
    registry.register("sqs", QueueSpec::getSqs, new SqsBackend(settings));
    registry.register("kafka", QueueSpec::getKafka, new KafkaBackend(settings));
    registry.register("postgres", QueueSpec::getPostgres, new PostgresBackend(settings));
    registry.register("prometheus", QueueSpec::getPrometheus, new PrometheusBackend(settings));
    return registry;
  }

  private <S> void register(String field, Function<QueueSpec, S> block, QueueBackend<S> backend) {
    backends.add(new Entry<>(field, block, backend));
  }

  /** The pool's one backend block, or empty when it names none (the schema and the validator refuse that). */
  public Optional<QueueBlock<?>> block(QueueSpec queue) {
    if (queue == null) {
      return Optional.empty();
    }
    return backends.stream().map(entry -> entry.bind(queue)).flatMap(Optional::stream).findFirst();
  }

  /** A scaler for the queue, with the values of its Secret references; the caller closes it. */
  public QueueScaler create(QueueSpec queue, Credentials credentials) {
    return block(queue).orElseThrow(() -> new IllegalArgumentException("queue needs exactly one backend"))
        .create(credentials);
  }

  /** A scaler for a Redis queue with its password, if any. */
  public QueueScaler create(QueueSpec queue, Optional<String> redisPassword) {
    return create(queue, redisPassword.map(p -> Credentials.of(Map.of(RedisBackend.PASSWORD, p)))
        .orElse(Credentials.none()));
  }

  @Override
  public void close() {
    backends.forEach(entry -> entry.backend.close());
  }

  private record Entry<S>(String field, Function<QueueSpec, S> getter, QueueBackend<S> backend) {
    Optional<QueueBlock<?>> bind(QueueSpec queue) {
      return Optional.ofNullable(getter.apply(queue)).map(block -> new QueueBlock<>(field, backend, block));
    }
  }
}
