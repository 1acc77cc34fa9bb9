package dev.ebb.operator.scaler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads when a job was enqueued from its JSON: epoch seconds or milliseconds (a number, or a string of one, as
 * Horizon's {@code pushedAt}), or an RFC 3339 string.
 */
final class JobTimestamps {

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Epoch values below this are seconds, above it milliseconds (10^11 s is the year 5138). */
  private static final double MILLIS_THRESHOLD = 1e11;

  private JobTimestamps() {
  }

  /** The job's age at {@code now}, or empty when the element holds no readable timestamp in {@code field}. */
  static Optional<Duration> age(String element, String field, Instant now) {
    if (element == null) {
      return Optional.empty();
    }
    try {
      JsonNode value = JSON.readTree(element).get(field);
      if (value == null || value.isNull()) {
        return Optional.empty();
      }
      Instant enqueued = value.isNumber() ? epoch(value.asDouble())
          : isEpochText(value.asText()) ? epoch(Double.parseDouble(value.asText())) : Instant.parse(value.asText());
      Duration age = Duration.between(enqueued, now);
      return Optional.of(age.isNegative() ? Duration.ZERO : age);
    } catch (java.io.IOException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static boolean isEpochText(String text) {
    return text.matches("[0-9]{1,15}(\\.[0-9]{1,9})?");
  }

  private static Instant epoch(double value) {
    long millis = value < MILLIS_THRESHOLD ? Math.round(value * 1000) : Math.round(value);
    return Instant.ofEpochMilli(millis);
  }
}
