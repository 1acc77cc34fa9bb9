package dev.ebb.worker.runtime;

import java.util.Arrays;

/**
 * Processing times of the last {@value #WINDOW} finished jobs (successful or not): their mean and 95th percentile,
 * published in the heartbeat ({@code procMeanMs}, {@code procP95Ms}) and used to size fetch batches.
 */
public final class ProcessingTimes {

  static final int WINDOW = 1024;

  private final long[] micros = new long[WINDOW];
  private int next;
  private int count;
  private long sum;

  public synchronized void record(long durationMicros) {
    if (count == WINDOW) {
      sum -= micros[next];
    } else {
      count++;
    }
    micros[next] = durationMicros;
    sum += durationMicros;
    next = (next + 1) % WINDOW;
  }

  /** Mean in microseconds, or -1 when no job finished yet. */
  public synchronized double meanMicros() {
    return count == 0 ? -1 : (double) sum / count;
  }

  /** The 95th percentile in microseconds (nearest rank), or -1 when no job finished yet. */
  public synchronized long p95Micros() {
    if (count == 0) {
      return -1;
    }
    long[] sorted = Arrays.copyOf(micros, count);
    Arrays.sort(sorted);
    return sorted[(int) Math.ceil(0.95 * count) - 1];
  }
}
