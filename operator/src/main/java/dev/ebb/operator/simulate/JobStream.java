package dev.ebb.operator.simulate;

import java.util.Arrays;
import java.util.Random;

/**
 * Every job of one run, fixed in advance: arrival time and processing time, in arrival order. Both policies see
 * exactly the same jobs, so their figures differ only by how they sized the pool.
 */
public final class JobStream {

  private final double[] arrivals;
  private final double[] processing;

  private JobStream(double[] arrivals, double[] processing) {
    this.arrivals = arrivals;
    this.processing = processing;
  }

  public static JobStream generate(Workload workload, long duration, ProcessingTimes times, long seed) {
    Random random = new Random(seed);
    double[] arrivals = new double[1024];
    int count = 0;
    for (long second = 0; second < duration; second++) {
      long jobs = workload.arrivals(second, duration, random);
      double[] offsets = new double[(int) jobs];
      for (int i = 0; i < offsets.length; i++) {
        offsets[i] = random.nextDouble();
      }
      Arrays.sort(offsets);
      if (count + offsets.length > arrivals.length) {
        arrivals = Arrays.copyOf(arrivals, Math.max(arrivals.length * 2, count + offsets.length));
      }
      for (double offset : offsets) {
        arrivals[count++] = second + offset;
      }
    }
    double[] processing = new double[count];
    Random slow = new Random(seed * 31 + 7);
    for (int i = 0; i < count; i++) {
      java.util.OptionalDouble mean = workload.meanProcessingSeconds((long) arrivals[i]);
      processing[i] = mean.isPresent() ? times.draw(slow, mean.getAsDouble()) : times.draw(slow);
    }
    return new JobStream(Arrays.copyOf(arrivals, count), processing);
  }

  /** A hand-made stream (tests): arrival times in seconds, sorted, and their processing times. */
  static JobStream of(double[] arrivals, double[] processing) {
    if (arrivals.length != processing.length) {
      throw new IllegalArgumentException("one processing time per arrival");
    }
    return new JobStream(arrivals.clone(), processing.clone());
  }

  /** Poisson counts: exact (Knuth) for small means, the normal approximation above 30. */
  static long poisson(double mean, Random random) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    long count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }

  public int size() {
    return arrivals.length;
  }

  public double arrival(int job) {
    return arrivals[job];
  }

  public double processing(int job) {
    return processing[job];
  }

  /** The mean processing time of all jobs, seconds (0 without jobs). */
  double meanProcessing() {
    double sum = 0;
    for (double each : processing) {
      sum += each;
    }
    return processing.length == 0 ? 0 : sum / processing.length;
  }

  /** {@code [s]}: the processing seconds of the jobs that arrive before second s, for s in [0, seconds). */
  double[] workBefore(int seconds) {
    double[] before = new double[seconds];
    int job = 0;
    double sum = 0;
    for (int second = 0; second < seconds; second++) {
      while (job < arrivals.length && arrivals[job] < second) {
        sum += processing[job++];
      }
      before[second] = sum;
    }
    return before;
  }
}
