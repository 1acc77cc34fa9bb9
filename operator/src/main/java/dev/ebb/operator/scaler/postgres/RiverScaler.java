package dev.ebb.operator.scaler.postgres;

import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import java.time.Clock;
import java.util.List;

/**
 * Reads a River queue (the river_job table of river 0.2x-0.4x, migration 6, see docs/formats.md) in one query: waiting
 * jobs are those {@code available}, {@code scheduled} or {@code retryable} whose scheduled_at is due (River's scheduler
 * makes the last two available), the oldest waiting since its scheduled_at; running jobs are those {@code running}.
 * Processing time is the mean finalized_at - attempted_at of the queue's last 100 completed jobs; completions
 * (completed, discarded or cancelled) are counted by finalized_at ({@link Completions}).
 */
final class RiverScaler implements QueueScaler {

  static final String SQL = """
      SELECT
        count(*) FILTER (WHERE state <> 'running' AND scheduled_at <= now()) AS depth,
        EXTRACT(EPOCH FROM now() - min(scheduled_at) FILTER (
          WHERE state <> 'running' AND scheduled_at <= now()))::float8 AS oldest_age_seconds,
        count(*) FILTER (WHERE state = 'running') AS running,
        (SELECT EXTRACT(EPOCH FROM avg(recent.finalized_at - recent.attempted_at))::float8 FROM (
           SELECT finalized_at, attempted_at FROM %1$s.river_job
           WHERE state = 'completed' AND finalized_at IS NOT NULL AND attempted_at IS NOT NULL AND queue = ?
           ORDER BY finalized_at DESC LIMIT 100
         ) recent) AS processing_seconds,
        (SELECT count(*) FROM %1$s.river_job WHERE state IN ('completed', 'discarded', 'cancelled') AND queue = ?
           AND finalized_at > to_timestamp(CAST(? AS float8)) AND finalized_at <= now()) AS finished_since,
        EXTRACT(EPOCH FROM now())::float8 AS server_now
      FROM %1$s.river_job
      WHERE queue = ? AND state IN ('available', 'scheduled', 'retryable', 'running')""";

  private final JobTableQuery query;

  RiverScaler(PostgresReader reader, String schema, String queue, Clock clock) {
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
