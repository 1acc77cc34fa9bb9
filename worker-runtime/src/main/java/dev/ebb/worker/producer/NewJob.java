package dev.ebb.worker.producer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebb.worker.protocol.Envelope;
import java.time.Duration;

/**
 * A job to enqueue: a type, a payload (anything Jackson can turn into JSON), and optionally the number of attempts
 * (default {@value Envelope#DEFAULT_MAX_ATTEMPTS}) and a timeout per attempt.
 */
public record NewJob(String type, Object payload, int maxAttempts, Duration timeout) {

  public NewJob {
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException("a job needs a type");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  public static NewJob of(String type, Object payload) {
    return new NewJob(type, payload, Envelope.DEFAULT_MAX_ATTEMPTS, null);
  }

  public NewJob withMaxAttempts(int attempts) {
    return new NewJob(type, payload, attempts, timeout);
  }

  public NewJob withTimeout(Duration perAttempt) {
    return new NewJob(type, payload, maxAttempts, perAttempt);
  }

  Envelope envelope(String id, long runnableAt, long now) {
    JsonNode json = Envelope.json().valueToTree(payload);
    return new Envelope(id, type, json, runnableAt, now, 1, maxAttempts, timeout == null ? null : timeout.toMillis(),
        null, null, null);
  }
}
