package dev.ebb.worker.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ebb.worker.protocol.Envelope;
import dev.ebb.worker.protocol.Envelope.MalformedEnvelopeException;
import java.io.IOException;

/**
 * One element of the dead-letter list: the bytes as stored (to remove exactly this one), the letter as JSON, and the
 * job it holds, if any: the dead letter of an unreadable element ({@code reason: unparseable}) holds no job and cannot
 * be retried.
 */
record DeadLetterEntry(byte[] stored, JsonNode letter, Envelope job) {

  static DeadLetterEntry of(byte[] stored) {
    JsonNode letter;
    try {
      letter = Envelope.json().readTree(stored);
    } catch (IOException e) {
      letter = Envelope.json().createObjectNode().put("reason", "unreadable dead letter");
    }
    Envelope job;
    try {
      job = letter.has("raw") || letter.has("rawBase64") ? null : Envelope.parse(stored, Integer.MAX_VALUE);
    } catch (MalformedEnvelopeException e) {
      job = null;
    }
    return new DeadLetterEntry(stored, letter, job);
  }

  String id() {
    return letter.path("id").asText(null);
  }

  String type() {
    return letter.path("type").asText(null);
  }

  boolean retryable() {
    return job != null;
  }

  /** What {@code dead list} shows of it. */
  ObjectNode summary() {
    ObjectNode summary = Envelope.json().createObjectNode();
    summary.put("id", id());
    summary.put("type", type());
    summary.put("reason", letter.path("reason").asText(null));
    if (letter.has("attempt")) {
      summary.put("attempt", letter.path("attempt").asInt());
    }
    summary.put("failedAt", letter.path("failedAt").asLong());
    summary.put("errorClass", letter.path("error").path("class").asText(null));
    summary.put("error", letter.path("error").path("message").asText(null));
    return summary;
  }
}
