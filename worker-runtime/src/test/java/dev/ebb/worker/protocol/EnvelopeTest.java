package dev.ebb.worker.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebb.worker.protocol.Envelope.MalformedEnvelopeException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

  static Stream<Arguments> unreadableElements() {
    byte[] badId = "{\"id\":\"?\",\"type\":\"t\"}".getBytes(StandardCharsets.UTF_8);
    badId[7] = (byte) 0xff;
    return Stream.of(
        Arguments.of("empty", new byte[0], "empty element"),
        Arguments.of("larger than the limit", "{\"id\":\"1\",\"type\":\"t\",\"payload\":\"xxxxxxxxxx\"}"
            .getBytes(StandardCharsets.UTF_8), "larger than the limit of 32 bytes"),
        Arguments.of("a byte that is not UTF-8", badId, "not UTF-8: invalid byte 0xff at offset 7"),
        Arguments.of("a lone continuation byte", new byte[] {'{', (byte) 0x80, '}'}, "invalid byte 0x80 at offset 1"),
        Arguments.of("an overlong encoding of '/'", new byte[] {'"', (byte) 0xc0, (byte) 0xaf, '"'}, "not UTF-8"),
        Arguments.of("a UTF-16 surrogate in UTF-8", new byte[] {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'},
            "not UTF-8"),
        Arguments.of("not JSON", "{not".getBytes(StandardCharsets.UTF_8), "not a job envelope"),
        Arguments.of("no type", "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8), "lacks id or type"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadableElements")
  void anUnreadableElementSaysWhy(String shape, byte[] element, String why) {
    assertThatThrownBy(() -> Envelope.parse(element, 32)).isInstanceOf(MalformedEnvelopeException.class)
        .hasMessageContaining(why);
  }

  @Test
  void anElementOfExactlyTheLimitWithNonAsciiTextIsReadable() throws Exception {
    byte[] element = "{\"id\":\"1\",\"type\":\"t\",\"payload\":\"Zoë ✓\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(Envelope.parse(element, element.length).payload().asText()).isEqualTo("Zoë ✓");
  }

  @Test
  void aDeadLetterKeepsTheExactBytesOfAnElementThatIsNotUtf8() throws Exception {
    byte[] element = {(byte) 0xff, (byte) 0xfe, 'x'};
    JsonNode letter = Envelope.json().readTree(
        DeadLetter.unparseable(element, JobError.of("C", "m"), 7).toJson());
    assertThat(letter.has("raw")).isFalse();
    assertThat(Base64.getDecoder().decode(letter.path("rawBase64").asText())).isEqualTo(element);
    assertThat(Envelope.json().readTree(DeadLetter.unparseable("{x".getBytes(StandardCharsets.UTF_8),
        JobError.of("C", "m"), 7).toJson()).path("raw").asText()).isEqualTo("{x");
  }
}
