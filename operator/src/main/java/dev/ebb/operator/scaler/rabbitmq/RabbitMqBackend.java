package dev.ebb.operator.scaler.rabbitmq;

import dev.ebb.api.v1alpha1.RabbitMqQueueSpec;
import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.QueueBackend;
import dev.ebb.operator.scaler.QueueScaler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RabbitMQ queues ({@code spec.queue.rabbitmq}): through the management HTTP API when the pool gives
 * {@code managementAddress} (format "rabbitmq"), else a passive declare over AMQP at {@code amqpAddress} (format
 * "rabbitmq-amqp", depth only). One HTTP client per server and user, one AMQP connection per broker, virtual host and
 * user, shared by the pools that read through them. See docs/formats.md, "RabbitMQ".
 */
public final class RabbitMqBackend implements QueueBackend<RabbitMqQueueSpec> {

  static final String NAME = "RabbitMQ";
  static final String USERNAME_FROM = "usernameFrom";
  static final String PASSWORD_FROM = "passwordFrom";

  private final BackendSettings settings;
  private final SharedClients<ClientKey, ManagementClient> management = new SharedClients<>();
  private final SharedClients<ClientKey, AmqpClient> amqp = new SharedClients<>();

  public RabbitMqBackend(BackendSettings settings) {
    this.settings = settings;
  }

  @Override
  public String displayName() {
    return NAME;
  }

  @Override
  public List<String> hosts(RabbitMqQueueSpec block) {
    return List.of(endpoint(block).host());
  }

  @Override
  public Map<String, SecretKeyReference> secretReferences(RabbitMqQueueSpec block) {
    Map<String, SecretKeyReference> references = new LinkedHashMap<>();
    if (block.getUsernameFrom() != null) {
      references.put(USERNAME_FROM, block.getUsernameFrom());
    }
    if (block.getPasswordFrom() != null) {
      references.put(PASSWORD_FROM, block.getPasswordFrom());
    }
    return references;
  }

  @Override
  public String format(RabbitMqQueueSpec block) {
    return usesManagement(block) ? "rabbitmq" : "rabbitmq-amqp";
  }

  @Override
  public String describe(RabbitMqQueueSpec block) {
    return endpoint(block).address() + " vhost " + vhost(block) + " queue " + block.getQueue()
        + (usesManagement(block) ? "" : " (AMQP without the management API: depth only)");
  }

  @Override
  public QueueScaler create(RabbitMqQueueSpec block, Credentials credentials) {
    String username = credentials.get(USERNAME_FROM).orElse(block.getUsername());
    if (username == null || username.isEmpty()) {
      throw new IllegalArgumentException("rabbitmq needs username or the value of usernameFrom");
    }
    String password = credentials.get(PASSWORD_FROM)
        .orElseThrow(() -> new IllegalArgumentException("rabbitmq needs the value of passwordFrom"));
    RabbitMqEndpoint endpoint = endpoint(block);
    String vhost = vhost(block);
    if (usesManagement(block)) {
      ClientKey key = new ClientKey(endpoint, "", username, credentials.fingerprint());
      return new ManagementScaler(management.acquire(key,
          () -> new ManagementClient(endpoint, username, password, settings)), vhost, block.getQueue(),
          settings.clock());
    }
    ClientKey key = new ClientKey(endpoint, vhost, username, credentials.fingerprint());
    return new AmqpDeclareScaler(amqp.acquire(key,
        () -> new AmqpClient(endpoint, vhost, username, password, settings)), block.getQueue(), settings.clock());
  }

  /** Clients open now: management API clients plus AMQP connections. */
  int openClients() {
    return management.size() + amqp.size();
  }

  @Override
  public void close() {
    management.closeAll();
    amqp.closeAll();
  }

  private static boolean usesManagement(RabbitMqQueueSpec block) {
    return block.getManagementAddress() != null;
  }

  private static RabbitMqEndpoint endpoint(RabbitMqQueueSpec block) {
    if (block.getManagementAddress() != null) {
      return RabbitMqEndpoint.management(block.getManagementAddress());
    }
    if (block.getAmqpAddress() != null) {
      return RabbitMqEndpoint.amqp(block.getAmqpAddress());
    }
    throw new IllegalArgumentException("rabbitmq needs managementAddress or amqpAddress");
  }

  private static String vhost(RabbitMqQueueSpec block) {
    return block.getVhost() == null || block.getVhost().isEmpty() ? "/" : block.getVhost();
  }

  /**
   * What tells shared clients apart: the server, the virtual host (AMQP connections carry one; "" for the management
   * API), the user and the fingerprint of the Secret values, never the password itself.
   */
  private record ClientKey(RabbitMqEndpoint endpoint, String vhost, String username, String fingerprint) {
  }
}
