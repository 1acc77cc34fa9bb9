package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The SASL mechanisms a Kafka pool may authenticate with, as Kafka's sasl.mechanism names them. */
public enum KafkaSaslMechanism {
  @JsonProperty("PLAIN")
  PLAIN("PLAIN"),
  @JsonProperty("SCRAM-SHA-256")
  SCRAM_SHA_256("SCRAM-SHA-256"),
  @JsonProperty("SCRAM-SHA-512")
  SCRAM_SHA_512("SCRAM-SHA-512");

  private final String kafkaName;

  KafkaSaslMechanism(String kafkaName) {
    this.kafkaName = kafkaName;
  }

  /** The name Kafka's sasl.mechanism takes. */
  public String kafkaName() {
    return kafkaName;
  }
}
