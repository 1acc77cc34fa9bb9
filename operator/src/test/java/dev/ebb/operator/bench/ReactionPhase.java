package dev.ebb.operator.bench;

import java.time.Duration;
import java.util.Arrays;

/** The reaction times of one phase of a run, and the changes it missed. Thread-safe. */
final class ReactionPhase {

  private final String name;
  private long[] nanos = new long[1024];
  private int count;
  private int missed;
  private int expected;

  ReactionPhase(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  synchronized void expected() {
    expected++;
  }

  synchronized void reacted(long reactionNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = reactionNanos;
  }

  synchronized void missed() {
    missed++;
  }

  synchronized Summary summary() {
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    return new Summary(name, expected, count, missed, percentile(sorted, 0.50), percentile(sorted, 0.90),
        percentile(sorted, 0.99), sorted.length == 0 ? Duration.ZERO : Duration.ofNanos(sorted[sorted.length - 1]));
  }

  /** Nearest-rank percentile. */
  private static Duration percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Duration.ZERO;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return Duration.ofNanos(sorted[Math.max(0, rank - 1)]);
  }

  record Summary(String phase, int changes, int measured, int missed, Duration p50, Duration p90, Duration p99,
      Duration max) {
  }
}
