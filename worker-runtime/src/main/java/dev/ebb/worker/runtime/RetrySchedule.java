package dev.ebb.worker.runtime;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When a failed job runs again: exponential backoff with full jitter. After failed attempt {@code n} (1-based) the
 * delay is uniform in {@code [0, min(cap, base * 2^(n-1))]}; {@code random} supplies a number in [0, 1).
 * Full jitter spreads a burst of failures (a downstream outage) instead of retrying them in lockstep.
 */
public record RetrySchedule(Duration base, Duration cap) {

  public RetrySchedule {
    if (base.isNegative() || cap.isNegative() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("retry base must be >= 0 and cap >= base: " + base + ", " + cap);
    }
  }

  public Duration delayAfter(int failedAttempt, DoubleSupplier random) {
    return Duration.ofMillis((long) Math.floor(ceilingMillis(failedAttempt) * random.getAsDouble()));
  }

  /** The largest delay after {@code failedAttempt}: {@code min(cap, base * 2^(failedAttempt-1))}. */
  public long ceilingMillis(int failedAttempt) {
    int doublings = Math.max(0, Math.min(failedAttempt - 1, 62));
    long base = this.base.toMillis();
    long cap = this.cap.toMillis();
    if (base == 0) {
      return 0;
    }
    return doublings >= Long.numberOfLeadingZeros(base) - 1 ? cap : Math.min(cap, base << doublings);
  }
}
