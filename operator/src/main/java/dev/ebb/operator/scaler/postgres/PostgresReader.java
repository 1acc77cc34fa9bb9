package dev.ebb.operator.scaler.postgres;

import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaler.ScalerException.Kind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One poll of one queue: the host checked against the allowed networks, a pooled connection, one read-only
 * transaction with {@code SET LOCAL statement_timeout} from the settings, rolled back after; the whole poll bounded by
 * {@link BackendSettings#pollDeadline()} (past it, the connection is aborted). Failures become
 * {@link ScalerException}s of their kind; the server's words go to the detail only.
 */
final class PostgresReader implements AutoCloseable {

  /** What a format reads in the transaction. */
  @FunctionalInterface
  interface Read<T> {
    T apply(Connection connection) throws SQLException, ScalerException;
  }

  private final PostgresConnections.Lease lease;
  private final PostgresServer server;
  private final String format;
  private final BackendSettings settings;
  private final ScheduledExecutorService scheduler;

  PostgresReader(PostgresConnections.Lease lease, PostgresServer server, String format, BackendSettings settings,
      ScheduledExecutorService scheduler) {
    this.lease = lease;
    this.server = server;
    this.format = format;
    this.settings = settings;
    this.scheduler = scheduler;
  }

  <T> T read(Read<T> read) throws ScalerException {
    long deadline = System.nanoTime() + settings.pollDeadline().toNanos();
    refuseOutsideNetworks();
    AtomicBoolean pastDeadline = new AtomicBoolean();
    try (Connection connection = lease.pool().getConnection()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw failure(Kind.TIMEOUT, "the poll deadline passed while waiting for a connection", null);
      }
      ScheduledFuture<?> abort = scheduler.schedule(() -> abort(connection, pastDeadline), left,
          TimeUnit.NANOSECONDS);
      try {
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET LOCAL statement_timeout = " + Math.max(1, settings.timeout().toMillis()));
        }
        return read.apply(connection);
      } finally {
        abort.cancel(false);
        rollbackQuietly(connection);
      }
    } catch (SQLException e) {
      Kind kind = PostgresFailures.kindOf(e, pastDeadline.get());
      String detail = PostgresFailures.missingTables(e) ? "the " + format + " tables or columns are missing: "
          + e.getMessage() : e.getMessage();
      throw failure(kind, detail, e);
    }
  }

  /** A failure of this server and format; public message: the server and format, and the kind. */
  ScalerException failure(Kind kind, String detail, Throwable cause) {
    return new ScalerException(kind, "PostgreSQL", server.address() + " (" + format + ")", detail, cause);
  }

  private void refuseOutsideNetworks() throws ScalerException {
    QueueNetworks networks = settings.networks();
    if (networks.checksNothing()) {
      return;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(server.host());
    } catch (UnknownHostException e) {
      throw failure(Kind.UNREACHABLE, "cannot resolve " + server.host(), e);
    }
    List<InetAddress> outside = networks.outside(addresses);
    if (!outside.isEmpty()) {
      throw failure(Kind.ADDRESS_NOT_ALLOWED, server.host() + " resolves to "
          + outside.stream().map(InetAddress::getHostAddress).toList() + ", outside " + QueueNetworks.SETTING, null);
    }
  }

  private static void abort(Connection connection, AtomicBoolean pastDeadline) {
    pastDeadline.set(true);
    try {
      connection.abort(Runnable::run);
    } catch (SQLException | RuntimeException ignored) {
      // the connection is going away anyway
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      if (!connection.isClosed()) {
        connection.rollback();
      }
    } catch (SQLException ignored) {
      // a broken connection: the pool drops it
    }
  }

  @Override
  public void close() {
    lease.close();
  }
}
