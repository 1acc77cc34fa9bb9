package dev.ebb.worker.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ebb.worker.protocol.Envelope;

/** What a handler sees of a job. */
public record Job(String id, String type, JsonNode payload, int attempt, int maxAttempts, long enqueuedAt) {

  public static Job of(Envelope envelope) {
    return new Job(envelope.id(), envelope.type(), envelope.payload(), envelope.attempt(), envelope.maxAttempts(),
        envelope.enqueuedAt());
  }

  /** The payload bound to a type with Jackson. */
  public <T> T payloadAs(Class<T> type) throws JsonProcessingException {
    return Envelope.json().treeToValue(payload, type);
  }
}
