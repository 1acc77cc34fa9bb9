package dev.ebb.operator.scaler.postgres;

import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;

/**
 * Runs a pool's own query (format sql): in the read-only transaction {@link PostgresReader} opens, with its statement
 * timeout, at most one row fetched and that row bounded in size by the driver; the row's {@code depth} and optional
 * {@code oldest_age_seconds}, {@code running} and {@code processing_seconds} are the reading. A query that writes is
 * refused by the server (read-only transaction) and is a protocol error.
 */
final class SqlQueryScaler implements QueueScaler {

  private final PostgresReader reader;
  private final String query;
  private final Clock clock;

  SqlQueryScaler(PostgresReader reader, String query, Clock clock) {
    this.reader = reader;
    this.query = stripTrailingSemicolon(query);
    this.clock = clock;
  }

  @Override
  public synchronized QueueReading measure() throws ScalerException {
    return reader.read(connection -> {
      try (Statement statement = connection.createStatement()) {
        statement.setMaxRows(1);
        try (ResultSet row = statement.executeQuery(query)) {
          return JobTableRow.read(row, clock.instant(), reader);
        }
      }
    });
  }

  static String stripTrailingSemicolon(String query) {
    String stripped = query.strip();
    return stripped.endsWith(";") ? stripped.substring(0, stripped.length() - 1) : stripped;
  }

  @Override
  public void close() {
    reader.close();
  }
}
