package dev.ebb.worker.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The dead-letter entry of a queue element that is not a readable envelope: the raw element is kept as a string.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(String raw, JobError error, long failedAt, String reason) {

  /** The element is not JSON, or lacks {@code id} or {@code type}. */
  public static final String UNPARSEABLE = "unparseable";
  /** No handler is registered for the job's type. */
  public static final String UNKNOWN_TYPE = "unknown-type";
  /** The last attempt failed. */
  public static final String MAX_ATTEMPTS = "max-attempts";

  public String toJson() {
    try {
      return Envelope.JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize dead letter", e);
    }
  }
}
