package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A queue on RabbitMQ, read through the management HTTP API (ready, unacknowledged, consumers, publish and ack
 * counters, the head message's timestamp) or, when only an AMQP address is given, a passive {@code queue.declare}
 * (depth only). See docs/formats.md, "RabbitMQ".
 */
@ValidationRule(value = "has(self.managementAddress) != has(self.amqpAddress)",
    message = "rabbitmq needs exactly one of managementAddress (full reading) or amqpAddress (depth only)",
    reason = "FieldValueRequired")
@ValidationRule(value = "has(self.username) != has(self.usernameFrom)",
    message = "rabbitmq needs exactly one of username or usernameFrom", reason = "FieldValueRequired")
public class RabbitMqQueueSpec {

  /** http:// or https://, a host, an optional port and path prefix; no credentials in the URL. */
  public static final String MANAGEMENT_ADDRESS_PATTERN =
      "^https?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~\\-]+)*/?$";
  /** amqp:// or amqps://, a host and an optional port; no credentials, no virtual host in the URL. */
  public static final String AMQP_ADDRESS_PATTERN = "^amqps?://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?$";

  @Pattern(MANAGEMENT_ADDRESS_PATTERN)
  @JsonPropertyDescription("The management plugin's HTTP API: http(s)://host[:port][/path-prefix] (port 15672 by"
      + " default, 15671 for https). Gives depth, running, rates, consumers and the oldest message's age."
      + " Credentials go in username/usernameFrom and passwordFrom, never here.")
  private String managementAddress;

  @Pattern(AMQP_ADDRESS_PATTERN)
  @JsonPropertyDescription("When the management plugin is not enabled: amqp(s)://host[:port] (port 5672 by default,"
      + " 5671 for amqps). A passive queue.declare gives the depth (ready messages) only.")
  private String amqpAddress;

  @Default("/")
  @Size(min = 1, max = 255)
  @JsonPropertyDescription("The virtual host of the queue.")
  private String vhost = "/";

  @Required
  @Size(min = 1, max = 255)
  @JsonPropertyDescription("The queue's name.")
  private String queue;

  @Size(min = 1, max = 255)
  @Pattern("^[^\\s:]+$")
  @JsonPropertyDescription("The RabbitMQ user; or usernameFrom to read it from a Secret.")
  private String username;

  @JsonPropertyDescription("The RabbitMQ user, from a Secret in the pool's namespace.")
  private SecretKeyReference usernameFrom;

  @Required
  @JsonPropertyDescription("The RabbitMQ user's password, from a Secret in the pool's namespace.")
  private SecretKeyReference passwordFrom;

  public RabbitMqQueueSpec() {
  }

  public String getManagementAddress() {
    return managementAddress;
  }

  public void setManagementAddress(String managementAddress) {
    this.managementAddress = managementAddress;
  }

  public String getAmqpAddress() {
    return amqpAddress;
  }

  public void setAmqpAddress(String amqpAddress) {
    this.amqpAddress = amqpAddress;
  }

  public String getVhost() {
    return vhost;
  }

  public void setVhost(String vhost) {
    this.vhost = vhost;
  }

  public String getQueue() {
    return queue;
  }

  public void setQueue(String queue) {
    this.queue = queue;
  }

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public SecretKeyReference getUsernameFrom() {
    return usernameFrom;
  }

  public void setUsernameFrom(SecretKeyReference usernameFrom) {
    this.usernameFrom = usernameFrom;
  }

  public SecretKeyReference getPasswordFrom() {
    return passwordFrom;
  }

  public void setPasswordFrom(SecretKeyReference passwordFrom) {
    this.passwordFrom = passwordFrom;
  }
}
