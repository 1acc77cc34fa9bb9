package dev.ebb.operator.scaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyGuardTest {

  private static final ReplyLimits LIMITS = new ReplyLimits(200, 20, 5, 30, Duration.ofSeconds(5));

  @ParameterizedTest
  @ValueSource(strings = {
      "+OK\r\n",
      "-ERR wrong type\r\n:42\r\n",
      "$5\r\nhello\r\n$-1\r\n$0\r\n\r\n",
      "*3\r\n:1\r\n$3\r\nabc\r\n*2\r\n+a\r\n+b\r\n",
      "*-1\r\n*0\r\n",
      "%2\r\n+k1\r\n:1\r\n+k2\r\n*1\r\n:2\r\n",
      "|1\r\n+ttl\r\n:3600\r\n$2\r\nhi\r\n",
      "_\r\n,3.14\r\n#t\r\n(12345678901234567890\r\n=7\r\ntxt:abc\r\n"})
  void validRepliesPassUnchanged(String replies) throws IOException {
    byte[] bytes = replies.getBytes(StandardCharsets.US_ASCII);
    try (InputStream guard = new ReplyGuard(new ByteArrayInputStream(bytes), LIMITS)) {
      assertThat(guard.readAllBytes()).isEqualTo(bytes);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "$21\r\n",
      "*6\r\n",
      "%3\r\n",
      "+a line longer than thirty bytes, which no status needs\r\n",
      "*2\r\n*5\r\n$20\r\n01234567890123456789\r\n$20\r\n01234567890123456789\r\n"
          + "$20\r\n01234567890123456789\r\n$20\r\n01234567890123456789\r\n$20\r\n01234567890123456789\r\n"
          + "*5\r\n$20\r\n01234567890123456789\r\n$20\r\n01234567890123456789\r\n"
          + "$20\r\n01234567890123456789\r\n$20\r\n01234567890123456789\r\n$20\r\n01234567890123456789\r\n",
      "$abc\r\n"})
  void aReplyOverALimitIsRefusedBeforeItIsRead(String reply) {
    assertThatThrownBy(() -> {
      try (InputStream guard = new ReplyGuard(new ByteArrayInputStream(reply.getBytes(StandardCharsets.US_ASCII)),
          LIMITS)) {
        guard.readAllBytes();
      }
    }).isInstanceOf(ReplyLimits.ReplyTooLarge.class);
  }

  @org.junit.jupiter.api.Test
  void eachReplyHasItsOwnByteBudget() throws IOException {
    String reply = "$15\r\n012345678901234\r\n"; // 22 bytes; ten of them exceed 200 bytes together, one does not
    byte[] bytes = reply.repeat(10).getBytes(StandardCharsets.US_ASCII);
    try (InputStream guard = new ReplyGuard(new ByteArrayInputStream(bytes), LIMITS)) {
      assertThat(guard.readAllBytes()).hasSize(bytes.length);
    }
  }
}
