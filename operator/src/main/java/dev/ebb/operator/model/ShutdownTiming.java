package dev.ebb.operator.model;

import java.time.Duration;

/**
 * From the pool's SIGTERM-to-SIGKILL grace period: the pod's {@code terminationGracePeriodSeconds}, and the shorter
 * deadline the worker is given to finish jobs before it hands back the rest ({@code EBB_SHUTDOWN_TIMEOUT}), so the
 * hand-back is done before SIGKILL.
 */
public record ShutdownTiming(long terminationGracePeriodSeconds, Duration workerShutdownTimeout) {

  private static final Duration MIN_MARGIN = Duration.ofSeconds(1);
  private static final Duration MAX_MARGIN = Duration.ofSeconds(5);

  public static ShutdownTiming of(Duration gracePeriod) {
    long graceSeconds = Math.max(1, (gracePeriod.toMillis() + 999) / 1000);
    Duration grace = Duration.ofSeconds(graceSeconds);
    Duration margin = clamp(grace.dividedBy(10), MIN_MARGIN, MAX_MARGIN);
    Duration timeout = grace.minus(margin);
    return new ShutdownTiming(graceSeconds, timeout.isNegative() ? Duration.ZERO : timeout);
  }

  /** The timeout as the worker reads it: whole seconds with a unit, e.g. {@code 55s}. */
  public String workerShutdownTimeoutText() {
    return workerShutdownTimeout.toSeconds() + "s";
  }

  private static Duration clamp(Duration value, Duration min, Duration max) {
    return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
  }
}
