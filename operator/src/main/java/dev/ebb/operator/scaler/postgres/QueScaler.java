package dev.ebb.operator.scaler.postgres;

import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import java.time.Clock;
import java.util.List;

/**
 * Reads a que queue (the que_jobs table of que 2.x, schema version 7, see docs/formats.md) in one query, the way que's
 * own {@code job_stats} does: a que worker holds a session advisory lock on the id of the job it works
 * ({@code pg_try_advisory_lock(id)}), so running jobs are the queue's unfinished, unexpired jobs with such a lock in
 * this database, and waiting jobs are the others whose run_at is due; the oldest waits since its run_at. que keeps no
 * start time, so processing time is left to the estimate.
 */
final class QueScaler implements QueueScaler {

  static final String SQL = """
      SELECT
        count(*) FILTER (WHERE locks.id IS NULL AND jobs.run_at <= now()) AS depth,
        EXTRACT(EPOCH FROM now() - min(jobs.run_at) FILTER (WHERE locks.id IS NULL AND jobs.run_at <= now()))::float8
          AS oldest_age_seconds,
        count(locks.id) AS running
      FROM %1$s.que_jobs jobs
      LEFT JOIN (
        SELECT DISTINCT (classid::bigint << 32) + objid::bigint AS id
        FROM pg_locks
        WHERE locktype = 'advisory' AND objsubid = 1 AND granted
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
      ) locks ON locks.id = jobs.id
      WHERE jobs.queue = ? AND jobs.finished_at IS NULL AND jobs.expired_at IS NULL""";

  private final JobTableQuery query;

  QueScaler(PostgresReader reader, String schema, String queue, Clock clock) {
    this.query = new JobTableQuery(reader, SQL, schema, List.of(queue), clock);
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
