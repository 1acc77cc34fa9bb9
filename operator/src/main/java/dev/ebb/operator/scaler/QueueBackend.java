package dev.ebb.operator.scaler;

import dev.ebb.api.v1alpha1.SecretKeyReference;
import java.util.List;
import java.util.Map;

/**
 * One queue backend (Redis, RabbitMQ, SQS, Kafka, PostgreSQL, Prometheus): what the operator needs of a pool's block of
 * {@code spec.queue} before it measures (the hosts to hold against {@code EBB_ALLOWED_QUEUE_ADDRESSES}, the Secrets to
 * read) and the scalers that measure it. Each backend's package has one; {@link ScalerRegistry} holds one of each and
 * maps the CRD's block to it.
 *
 * <p>Implementations share connections per server and credential, bound every call by {@link BackendSettings#timeout()}
 * and every poll by {@link BackendSettings#pollDeadline()}, refuse a server whose resolved addresses are outside
 * {@link BackendSettings#networks()} before connecting, and throw {@link ScalerException} (with {@link #displayName()}
 * and a {@link ScalerException.Kind}) for a queue they could not read: never a depth of zero.
 *
 * @param <S> the backend's block of {@code spec.queue} ({@code RedisQueueSpec}, {@code RabbitMqQueueSpec}, ...)
 */
public interface QueueBackend<S> extends AutoCloseable {

  /** The backend's name as messages print it: "Redis", "RabbitMQ", "PostgreSQL". */
  String displayName();

  /** Every host the operator will contact for this block, as the pool writes it (a DNS name or an IP literal). */
  List<String> hosts(S block);

  /**
   * The Secret references the block names, keyed by their field in the block ({@code passwordFrom},
   * {@code accessKeyIdFrom}; a nested one by its dotted path). Their values reach {@link #create} under the same keys.
   */
  Map<String, SecretKeyReference> secretReferences(S block);

  /** The queue's format as conditions name it ("sidekiq", "solid_queue", "rabbitmq"). */
  String format(S block);

  /** One line for logs and status: the server and the queue, never a credential. */
  String describe(S block);

  /** A scaler for the block, with the values of its Secret references; the caller closes it. */
  QueueScaler create(S block, Credentials credentials);

  /** Closes every connection this backend still holds. */
  @Override
  void close();
}
