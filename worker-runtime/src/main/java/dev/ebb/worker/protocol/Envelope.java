package dev.ebb.worker.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.util.HexFormat;
import java.util.Optional;

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
  /** The default largest element a worker reads as a job (16 MiB); a larger one is dead-lettered unread. */
  public static final int DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

  static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);

  public Envelope {
    payload = payload == null ? NullNode.getInstance() : payload;
    attempt = Math.max(attempt, 1);
    maxAttempts = maxAttempts < 1 ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
  }

  /**
   * Reads a queue element exactly as Redis stores it. It is malformed when it is empty, larger than
   * {@code maxBytes}, not UTF-8 (anywhere: id, type or payload), not JSON, or lacks {@code id} or {@code type}.
   */
  public static Envelope parse(byte[] element, int maxBytes) throws MalformedEnvelopeException {
    if (element.length == 0) {
      throw new MalformedEnvelopeException("empty element");
    }
    if (element.length > maxBytes) {
      throw new MalformedEnvelopeException("element of " + element.length + " bytes is larger than the limit of "
          + maxBytes + " bytes (EBB_MAX_JOB_BYTES)");
    }
    Optional<Integer> invalid = Utf8.firstInvalid(element);
    if (invalid.isPresent()) {
      throw new MalformedEnvelopeException("not UTF-8: invalid byte 0x"
          + HexFormat.of().toHexDigits(element[invalid.get()]) + " at offset " + invalid.get());
    }
    Envelope envelope;
    try {
      envelope = JSON.readValue(element, Envelope.class);
    } catch (IOException e) {
      String detail = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
      throw new MalformedEnvelopeException("not a job envelope: " + detail, e);
    } catch (IllegalArgumentException e) {
      throw new MalformedEnvelopeException("not a job envelope: " + e.getMessage(), e);
    }
    return requireIdAndType(envelope);
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
    return requireIdAndType(envelope);
  }

  private static Envelope requireIdAndType(Envelope envelope) throws MalformedEnvelopeException {
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

  /** The envelope as the UTF-8 bytes a list or set element holds. */
  public byte[] toBytes() {
    try {
      return JSON.writeValueAsBytes(this);
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

  /** A dead letter put back by an operator: a fresh first attempt, runnable now, without the last error. */
  public Envelope retried(long now) {
    return new Envelope(id, type, payload, now, createdAt, 1, maxAttempts, timeoutMs, null, null, null);
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
