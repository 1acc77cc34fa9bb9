package dev.ebb.operator.scaler;

import java.io.IOException;
import java.time.Duration;

/**
 * How much a queue server may send the operator, whatever it declares: a server that a pool's author chooses (or one
 * that is broken) must not exhaust the operator's heap, which every tenant shares, nor hold a measuring thread. A
 * reply over a limit, or a poll past its deadline, fails that poll (and drops the connection); the next poll tries
 * again.
 *
 * @param maxReplyBytes the most bytes of one reply, nested elements included
 * @param maxBulkBytes the most bytes of one string in a reply
 * @param maxElements the most elements of one array or map in a reply
 * @param maxLineBytes the most bytes of one status, error or number line
 * @param pollDeadline the longest one poll (all its round trips) may take, however slowly the server drips bytes
 */
public record ReplyLimits(long maxReplyBytes, long maxBulkBytes, long maxElements, int maxLineBytes,
    Duration pollDeadline) {

  /** The operator's limits: 4 MiB a reply, 1 MiB a string, 100,000 elements, 64 KiB a line. */
  public static ReplyLimits standard(Duration pollDeadline) {
    return new ReplyLimits(4L << 20, 1L << 20, 100_000, 64 << 10, pollDeadline);
  }

  /** A reply that broke a limit: the poll fails as a protocol error. */
  static final class ReplyTooLarge extends IOException {
    ReplyTooLarge(String message) {
      super(message);
    }
  }
}
