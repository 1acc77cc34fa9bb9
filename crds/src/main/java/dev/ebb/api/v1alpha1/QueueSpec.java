package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** One backend block per pool; more backends join {@code redis} here, and the CEL rule counts them. */
@ValidationRule(value = "(has(self.redis) ? 1 : 0) + (has(self.kafka) ? 1 : 0) == 1",
    message = "queue needs exactly one backend (redis, kafka)", reason = "FieldValueRequired")
public class QueueSpec {

  @JsonPropertyDescription("A queue on Redis.")
  private RedisQueueSpec redis;

  @JsonPropertyDescription("A Kafka topic read by one consumer group: the group's lag is the queue.")
  private KafkaQueueSpec kafka;

  public QueueSpec() {
  }

  public QueueSpec(RedisQueueSpec redis) {
    this.redis = redis;
  }

  public RedisQueueSpec getRedis() {
    return redis;
  }

  public void setRedis(RedisQueueSpec redis) {
    this.redis = redis;
  }

  public KafkaQueueSpec getKafka() {
    return kafka;
  }

  public void setKafka(KafkaQueueSpec kafka) {
    this.kafka = kafka;
  }
}
