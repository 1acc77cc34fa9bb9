package dev.ebb.operator.scaler.postgres;

import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaler.ScalerException.Kind;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The one row every PostgreSQL format's query returns: {@code depth} (jobs waiting), and where the format has them
 * {@code oldest_age_seconds} (how long the oldest waiting job has waited, by the server's clock), {@code running} and
 * {@code processing_seconds} (mean time of recent jobs). A missing or unreadable figure is a protocol error; an
 * optional column that is absent or null is a figure the format does not give.
 */
final class JobTableRow {

  static final String DEPTH = "depth";
  static final String OLDEST_AGE = "oldest_age_seconds";
  static final String RUNNING = "running";
  static final String PROCESSING = "processing_seconds";
  /** Longer than any real wait, short enough for a Duration of nanoseconds. */
  private static final double MAX_SECONDS = 100L * 365 * 24 * 3600;

  private JobTableRow() {
  }

  static QueueReading read(ResultSet row, Instant readAt, PostgresReader reader) throws SQLException,
      ScalerException {
    return read(row, readAt, reader, null);
  }

  /** As {@link #read(ResultSet, Instant, PostgresReader)}, counting completions when the query returns them. */
  static QueueReading read(ResultSet row, Instant readAt, PostgresReader reader, Completions completions)
      throws SQLException, ScalerException {
    if (!row.next()) {
      throw reader.failure(Kind.PROTOCOL, "the query returned no row", null);
    }
    Set<String> columns = columns(row.getMetaData());
    if (!columns.contains(DEPTH)) {
      throw reader.failure(Kind.PROTOCOL, "the query returned no column " + DEPTH + " (columns: " + columns + ")",
          null);
    }
    long depth = row.getLong(DEPTH);
    if (row.wasNull() || depth < 0) {
      throw reader.failure(Kind.PROTOCOL, "depth is " + (row.wasNull() ? "null" : depth), null);
    }
    Optional<Duration> oldest = seconds(row, columns, OLDEST_AGE, reader);
    OptionalInt running = OptionalInt.empty();
    if (columns.contains(RUNNING)) {
      long value = row.getLong(RUNNING);
      if (!row.wasNull()) {
        if (value < 0) {
          throw reader.failure(Kind.PROTOCOL, "running is " + value, null);
        }
        running = OptionalInt.of((int) Math.min(Integer.MAX_VALUE, value));
      }
    }
    Optional<Duration> processing = seconds(row, columns, PROCESSING, reader);
    OptionalLong completed = OptionalLong.empty();
    if (completions != null && columns.contains(Completions.FINISHED_SINCE)) {
      completions.record(row.getLong(Completions.FINISHED_SINCE), row.getDouble(Completions.SERVER_NOW));
      completed = completions.total();
    }
    return new QueueReading(depth, depth == 0 ? Optional.empty() : oldest, OptionalLong.empty(), completed,
        List.of(), running, processing, QueueReading.Heartbeats.NOT_KEPT, readAt);
  }

  private static Optional<Duration> seconds(ResultSet row, Set<String> columns, String column, PostgresReader reader)
      throws SQLException, ScalerException {
    if (!columns.contains(column)) {
      return Optional.empty();
    }
    double value = row.getDouble(column);
    if (row.wasNull()) {
      return Optional.empty();
    }
    if (!Double.isFinite(value)) {
      throw reader.failure(Kind.PROTOCOL, column + " is " + value, null);
    }
    double seconds = Math.min(MAX_SECONDS, Math.max(0, value)); // a job scheduled a moment ahead waits 0 s, not less
    return Optional.of(Duration.ofNanos(Math.round(seconds * 1e9)));
  }

  private static Set<String> columns(ResultSetMetaData metaData) throws SQLException {
    Set<String> names = new HashSet<>();
    for (int i = 1; i <= metaData.getColumnCount(); i++) {
      names.add(metaData.getColumnLabel(i).toLowerCase(Locale.ROOT));
    }
    return names;
  }
}
