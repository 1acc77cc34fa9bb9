package dev.ebb.worker.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * A job as stored in Redis: one JSON object per list or set element (docs/protocol.md, "Job envelope").
 *
 * @param enqueuedAt when the job became runnable (epoch ms): the first enqueue, or the due time of a retry or a
 *     scheduled job; queue wait time is measured from here
 * @param createdAt when the producer first enqueued it (epoch ms); kept across retries
 * @param attempt the attempt this run is, starting at 1
 * @param timeoutMs optional; null means no timeout
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Envelope(
    String id,
    String type,
    JsonNode payload,
    long enqueuedAt,
    long createdAt,
    int attempt,
    int maxAttempts,
    Long timeoutMs,
    JobError error,
    Long failedAt,
    String reason) {

  public static final int DEFAULT_MAX_ATTEMPTS = 10;

  static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);

  public Envelope {
    payload = payload == null ? NullNode.getInstance() : payload;
    attempt = Math.max(attempt, 1);
    maxAttempts = maxAttempts < 1 ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
  }

  /** Parses an envelope; an element that is not JSON, or lacks {@code id} or {@code type}, is malformed. */
  public static Envelope parse(String json) throws MalformedEnvelopeException {
    Envelope envelope;
    try {
      envelope = JSON.readValue(json, Envelope.class);
    } catch (JsonProcessingException e) {
      throw new MalformedEnvelopeException("not a job envelope: " + e.getOriginalMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new MalformedEnvelopeException("not a job envelope: " + e.getMessage(), e);
    }
    if (envelope == null || envelope.id() == null || envelope.type() == null) {
      throw new MalformedEnvelopeException("job envelope lacks id or type");
    }
    return envelope;
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize envelope " + id, e);
    }
  }

  /** The next attempt, runnable at {@code dueAt}, remembering the error of this one. */
  public Envelope nextAttempt(long dueAt, JobError lastError, long now) {
    return new Envelope(id, type, payload, dueAt, createdAt, attempt + 1, maxAttempts, timeoutMs, lastError, now,
        null);
  }

  /** This envelope as a dead letter. */
  public Envelope dead(JobError lastError, long now, String deadReason) {
    return new Envelope(id, type, payload, enqueuedAt, createdAt, attempt, maxAttempts, timeoutMs, lastError, now,
        deadReason);
  }

  public boolean hasAttemptsLeft() {
    return attempt < maxAttempts;
  }

  public static ObjectMapper json() {
    return JSON;
  }

  /** Thrown for an element of the queue that cannot be read as a job. */
  public static final class MalformedEnvelopeException extends Exception {
    MalformedEnvelopeException(String message) {
      super(message);
    }

    MalformedEnvelopeException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
