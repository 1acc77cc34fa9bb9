package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** One backend block per pool: the CEL rule counts them. */
@ValidationRule(value = "(has(self.redis) ? 1 : 0) + (has(self.rabbitmq) ? 1 : 0) + (has(self.sqs) ? 1 : 0)"
    + " + (has(self.kafka) ? 1 : 0) + (has(self.postgres) ? 1 : 0) + (has(self.prometheus) ? 1 : 0) == 1",
    message = QueueSpec.ONE_BACKEND, reason = "FieldValueRequired")
public class QueueSpec {

  public static final String ONE_BACKEND =
      "queue needs exactly one backend (redis, rabbitmq, sqs, kafka, postgres or prometheus)";

  @JsonPropertyDescription("A queue on Redis.")
  private RedisQueueSpec redis;

  @JsonPropertyDescription("A queue measured by PromQL queries against a Prometheus-compatible API.")
  private PrometheusQueueSpec prometheus;

  @JsonPropertyDescription("A queue on RabbitMQ.")
  private RabbitMqQueueSpec rabbitmq;

  @JsonPropertyDescription("A queue on Amazon SQS (or an SQS-compatible server).")
  private SqsQueueSpec sqs;

  @JsonPropertyDescription("A Kafka topic read by a consumer group.")
  private KafkaQueueSpec kafka;

  @JsonPropertyDescription("A job table in PostgreSQL (Solid Queue, GoodJob, que, River, graphile-worker, or your own query).")
  private PostgresQueueSpec postgres;

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

  public PrometheusQueueSpec getPrometheus() {
    return prometheus;
  }

  public void setPrometheus(PrometheusQueueSpec prometheus) {
    this.prometheus = prometheus;
  }

  public RabbitMqQueueSpec getRabbitmq() {
    return rabbitmq;
  }

  public void setRabbitmq(RabbitMqQueueSpec rabbitmq) {
    this.rabbitmq = rabbitmq;
  }

  public SqsQueueSpec getSqs() {
    return sqs;
  }

  public void setSqs(SqsQueueSpec sqs) {
    this.sqs = sqs;
  }

  public KafkaQueueSpec getKafka() {
    return kafka;
  }

  public void setKafka(KafkaQueueSpec kafka) {
    this.kafka = kafka;
  }

  public PostgresQueueSpec getPostgres() {
    return postgres;
  }

  public void setPostgres(PostgresQueueSpec postgres) {
    this.postgres = postgres;
  }
}
