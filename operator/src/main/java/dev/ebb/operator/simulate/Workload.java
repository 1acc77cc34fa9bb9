package dev.ebb.operator.simulate;

import java.util.OptionalDouble;
import java.util.Random;

/**
 * A synthetic arrival pattern over a run of {@code duration} seconds: a Poisson background with a time-varying
 * rate, plus optional batches of jobs enqueued at once. Shapes are laid out as fractions of the duration, so a
 * shorter or longer run keeps the same story.
 */
public interface Workload {

  String name();

  /** One line for the report. */
  String description();

  /** Mean background arrivals per second during second {@code second}. */
  double rate(long second, long duration);

  /** Jobs enqueued at once (a batch) during second {@code second}; drawn from {@code random}. */
  default long batch(long second, long duration, Random random) {
    return 0;
  }

  /** Jobs arriving during second {@code second}: Poisson around {@link #rate}, plus the {@link #batch}. */
  default long arrivals(long second, long duration, Random random) {
    return JobStream.poisson(rate(second, duration), random) + batch(second, duration, random);
  }

  /** The mean processing time of the jobs arriving in {@code second}, seconds; empty: the run's setting. */
  default OptionalDouble meanProcessingSeconds(long second) {
    return OptionalDouble.empty();
  }
}
