package dev.ebb.worker.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Strict UTF-8 checks: a queue element is JSON, and JSON is UTF-8 (RFC 8259), so any other byte makes it unreadable. */
public final class Utf8 {

  private Utf8() {
  }

  public static boolean isValid(byte[] bytes) {
    return firstInvalid(bytes).isEmpty();
  }

  /** The offset of the first byte that is not part of a well-formed UTF-8 sequence, if any. */
  public static Optional<Integer> firstInvalid(byte[] bytes) {
    int ascii = 0;
    while (ascii < bytes.length && bytes[ascii] >= 0) {
      ascii++;
    }
    if (ascii == bytes.length) {
      return Optional.empty(); // the common case: plain ASCII JSON, no decoder needed
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CoderResult result = decoder.decode(in, CharBuffer.allocate(bytes.length), true);
    return result.isError() ? Optional.of(in.position()) : Optional.empty();
  }

  /** For log lines: the element as text (bad bytes as U+FFFD), cut at {@code max} characters. */
  public static String abbreviate(byte[] bytes, int max) {
    String text = new String(bytes, 0, Math.min(bytes.length, max * 4), StandardCharsets.UTF_8);
    return text.length() <= max ? text : text.substring(0, max) + "...";
  }
}
