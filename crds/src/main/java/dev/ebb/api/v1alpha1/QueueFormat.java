package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum QueueFormat {
  @JsonProperty("ebb")
  EBB,
  @JsonProperty("list")
  LIST,
  // formats of existing worker libraries (docs/formats.md): Sidekiq, RQ
  @JsonProperty("sidekiq")
  SIDEKIQ,
  @JsonProperty("rq")
  RQ,
  @JsonProperty("celery")
  CELERY,
  @JsonProperty("bullmq")
  BULLMQ,
  @JsonProperty("laravel")
  LARAVEL
}
