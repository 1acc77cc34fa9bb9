package dev.ebb.operator.dashboard;

/**
 * One pool's last hour, oldest bucket first, the last one holding {@code endMillis}; NaN where nothing was recorded.
 *
 * @param bucketMillis the width of one bucket
 */
public record HistorySeries(long endMillis, long bucketMillis, double[] depth, double[] oldestSeconds,
    double[] arrivalRate, double[] completionRate, double[] desired, double[] ready) {

  public int buckets() {
    return depth.length;
  }
}
