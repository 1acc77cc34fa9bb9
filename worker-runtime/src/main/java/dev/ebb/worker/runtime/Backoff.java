package dev.ebb.worker.runtime;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter for reconnecting to Redis: 100 ms, 200 ms, ... up to 5 s, each wait drawn
 * from [half, full]. Never a busy loop; {@link #reset()} after a success.
 */
public final class Backoff {

  static final long FIRST_MILLIS = 100;
  static final long CAP_MILLIS = 5_000;

  private int failures;

  /** The ceiling of the wait after {@code failures} consecutive failures (pure). */
  static long ceilingMillis(int failures) {
    int doublings = Math.max(0, Math.min(failures - 1, 16));
    return Math.min(CAP_MILLIS, FIRST_MILLIS << doublings);
  }

  /** Waits after one more failure; returns false when interrupted (the caller should stop). */
  public boolean pause() {
    failures++;
    long ceiling = ceilingMillis(failures);
    long wait = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    try {
      Thread.sleep(wait);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public int failures() {
    return failures;
  }

  public void reset() {
    failures = 0;
  }

  public Duration lastCeiling() {
    return Duration.ofMillis(ceilingMillis(Math.max(failures, 1)));
  }
}
