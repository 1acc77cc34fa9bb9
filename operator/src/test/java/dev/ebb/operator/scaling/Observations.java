package dev.ebb.operator.scaling;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** A small builder of {@link QueueObservation}s for tests: an empty, idle queue unless told otherwise. */
final class Observations {

  private long depth;
  private Duration oldest = Duration.ZERO;
  private OptionalDouble arrivalRate = OptionalDouble.of(0);
  private int busyWorkers;
  private int runningJobs;
  private OptionalInt concurrency = OptionalInt.empty();
  private Optional<Duration> processingTime = Optional.empty();

  static Observations queue(long depth) {
    Observations builder = new Observations();
    builder.depth = depth;
    return builder;
  }

  Observations oldest(Duration age) {
    this.oldest = age;
    return this;
  }

  Observations oldestSeconds(long seconds) {
    return oldest(Duration.ofSeconds(seconds));
  }

  Observations arrivals(double jobsPerSecond) {
    this.arrivalRate = OptionalDouble.of(jobsPerSecond);
    return this;
  }

  Observations arrivalsUnknown() {
    this.arrivalRate = OptionalDouble.empty();
    return this;
  }

  Observations busy(int workers, int jobs) {
    this.busyWorkers = workers;
    this.runningJobs = jobs;
    return this;
  }

  Observations concurrency(int perWorker) {
    this.concurrency = OptionalInt.of(perWorker);
    return this;
  }

  Observations millisPerJob(long millis) {
    this.processingTime = Optional.of(Duration.ofMillis(millis));
    return this;
  }

  QueueObservation build() {
    return new QueueObservation(depth, oldest, arrivalRate, arrivalRate, busyWorkers, runningJobs, concurrency,
        processingTime);
  }
}
