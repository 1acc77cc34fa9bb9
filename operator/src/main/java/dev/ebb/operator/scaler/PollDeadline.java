package dev.ebb.operator.scaler;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The deadline of the poll running on this thread, which {@link ReplyGuard} enforces on every read of its
 * connection: a server that answers one byte just before each socket timeout cannot hold a measuring thread longer
 * than the deadline.
 */
final class PollDeadline {

  private static final ThreadLocal<Long> DEADLINE_NANOS = new ThreadLocal<>();

  private PollDeadline() {
  }

  static <T> T within(Duration deadline, Supplier<T> poll) {
    Long outer = DEADLINE_NANOS.get();
    DEADLINE_NANOS.set(System.nanoTime() + deadline.toNanos());
    try {
      return poll.get();
    } finally {
      if (outer == null) {
        DEADLINE_NANOS.remove();
      } else {
        DEADLINE_NANOS.set(outer);
      }
    }
  }

  /** Throws when this thread's poll is past its deadline. */
  static void check() throws Exceeded {
    Long deadline = DEADLINE_NANOS.get();
    if (deadline != null && System.nanoTime() - deadline > 0) {
      throw new Exceeded();
    }
  }

  /** The poll ran out of time: a timeout. */
  static final class Exceeded extends SocketTimeoutException {
    Exceeded() {
      super("the poll deadline passed before the server finished answering");
    }
  }
}
