package dev.ebb.worker.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The dead-letter entry of a queue element that is not a readable envelope. The element is kept byte for byte:
 * as the string {@code raw} when it is valid UTF-8, else base64-encoded as {@code rawBase64}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(String raw, String rawBase64, JobError error, long failedAt, String reason) {

  /** The element is not a job envelope: empty, too large, not UTF-8, not JSON, or lacks {@code id} or {@code type}. */
  public static final String UNPARSEABLE = "unparseable";
  /** No handler is registered for the job's type. */
  public static final String UNKNOWN_TYPE = "unknown-type";
  /** The last attempt failed. */
  public static final String MAX_ATTEMPTS = "max-attempts";

  /** The dead letter of an unreadable element, which it keeps exactly. */
  public static DeadLetter unparseable(byte[] element, JobError error, long failedAt) {
    return Utf8.isValid(element)
        ? new DeadLetter(new String(element, StandardCharsets.UTF_8), null, error, failedAt, UNPARSEABLE)
        : new DeadLetter(null, Base64.getEncoder().encodeToString(element), error, failedAt, UNPARSEABLE);
  }

  /** The element this dead letter keeps, as the bytes that were in the queue. */
  public byte[] element() {
    return raw != null ? raw.getBytes(StandardCharsets.UTF_8) : Base64.getDecoder().decode(rawBase64);
  }

  public byte[] toJson() {
    try {
      return Envelope.JSON.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize dead letter", e);
    }
  }
}
