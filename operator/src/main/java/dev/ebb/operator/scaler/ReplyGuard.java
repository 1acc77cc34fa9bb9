package dev.ebb.operator.scaler;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a Redis connection's replies (RESP2 and RESP3) byte by byte as they pass to Jedis, and fails the read before
 * Jedis allocates what a reply declares when a declared length, an element count or the reply's total size is over
 * its {@link ReplyLimits}, and when the poll's deadline has passed ({@link PollDeadline}). It only looks; the bytes
 * reach Jedis unchanged.
 */
final class ReplyGuard extends FilterInputStream {

  private final ReplyLimits limits;
  private final StringBuilder line = new StringBuilder();
  private State state = State.TYPE;
  private char type;
  private long skip;
  private long pending;
  private long replyBytes;

  private enum State { TYPE, LINE, LINE_END, BODY }

  ReplyGuard(InputStream in, ReplyLimits limits) {
    super(in);
    this.limits = limits;
  }

  @Override
  public int read() throws IOException {
    PollDeadline.check();
    int b = super.read();
    if (b >= 0) {
      scan(b);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    PollDeadline.check();
    int n = super.read(buffer, offset, length);
    for (int i = 0; i < n; i++) {
      scan(buffer[offset + i] & 0xff);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] sink = new byte[(int) Math.min(n, 8192)];
    int read = read(sink, 0, sink.length);
    return Math.max(read, 0);
  }

  private void scan(int b) throws IOException {
    if (state == State.TYPE && pending == 0) {
      pending = 1;
      replyBytes = 0;
    }
    if (++replyBytes > limits.maxReplyBytes()) {
      throw new ReplyLimits.ReplyTooLarge("a reply longer than " + limits.maxReplyBytes() + " bytes");
    }
    switch (state) {
      case TYPE -> {
        type = (char) b;
        line.setLength(0);
        state = State.LINE;
      }
      case LINE -> {
        if (b == '\r') {
          state = State.LINE_END;
        } else if (line.length() >= limits.maxLineBytes()) {
          throw new ReplyLimits.ReplyTooLarge("a reply line longer than " + limits.maxLineBytes() + " bytes");
        } else {
          line.append((char) b);
        }
      }
      case LINE_END -> lineDone();
      case BODY -> {
        if (--skip == 0) {
          elementDone();
        }
      }
    }
  }

  /** The header line of an element ended (its '\n' was just read). */
  private void lineDone() throws IOException {
    switch (type) {
      case '$', '=', '!' -> {
        long length = number();
        if (length > limits.maxBulkBytes()) {
          throw new ReplyLimits.ReplyTooLarge("a string of " + length + " bytes");
        }
        if (length < 0) {
          elementDone();
        } else {
          skip = length + 2; // the bytes and their CRLF
          state = State.BODY;
        }
      }
      case '*', '~', '>', '%', '|' -> {
        long elements = Math.max(number(), 0) * (type == '%' || type == '|' ? 2 : 1);
        if (elements > limits.maxElements()) {
          throw new ReplyLimits.ReplyTooLarge("an aggregate of " + elements + " elements");
        }
        // an attribute ('|') comes before the element it describes: it is not that element
        pending += elements - (type == '|' ? 0 : 1);
        state = State.TYPE;
      }
      default -> elementDone();
    }
  }

  private void elementDone() {
    pending--;
    state = State.TYPE;
  }

  private long number() throws IOException {
    try {
      return Long.parseLong(line.toString());
    } catch (NumberFormatException e) {
      throw new ReplyLimits.ReplyTooLarge("a length that is not a number");
    }
  }
}
