package dev.ebb.operator.scaler.postgres;

import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Reads Graphile Worker's jobs (the _private_jobs table of graphile-worker 0.16 and later, see docs/formats.md) in one
 * query: waiting jobs are available ({@code is_available}: not locked, attempts left) and due (run_at), the oldest
 * waiting since its run_at; running jobs are locked ones whose lock is younger than the 4 hours after which Graphile
 * Worker takes a lock as abandoned. With a queue name, only that named queue's jobs (a named queue runs one job at a
 * time); without, every job. Graphile Worker deletes a job when it completes, so processing time is left to the
 * estimate.
 */
final class GraphileWorkerScaler implements QueueScaler {

  /** Graphile Worker's own schema name. */
  static final String DEFAULT_SCHEMA = "graphile_worker";

  private static final String FIGURES = """
      SELECT
        count(*) FILTER (WHERE jobs.is_available AND jobs.run_at <= now()) AS depth,
        EXTRACT(EPOCH FROM now() - min(jobs.run_at) FILTER (WHERE jobs.is_available AND jobs.run_at <= now()))::float8
          AS oldest_age_seconds,
        count(*) FILTER (WHERE jobs.locked_at IS NOT NULL AND jobs.locked_at > now() - interval '4 hours') AS running
      FROM %1$s._private_jobs jobs""";
  static final String SQL_ALL = FIGURES;
  static final String SQL_QUEUE = FIGURES + """

      JOIN %1$s._private_job_queues queues ON queues.id = jobs.job_queue_id
      WHERE queues.queue_name = ?""";

  private final JobTableQuery query;

  GraphileWorkerScaler(PostgresReader reader, String schema, Optional<String> queue, Clock clock) {
    this.query = new JobTableQuery(reader, queue.isPresent() ? SQL_QUEUE : SQL_ALL, schema,
        queue.map(List::of).orElse(List.of()), clock);
  }

  @Override
  public synchronized QueueReading measure() throws ScalerException {
    return query.measure();
  }

  @Override
  public void close() {
    query.close();
  }
}
