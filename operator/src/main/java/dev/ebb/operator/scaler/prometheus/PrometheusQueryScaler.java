package dev.ebb.operator.scaler.prometheus;

import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaler.ScalerException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads a queue as PromQL says it is: the depth query, then each optional query the pool names (oldest age, running
 * jobs, processing time), one instant query each, in one poll bounded by the poll deadline. Each figure is exactly
 * what its query returns (rounded to whole jobs for the counts); the queries' author owns what they mean. No
 * heartbeats: stale restarts are off for these pools.
 */
final class PrometheusQueryScaler implements QueueScaler {

  /** The largest age or time read: a century. Past it a query's unit is surely wrong (milliseconds, a timestamp). */
  static final double MAX_SECONDS = 100L * 365 * 24 * 3600;

  private final InstantQueries queries;
  private final Queries promql;
  private final Duration pollDeadline;
  private final Clock clock;

  PrometheusQueryScaler(InstantQueries queries, Queries promql, Duration pollDeadline, Clock clock) {
    this.queries = queries;
    this.promql = promql;
    this.pollDeadline = pollDeadline;
    this.clock = clock;
  }

  /** The pool's queries; the optional ones empty when the pool leaves them out. */
  record Queries(String depth, Optional<String> oldestAge, Optional<String> running, Optional<String> processingTime) {
  }

  @Override
  public QueueReading measure() throws ScalerException {
    long deadline = System.nanoTime() + pollDeadline.toNanos();
    Instant readAt = clock.instant();
    queries.checkAddress();
    long depth = count(queries.sample("depthQuery", promql.depth(), deadline), "depthQuery", Long.MAX_VALUE);
    Optional<Duration> oldest = seconds("oldestAgeQuery", promql.oldestAge(), deadline);
    OptionalInt running = OptionalInt.empty();
    if (promql.running().isPresent()) {
      running = OptionalInt.of((int) count(queries.sample("runningQuery", promql.running().get(), deadline),
          "runningQuery", Integer.MAX_VALUE));
    }
    Optional<Duration> processingTime = seconds("processingTimeQuery", promql.processingTime(), deadline);
    return new QueueReading(depth, oldest, OptionalLong.empty(), OptionalLong.empty(), List.of(), running,
        processingTime, QueueReading.Heartbeats.NOT_KEPT, readAt);
  }

  /** A count of jobs: the nearest whole number, never negative. */
  private long count(double value, String field, long max) throws ScalerException {
    if (value < 0 || value > max) {
      throw outOfRange(field, value < 0 ? "is negative" : "is too large for a count of jobs", value);
    }
    return Math.round(value);
  }

  private Optional<Duration> seconds(String field, Optional<String> query, long deadline) throws ScalerException {
    if (query.isEmpty()) {
      return Optional.empty();
    }
    double value = queries.sample(field, query.get(), deadline);
    if (value < 0 || value > MAX_SECONDS) {
      throw outOfRange(field, value < 0 ? "is negative" : "is more than a century: is the unit seconds?", value);
    }
    return Optional.of(Duration.ofNanos(Math.round(value * 1e9)));
  }

  private ScalerException outOfRange(String field, String why, double value) {
    return new PrometheusQueryException(Kind.PROTOCOL, queries.server(), field + " returned a value that " + why,
        "value " + value, null);
  }

  @Override
  public void close() {
    queries.close();
  }
}
