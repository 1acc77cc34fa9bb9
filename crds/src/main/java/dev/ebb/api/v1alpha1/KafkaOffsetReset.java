package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a Kafka consumer group starts in a partition it has no committed offset for: its auto.offset.reset. */
public enum KafkaOffsetReset {
  @JsonProperty("latest")
  LATEST,
  @JsonProperty("earliest")
  EARLIEST
}
