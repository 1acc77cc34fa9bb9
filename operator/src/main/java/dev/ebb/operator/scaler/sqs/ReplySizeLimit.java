package dev.ebb.operator.scaler.sqs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Bounds the body of every answer the SDK reads, an error's included: a {@code GetQueueAttributes} answer is a few
 * hundred bytes, and a server a pool names (an {@code endpoint}) could otherwise stream into the operator's heap until
 * the call's timeout. Past the limit the read fails with {@link ReplyTooLarge}.
 */
final class ReplySizeLimit implements ExecutionInterceptor {

  /** Far above any real answer of the call, far below anything that matters to the heap. */
  static final int MAX_BYTES = 64 * 1024;

  private final long maxBytes;

  ReplySizeLimit(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
      ExecutionAttributes executionAttributes) {
    return context.responseBody().map(body -> new Bounded(body, maxBytes));
  }

  /** The answer was longer than the limit. */
  static final class ReplyTooLarge extends IOException {
    ReplyTooLarge(long maxBytes) {
      super("the answer is longer than " + maxBytes + " bytes");
    }
  }

  private static final class Bounded extends FilterInputStream {
    private final long maxBytes;
    private long read;

    Bounded(InputStream in, long maxBytes) {
      super(in);
      this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, (int) Math.min(length, maxBytes - read + 1));
      if (n > 0) {
        count(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(Math.min(n, maxBytes - read + 1));
      count(skipped);
      return skipped;
    }

    private void count(long n) throws ReplyTooLarge {
      read += n;
      if (read > maxBytes) {
        throw new ReplyTooLarge(maxBytes);
      }
    }
  }
}
