package dev.ebb.operator.scaler;

import dev.ebb.api.v1alpha1.SecretKeyReference;
import java.util.List;
import java.util.Map;

/**
 * A pool's one block of {@code spec.queue} with the backend that reads it: what the reconciler checks (hosts, Secret
 * references) and the monitor measures, whatever the backend.
 *
 * @param field the block's field in {@code spec.queue} ("redis", "rabbitmq")
 */
public record QueueBlock<S>(String field, QueueBackend<S> backend, S block) {

  public List<String> hosts() {
    return backend.hosts(block);
  }

  /** The block's Secret references by their path in the pool ({@code queue.redis.passwordFrom}). */
  public Map<String, SecretKeyReference> secretReferences() {
    return backend.secretReferences(block);
  }

  /** Where a reference keyed {@code key} sits in the pool's spec, for messages. */
  public String path(String key) {
    return "queue." + field + "." + key;
  }

  public String format() {
    return backend.format(block);
  }

  public String describe() {
    return backend.describe(block);
  }

  public QueueScaler create(Credentials credentials) {
    return backend.create(block, credentials);
  }
}
