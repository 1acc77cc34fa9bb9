package dev.ebb.operator.scaler.postgres;

import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import java.time.Clock;
import java.util.List;

/**
 * Reads a Solid Queue queue (the tables of solid_queue 1.x, see docs/formats.md) in one query: jobs waiting are its
 * ready executions plus its scheduled executions already due (the dispatcher moves those next); the oldest waits since
 * its ready execution was created (or since it was due); running jobs are the claimed executions of the queue's jobs.
 * Solid Queue forgets when a finished job started (the claimed execution is deleted), so processing time is left to
 * the estimate, from the completions counted by the jobs' finished_at ({@link Completions}; Solid Queue keeps finished
 * jobs unless preserve_finished_jobs is off). Rails writes UTC into {@code timestamp without time zone}: ages are
 * taken against the server's UTC.
 */
final class SolidQueueScaler implements QueueScaler {

  static final String SQL = """
      SELECT
        (SELECT count(*) FROM %1$s.solid_queue_ready_executions WHERE queue_name = ?)
          + (SELECT count(*) FROM %1$s.solid_queue_scheduled_executions
             WHERE queue_name = ? AND scheduled_at <= (now() AT TIME ZONE 'UTC')) AS depth,
        EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC') - LEAST(
          (SELECT min(created_at) FROM %1$s.solid_queue_ready_executions WHERE queue_name = ?),
          (SELECT min(scheduled_at) FROM %1$s.solid_queue_scheduled_executions
           WHERE queue_name = ? AND scheduled_at <= (now() AT TIME ZONE 'UTC'))))::float8 AS oldest_age_seconds,
        (SELECT count(*) FROM %1$s.solid_queue_claimed_executions c
           JOIN %1$s.solid_queue_jobs j ON j.id = c.job_id WHERE j.queue_name = ?) AS running,
        (SELECT count(*) FROM %1$s.solid_queue_jobs WHERE queue_name = ?
           AND finished_at > (to_timestamp(CAST(? AS float8)) AT TIME ZONE 'UTC')
           AND finished_at <= (now() AT TIME ZONE 'UTC')) AS finished_since,
        EXTRACT(EPOCH FROM now())::float8 AS server_now""";

  private final JobTableQuery query;

  SolidQueueScaler(PostgresReader reader, String schema, String queue, Clock clock) {
    this.query = new JobTableQuery(reader, SQL, schema,
        List.of(queue, queue, queue, queue, queue, queue, JobTableQuery.WATERMARK), clock);
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
