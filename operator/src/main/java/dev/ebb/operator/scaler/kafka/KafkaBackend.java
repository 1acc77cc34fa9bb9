package dev.ebb.operator.scaler.kafka;

import dev.ebb.api.v1alpha1.KafkaQueueSpec;
import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.QueueBackend;
import dev.ebb.operator.scaler.QueueScaler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code spec.queue.kafka}: a topic and the consumer group that reads it (docs/formats.md, "Kafka"). One set of Kafka
 * clients ({@link SharedClients}) per server list and credential, shared by the pools that name them and closed with
 * the last of their scalers.
 */
public final class KafkaBackend implements QueueBackend<KafkaQueueSpec> {

  private final BackendSettings settings;
  private final Map<String, SharedClients> shared = new LinkedHashMap<>();

  public KafkaBackend(BackendSettings settings) {
    this.settings = settings;
  }

  @Override
  public String displayName() {
    return "Kafka";
  }

  @Override
  public List<String> hosts(KafkaQueueSpec block) {
    return KafkaServers.parse(block.getBootstrapServers()).stream().map(KafkaServers.Server::host).distinct()
        .toList();
  }

  @Override
  public Map<String, SecretKeyReference> secretReferences(KafkaQueueSpec block) {
    Map<String, SecretKeyReference> references = new LinkedHashMap<>();
    if (block.getCaFrom() != null) {
      references.put("caFrom", block.getCaFrom());
    }
    if (block.getSasl() != null && block.getSasl().getUsernameFrom() != null) {
      references.put("sasl.usernameFrom", block.getSasl().getUsernameFrom());
    }
    if (block.getSasl() != null && block.getSasl().getPasswordFrom() != null) {
      references.put("sasl.passwordFrom", block.getSasl().getPasswordFrom());
    }
    return references;
  }

  @Override
  public String format(KafkaQueueSpec block) {
    return "kafka";
  }

  @Override
  public String describe(KafkaQueueSpec block) {
    return "kafka " + block.getBootstrapServers() + " topic " + block.getTopic() + " group "
        + block.getConsumerGroup();
  }

  @Override
  public QueueScaler create(KafkaQueueSpec block, Credentials credentials) {
    String key = KafkaClientConfig.shareKey(block, credentials);
    SharedClients clients;
    synchronized (shared) {
      clients = shared.computeIfAbsent(key, k -> new SharedClients(
          () -> KafkaClientConfig.admin(block, credentials, settings),
          () -> KafkaClientConfig.consumer(block, credentials, settings)));
      clients.acquire();
    }
    SharedClients lease = clients;
    return new KafkaLagScaler(block, settings, clients, () -> release(key, lease), displayName());
  }

  private void release(String key, SharedClients clients) {
    synchronized (shared) {
      if (clients.release()) {
        shared.remove(key, clients);
      }
    }
  }

  /** How many sets of clients are held: one per server list and credential in use. */
  int sharedClients() {
    synchronized (shared) {
      return shared.size();
    }
  }

  @Override
  public void close() {
    synchronized (shared) {
      shared.values().forEach(SharedClients::reset);
      shared.clear();
    }
  }
}
