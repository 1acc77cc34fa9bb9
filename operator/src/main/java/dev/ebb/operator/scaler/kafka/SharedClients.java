package dev.ebb.operator.scaler.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The Kafka clients of one server list and credential, shared by every pool that names them: one {@link Admin}
 * (thread-safe) and one {@link Consumer} for the oldest records (one thread at a time: {@link #withConsumer} holds
 * this object's lock). Both are made at first use, after the caller checked the addresses, and dropped by
 * {@link #reset()} after a failed poll (the next poll makes them again, after another check); {@link KafkaBackend}
 * closes them when the last scaler that shares them is closed.
 */
final class SharedClients {

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

  private final Supplier<Map<String, Object>> adminConfig;
  private final Supplier<Map<String, Object>> consumerConfig;
  private int users;
  private Admin admin;
  private Consumer<byte[], byte[]> consumer;

  SharedClients(Supplier<Map<String, Object>> adminConfig, Supplier<Map<String, Object>> consumerConfig) {
    this.adminConfig = adminConfig;
    this.consumerConfig = consumerConfig;
  }

  synchronized void acquire() {
    users++;
  }

  /** One user fewer; true when none is left (then the clients are closed). */
  synchronized boolean release() {
    users--;
    if (users <= 0) {
      reset();
      return true;
    }
    return false;
  }

  synchronized boolean made() {
    return admin != null;
  }

  synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(adminConfig.get());
    }
    return admin;
  }

  synchronized <T> T withConsumer(Function<Consumer<byte[], byte[]>, T> use) {
    if (consumer == null) {
      consumer = new KafkaConsumer<>(consumerConfig.get());
    }
    return use.apply(consumer);
  }

  /** Closes the clients, letting them finish what they were sending for a moment; the next use makes them again. */
  synchronized void reset() {
    close(CLOSE_TIMEOUT);
  }

  /** As {@link #reset()}, without waiting: after a failed poll, whatever they were sending fails anyway. */
  synchronized void resetNow() {
    close(Duration.ZERO);
  }

  private void close(Duration timeout) {
    if (admin != null) {
      admin.close(timeout);
      admin = null;
    }
    if (consumer != null) {
      consumer.close(timeout);
      consumer = null;
    }
  }
}
