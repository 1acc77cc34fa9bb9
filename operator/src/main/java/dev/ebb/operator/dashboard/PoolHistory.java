package dev.ebb.operator.dashboard;

import java.util.Arrays;

/**
 * The last hour of one pool's figures for the charts, in {@link #BUCKETS} buckets of {@link #BUCKET_MILLIS}: a fixed
 * ring of primitive arrays, allocated once, so a pool costs the same whatever its traffic. A bucket keeps the highest
 * depth and oldest age seen in it (a burst between two samples stays visible), the mean of the rates measured in it
 * (a poll's rate covers only the time since the poll before), and the last replica counts.
 *
 * <p>Memory: {@value #BYTES_PER_BUCKET} bytes per bucket (four four-byte figures, two two-byte replica counts, two
 * one-byte rate counts), {@link #BYTES} bytes in all with the array headers: about 8 KB per pool, so that 5,000 pools
 * hold 40 MB of charts. Ten-second buckets draw an hour in 360 points, as many as a chart this wide shows.
 * {@code bench/dashboard.sh} measures the heap of a whole pool (history, decision log, workers) at 1,000 pools.
 */
final class PoolHistory {

  static final int BUCKETS = 360;
  static final long BUCKET_MILLIS = 10_000;
  static final int BYTES_PER_BUCKET = 4 * 4 + 2 * 2 + 2;
  static final int BYTES = BUCKETS * BYTES_PER_BUCKET + 8 * 16;

  private static final short UNKNOWN = -1;

  /** The newest bucket number ({@code epochMillis / BUCKET_MILLIS}) written: the ring holds the hour up to it. */
  private long newest = Long.MIN_VALUE;
  private final float[] depth = new float[BUCKETS];
  private final float[] oldestSeconds = new float[BUCKETS];
  private final float[] arrivalRate = new float[BUCKETS];
  private final float[] completionRate = new float[BUCKETS];
  /** Replica counts, {@link #UNKNOWN} where none was recorded (a pool has far fewer than 32,767 replicas). */
  private final short[] desired = new short[BUCKETS];
  private final short[] ready = new short[BUCKETS];
  /** How many rates each bucket's mean is of (at most 127: more polls in a bucket change the mean too little). */
  private final byte[] arrivals = new byte[BUCKETS];
  private final byte[] completions = new byte[BUCKETS];

  /** A poll of the queue; a rate unknown is NaN. */
  synchronized void observed(long atMillis, long depth, double oldestSeconds, double arrivalRate,
      double completionRate) {
    int slot = slot(atMillis);
    if (slot < 0) {
      return;
    }
    this.depth[slot] = max(this.depth[slot], depth);
    this.oldestSeconds[slot] = max(this.oldestSeconds[slot], oldestSeconds);
    this.arrivalRate[slot] = mean(this.arrivalRate[slot], arrivals, slot, arrivalRate);
    this.completionRate[slot] = mean(this.completionRate[slot], completions, slot, completionRate);
  }

  /** The replicas wanted and ready at {@code atMillis}; a count unknown is negative. */
  synchronized void replicas(long atMillis, int desired, int ready) {
    int slot = slot(atMillis);
    if (slot < 0) {
      return;
    }
    if (desired >= 0) {
      this.desired[slot] = (short) Math.min(desired, Short.MAX_VALUE);
    }
    if (ready >= 0) {
      this.ready[slot] = (short) Math.min(ready, Short.MAX_VALUE);
    }
  }

  /** The hour that ends in the bucket of {@code nowMillis}, oldest first; NaN where nothing was recorded. */
  synchronized HistorySeries series(long nowMillis) {
    long last = nowMillis / BUCKET_MILLIS;
    double[][] out = new double[6][BUCKETS];
    for (double[] series : out) {
      Arrays.fill(series, Double.NaN);
    }
    for (int i = 0; i < BUCKETS; i++) {
      long wanted = last - (BUCKETS - 1) + i;
      if (!held(wanted)) {
        continue;
      }
      int slot = (int) Math.floorMod(wanted, (long) BUCKETS);
      out[0][i] = depth[slot];
      out[1][i] = oldestSeconds[slot];
      out[2][i] = arrivalRate[slot];
      out[3][i] = completionRate[slot];
      out[4][i] = desired[slot] == UNKNOWN ? Double.NaN : desired[slot];
      out[5][i] = ready[slot] == UNKNOWN ? Double.NaN : ready[slot];
    }
    return new HistorySeries(nowMillis, BUCKET_MILLIS, out[0], out[1], out[2], out[3], out[4], out[5]);
  }

  /** Whether the ring holds bucket {@code number}: one of the hour up to the newest written. */
  private boolean held(long number) {
    return newest != Long.MIN_VALUE && number <= newest && number > newest - BUCKETS;
  }

  /**
   * The slot of the bucket of {@code atMillis}; a newer bucket first empties the slots of the buckets it passes (an
   * hour's at most). -1 for a time more than an hour before the newest bucket.
   */
  private int slot(long atMillis) {
    long number = atMillis / BUCKET_MILLIS;
    if (newest == Long.MIN_VALUE || number > newest) {
      long from = newest == Long.MIN_VALUE ? number - BUCKETS + 1 : Math.max(newest + 1, number - BUCKETS + 1);
      for (long emptied = from; emptied <= number; emptied++) {
        empty((int) Math.floorMod(emptied, (long) BUCKETS));
      }
      newest = number;
    } else if (!held(number)) {
      return -1;
    }
    return (int) Math.floorMod(number, (long) BUCKETS);
  }

  private void empty(int slot) {
    depth[slot] = Float.NaN;
    oldestSeconds[slot] = Float.NaN;
    arrivalRate[slot] = Float.NaN;
    completionRate[slot] = Float.NaN;
    desired[slot] = UNKNOWN;
    ready[slot] = UNKNOWN;
    arrivals[slot] = 0;
    completions[slot] = 0;
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
