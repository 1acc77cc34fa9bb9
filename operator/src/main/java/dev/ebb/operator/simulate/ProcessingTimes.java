package dev.ebb.operator.simulate;

import java.time.Duration;
import java.util.Random;

/**
 * Log-normal processing times with a given mean: most jobs near the mean, a long tail of slow ones, as job
 * durations usually are. {@code sigma} is the standard deviation of the underlying normal (0.5: p99 about 2.6x the
 * median).
 */
public record ProcessingTimes(Duration mean, double sigma) {

  public ProcessingTimes {
    if (mean.isNegative() || mean.isZero()) {
      throw new IllegalArgumentException("the mean processing time must be positive");
    }
    if (sigma < 0) {
      throw new IllegalArgumentException("sigma must not be negative");
    }
  }

  /** One processing time in seconds. */
  public double draw(Random random) {
    return draw(random, mean.toNanos() / 1e9);
  }

  /** One processing time in seconds, log-normal with this sigma around {@code meanSeconds}. */
  public double draw(Random random, double meanSeconds) {
    double mu = Math.log(meanSeconds) - sigma * sigma / 2;
    return Math.exp(mu + sigma * random.nextGaussian());
  }
}
