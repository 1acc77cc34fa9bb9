package dev.ebb.worker.runtime;

/**
 * How many jobs a processor fetches in one round trip. Quick jobs are fetched in batches (up to {@code maxBatch}) so
 * that a batch takes about {@link #BUDGET_MICROS} to run; slow jobs, or jobs of unknown duration, one at a time, so a
 * worker never sits on jobs that other workers could start. A batch is acknowledged together, so the budget also
 * bounds how long a finished job waits for its ack.
 */
public final class FetchBatchSize {

  /** Target run time of one batch: 20 ms. */
  public static final long BUDGET_MICROS = 20_000;

  private FetchBatchSize() {
  }

  /**
   * @param meanMicros mean processing time of recent jobs, or a negative number when none finished yet
   */
  public static int next(double meanMicros, int maxBatch) {
    if (meanMicros < 0 || maxBatch <= 1) {
      return 1;
    }
    double fits = BUDGET_MICROS / Math.max(meanMicros, 1.0);
    return (int) Math.max(1, Math.min(maxBatch, Math.floor(fits)));
  }
}
