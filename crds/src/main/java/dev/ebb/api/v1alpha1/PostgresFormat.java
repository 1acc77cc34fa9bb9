package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The job library whose tables a PostgreSQL queue is read from (docs/formats.md, "PostgreSQL"). */
public enum PostgresFormat {
  @JsonProperty("solid_queue")
  SOLID_QUEUE("solid_queue"),
  @JsonProperty("good_job")
  GOOD_JOB("good_job"),
  @JsonProperty("que")
  QUE("que"),
  @JsonProperty("river")
  RIVER("river"),
  @JsonProperty("graphile_worker")
  GRAPHILE_WORKER("graphile_worker"),
  @JsonProperty("sql")
  SQL("sql");

  private final String value;

  PostgresFormat(String value) {
    this.value = value;
  }

  /** The name as the pool writes it. */
  public String value() {
    return value;
  }
}
