package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** One backend block per pool; more backends join {@code redis} here, and the CEL rule counts them. */
@ValidationRule(value = "(has(self.redis) ? 1 : 0) + (has(self.postgres) ? 1 : 0) == 1",
    message = "queue needs exactly one backend (redis, postgres)", reason = "FieldValueRequired")
public class QueueSpec {

  @JsonPropertyDescription("A queue on Redis.")
  private RedisQueueSpec redis;

  @JsonPropertyDescription("A job table in PostgreSQL (solid_queue, good_job, que, river, graphile_worker, or a"
      + " query).")
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

  public PostgresQueueSpec getPostgres() {
    return postgres;
  }

  public void setPostgres(PostgresQueueSpec postgres) {
    this.postgres = postgres;
  }
}
