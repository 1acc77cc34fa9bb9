package dev.ebb.operator.dashboard;

import java.util.Arrays;

/**
 * The last hour of one pool's figures for the charts, in {@link #BUCKETS} buckets of {@link #BUCKET_MILLIS}: a fixed
 * ring of primitive arrays, allocated once, so a pool costs the same whatever its traffic. A bucket keeps the highest
 * depth and oldest age seen in it (a burst between two samples stays visible), the mean of the rates measured in it
 * (a poll's rate covers only the time since the poll before), and the last replica counts.
 *
 * <p>Memory: {@value #BYTES_PER_BUCKET} bytes per bucket, {@link #BYTES} bytes in all (7 arrays of 720 four-byte
 * slots and 2 of one-byte counts, plus their headers): about 21 KB per pool. {@code bench/dashboard.sh} measures the heap of a whole pool
 * (history, decision log, workers) at 1,000 pools.
 */
final class PoolHistory {

  static final int BUCKETS = 720;
  static final long BUCKET_MILLIS = 5_000;
  static final int BYTES_PER_BUCKET = 7 * 4 + 2;
  static final int BYTES = BUCKETS * BYTES_PER_BUCKET + 9 * 16;

  /** The bucket number ({@code epochMillis / BUCKET_MILLIS}) each slot holds; a slot of an older hour is empty. */
  private final int[] bucket = new int[BUCKETS];
  private final float[] depth = new float[BUCKETS];
  private final float[] oldestSeconds = new float[BUCKETS];
  private final float[] arrivalRate = new float[BUCKETS];
  private final float[] completionRate = new float[BUCKETS];
  private final float[] desired = new float[BUCKETS];
  private final float[] ready = new float[BUCKETS];
  /** How many rates each bucket's mean is of (at most 127: more polls in 5 s change the mean too little to count). */
  private final byte[] arrivals = new byte[BUCKETS];
  private final byte[] completions = new byte[BUCKETS];

  PoolHistory() {
    Arrays.fill(bucket, -1);
  }

  /** A poll of the queue; a rate unknown is NaN. */
  synchronized void observed(long atMillis, long depth, double oldestSeconds, double arrivalRate,
      double completionRate) {
    int slot = slot(atMillis);
    this.depth[slot] = max(this.depth[slot], depth);
    this.oldestSeconds[slot] = max(this.oldestSeconds[slot], oldestSeconds);
    this.arrivalRate[slot] = mean(this.arrivalRate[slot], arrivals, slot, arrivalRate);
    this.completionRate[slot] = mean(this.completionRate[slot], completions, slot, completionRate);
  }

  /** The replicas wanted and ready at {@code atMillis}; a count unknown is negative. */
  synchronized void replicas(long atMillis, int desired, int ready) {
    int slot = slot(atMillis);
    if (desired >= 0) {
      this.desired[slot] = desired;
    }
    if (ready >= 0) {
      this.ready[slot] = ready;
    }
  }

  /** The hour that ends in the bucket of {@code nowMillis}, oldest first; NaN where nothing was recorded. */
  synchronized HistorySeries series(long nowMillis) {
    int last = (int) (nowMillis / BUCKET_MILLIS);
    double[][] out = new double[6][BUCKETS];
    for (double[] series : out) {
      Arrays.fill(series, Double.NaN);
    }
    for (int i = 0; i < BUCKETS; i++) {
      int wanted = last - (BUCKETS - 1) + i;
      int slot = Math.floorMod(wanted, BUCKETS);
      if (bucket[slot] != wanted) {
        continue;
      }
      out[0][i] = depth[slot];
      out[1][i] = oldestSeconds[slot];
      out[2][i] = arrivalRate[slot];
      out[3][i] = completionRate[slot];
      out[4][i] = desired[slot];
      out[5][i] = ready[slot];
    }
    return new HistorySeries(nowMillis, BUCKET_MILLIS, out[0], out[1], out[2], out[3], out[4], out[5]);
  }

  /** The slot of the bucket of {@code atMillis}, emptied first when it still holds an older hour's bucket. */
  private int slot(long atMillis) {
    int number = (int) (atMillis / BUCKET_MILLIS);
    int slot = Math.floorMod(number, BUCKETS);
    if (bucket[slot] != number) {
      bucket[slot] = number;
      depth[slot] = Float.NaN;
      oldestSeconds[slot] = Float.NaN;
      arrivalRate[slot] = Float.NaN;
      completionRate[slot] = Float.NaN;
      desired[slot] = Float.NaN;
      ready[slot] = Float.NaN;
      arrivals[slot] = 0;
      completions[slot] = 0;
    }
    return slot;
  }

  /** The bucket's mean with {@code next} in it; a NaN (no rate on that poll) leaves it as it was. */
  private static float mean(float kept, byte[] counts, int slot, double next) {
    if (Double.isNaN(next)) {
      return kept;
    }
    int count = counts[slot];
    if (count < Byte.MAX_VALUE) {
      counts[slot] = (byte) ++count;
    }
    return count == 1 || Float.isNaN(kept) ? (float) next : (float) (kept + (next - kept) / count);
  }

  private static float max(float kept, double next) {
    return Float.isNaN(kept) || next > kept ? (float) next : kept;
  }
}
