package dev.ebb.operator.scaler.postgres;

import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import java.time.Clock;
import java.util.List;

/**
 * Reads a GoodJob queue (the good_jobs table of good_job 4.x, see docs/formats.md) in one query, with GoodJob's own
 * scopes: waiting ({@code queued}: not performed, not finished, scheduled_at due), running ({@code running}: performed,
 * not finished); the oldest waits since its scheduled_at (GoodJob sets it to the enqueue time when the job is not
 * scheduled). Processing time is the mean finished_at - performed_at of the queue's last 100 finished jobs (GoodJob
 * sets performed_at when the last execution starts); completions are counted by finished_at ({@link Completions}).
 * Rails writes UTC into {@code timestamp without time zone}.
 */
final class GoodJobScaler implements QueueScaler {

  static final String SQL = """
      SELECT
        count(*) FILTER (WHERE performed_at IS NULL
          AND coalesce(scheduled_at, created_at) <= (now() AT TIME ZONE 'UTC')) AS depth,
        EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC') - min(coalesce(scheduled_at, created_at)) FILTER (
          WHERE performed_at IS NULL AND coalesce(scheduled_at, created_at) <= (now() AT TIME ZONE 'UTC')))::float8
          AS oldest_age_seconds,
        count(*) FILTER (WHERE performed_at IS NOT NULL) AS running,
        (SELECT EXTRACT(EPOCH FROM avg(recent.finished_at - recent.performed_at))::float8 FROM (
           SELECT finished_at, performed_at FROM %1$s.good_jobs
           WHERE finished_at IS NOT NULL AND performed_at IS NOT NULL AND queue_name = ?
           ORDER BY finished_at DESC LIMIT 100
         ) recent) AS processing_seconds,
        (SELECT count(*) FROM %1$s.good_jobs WHERE queue_name = ?
           AND finished_at > (to_timestamp(CAST(? AS float8)) AT TIME ZONE 'UTC')
           AND finished_at <= (now() AT TIME ZONE 'UTC')) AS finished_since,
        EXTRACT(EPOCH FROM now())::float8 AS server_now
      FROM %1$s.good_jobs
      WHERE queue_name = ? AND finished_at IS NULL""";

  private final JobTableQuery query;

  GoodJobScaler(PostgresReader reader, String schema, String queue, Clock clock) {
    this.query = new JobTableQuery(reader, SQL, schema, List.of(queue, queue, JobTableQuery.WATERMARK, queue),
        clock);
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
