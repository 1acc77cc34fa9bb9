package dev.ebb.operator.scaler.postgres;

import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.ScalerException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/** A format's query: the SQL with its schema in place, run with the queue name bound, read as a {@link JobTableRow}. */
final class JobTableQuery {

  /** The parameter that binds {@link Completions#watermark()}. */
  static final String WATERMARK = "\0watermark";

  private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,62}$");

  private final PostgresReader reader;
  private final String sql;
  private final List<String> parameters;
  private final Clock clock;
  private final Completions completions = new Completions();

  /**
   * @param sql the format's query, {@code %1$s} where the schema goes
   * @param schema an SQL identifier (the CRD's pattern), quoted here
   * @param parameters bound to the query's placeholders in order; {@link #WATERMARK} binds the completion counter's
   *     watermark (epoch seconds of the previous poll, or null)
   */
  JobTableQuery(PostgresReader reader, String sql, String schema, List<String> parameters, Clock clock) {
    this.reader = reader;
    this.sql = String.format(sql, quote(schema));
    this.parameters = List.copyOf(parameters);
    this.clock = clock;
  }

  QueueReading measure() throws ScalerException {
    return reader.read(connection -> {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = 0; i < parameters.size(); i++) {
          if (WATERMARK.equals(parameters.get(i))) {
            statement.setObject(i + 1, completions.watermark(), java.sql.Types.DOUBLE);
          } else {
            statement.setString(i + 1, parameters.get(i));
          }
        }
        try (ResultSet row = statement.executeQuery()) {
          return JobTableRow.read(row, clock.instant(), reader, completions);
        }
      }
    });
  }

  String sql() {
    return sql;
  }

  static String quote(String schema) {
    if (!IDENTIFIER.matcher(schema).matches()) {
      throw new IllegalArgumentException("not a plain SQL identifier: " + schema);
    }
    return "\"" + schema + "\"";
  }

  void close() {
    reader.close();
  }
}
