package dev.ebb.worker.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebb.worker.protocol.Envelope.MalformedEnvelopeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeTest {

  @Test
  void readsWhatAnotherLanguageWrites() throws Exception {
    String fromPython = "{\"id\":\"9b2c\",\"type\":\"mail\",\"payload\":{\"to\":\"a@b.c\"},\"enqueuedAt\":1700000000000,"
        + "\"attempt\":1,\"maxAttempts\":3,\"extra\":\"ignored\"}";
    Envelope envelope = Envelope.parse(fromPython);
    assertThat(envelope.payload().path("to").asText()).isEqualTo("a@b.c");
    assertThat(envelope.timeoutMs()).isNull();
    assertThat(envelope.hasAttemptsLeft()).isTrue();
  }

  @Test
  void nextAttemptAndDeadLetterCarryTheError() throws Exception {
    Envelope first = Envelope.parse("{\"id\":\"1\",\"type\":\"t\",\"payload\":null,\"enqueuedAt\":5,\"createdAt\":5,"
        + "\"attempt\":1,\"maxAttempts\":2}");
    JobError error = JobError.of(new IllegalStateException("boom"));
    Envelope second = Envelope.parse(first.nextAttempt(100, error, 50).toJson());
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(second.enqueuedAt()).isEqualTo(100);
    assertThat(second.createdAt()).isEqualTo(5);
    assertThat(second.hasAttemptsLeft()).isFalse();
    JsonNode dead = Envelope.json().readTree(second.dead(error, 200, DeadLetter.MAX_ATTEMPTS).toJson());
    assertThat(dead.path("error").path("class").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(dead.path("error").path("message").asText()).isEqualTo("boom");
    assertThat(dead.path("error").path("stack").asText()).startsWith("at dev.ebb.worker.protocol.EnvelopeTest");
    assertThat(dead.path("reason").asText()).isEqualTo("max-attempts");
    assertThat(dead.path("failedAt").asLong()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "{\"type\":\"x\"}", "{\"id\":\"1\"}", "[1,2]", "42", "{\"id\":\"1\",\"type\":\"x\""})
  void malformedElementsAreRecognised(String raw) {
    assertThatThrownBy(() -> Envelope.parse(raw)).isInstanceOf(MalformedEnvelopeException.class);
  }
}
