package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A Kafka topic read by one consumer group: its lag is the queue (docs/formats.md, "Kafka"). */
@ValidationRule(value = "!has(self.caFrom) || self.tls",
    message = "caFrom applies with tls: true only", reason = "FieldValueInvalid")
public class KafkaQueueSpec {

  /** Kafka's own bootstrap.servers form: host:port, comma-separated; no credentials, no scheme. */
  public static final String BOOTSTRAP_PATTERN = "^[A-Za-z0-9.\\-]+:[0-9]{1,5}(,[A-Za-z0-9.\\-]+:[0-9]{1,5})*$";

  @Required
  @Size(max = 1000)
  @Pattern(BOOTSTRAP_PATTERN)
  @JsonPropertyDescription("host:port of one or more brokers, comma-separated, as Kafka's bootstrap.servers writes"
      + " them (kafka-0.kafka.svc:9092,kafka-1.kafka.svc:9092). Credentials go in sasl, never here.")
  private String bootstrapServers;

  @Required
  @Size(min = 1, max = 249)
  @Pattern("^[A-Za-z0-9._\\-]+$")
  @JsonPropertyDescription("The topic the workers consume.")
  private String topic;

  @Required
  @Size(min = 1, max = 255)
  @Pattern("^[A-Za-z0-9._:/@+=\\-]+$")
  @JsonPropertyDescription("The consumer group the workers commit their offsets in (their group.id).")
  private String consumerGroup;

  @Default("latest")
  @JsonPropertyDescription("Where the workers start in a partition the group has no committed offset for: their"
      + " auto.offset.reset. latest: such a partition counts no lag. earliest: all its records count as waiting.")
  private KafkaOffsetReset offsetReset = KafkaOffsetReset.LATEST;

  @Default("false")
  @JsonPropertyDescription("Connect with TLS (security.protocol SSL, or SASL_SSL with sasl).")
  private Boolean tls = false;

  @JsonPropertyDescription("With tls: the CA certificate(s) in PEM that sign the brokers' certificates, from a Secret"
      + " in the pool's namespace; unset: the JVM's trusted CAs.")
  private SecretKeyReference caFrom;

  @JsonPropertyDescription("SASL authentication (PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512); unset: none.")
  private KafkaSaslSpec sasl;

  public KafkaQueueSpec() {
  }

  public KafkaQueueSpec(String bootstrapServers, String topic, String consumerGroup) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.consumerGroup = consumerGroup;
  }

  public String getBootstrapServers() {
    return bootstrapServers;
  }

  public void setBootstrapServers(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  public String getTopic() {
    return topic;
  }

  public void setTopic(String topic) {
    this.topic = topic;
  }

  public String getConsumerGroup() {
    return consumerGroup;
  }

  public void setConsumerGroup(String consumerGroup) {
    this.consumerGroup = consumerGroup;
  }

  public KafkaOffsetReset getOffsetReset() {
    return offsetReset;
  }

  public void setOffsetReset(KafkaOffsetReset offsetReset) {
    this.offsetReset = offsetReset;
  }

  public Boolean getTls() {
    return tls;
  }

  public void setTls(Boolean tls) {
    this.tls = tls;
  }

  public SecretKeyReference getCaFrom() {
    return caFrom;
  }

  public void setCaFrom(SecretKeyReference caFrom) {
    this.caFrom = caFrom;
  }

  public KafkaSaslSpec getSasl() {
    return sasl;
  }

  public void setSasl(KafkaSaslSpec sasl) {
    this.sasl = sasl;
  }
}
