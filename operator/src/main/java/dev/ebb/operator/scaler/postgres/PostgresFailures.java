package dev.ebb.operator.scaler.postgres;

import dev.ebb.operator.scaler.ScalerException.Kind;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Which {@link Kind} a failed read of PostgreSQL is: from the SQLSTATE the server or the driver gave, else from the
 * network exception under it. Pure.
 */
final class PostgresFailures {

  /** invalid_authorization_specification, invalid_password, insufficient_privilege. */
  private static final Set<String> AUTHENTICATION = Set.of("28000", "28P01", "42501");
  /**
   * undefined_table, undefined_column, undefined_function, undefined_object, invalid_schema_name, invalid_catalog_name
   * (the database): the format's tables are not there. Also data exceptions, a read-only transaction refusing a write,
   * and a protocol violation: the server answered what the format does not allow.
   */
  private static final Set<String> PROTOCOL = Set.of("42P01", "42703", "42883", "42704", "3F000", "3D000", "25006",
      "08P01");
  /** query_canceled (the statement timeout) */
  private static final Set<String> TIMEOUT = Set.of("57014");

  private PostgresFailures() {
  }

  /** The kind of a failure; {@code pastDeadline} when the poll's deadline closed the connection. */
  static Kind kindOf(Throwable failure, boolean pastDeadline) {
    if (pastDeadline) {
      return Kind.TIMEOUT;
    }
    // The innermost cause that says something wins: a pool timeout wraps the login failure that caused it.
    Kind found = null;
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      Kind kind = direct(t);
      if (kind != null) {
        found = kind;
      }
    }
    if (found == null && failure instanceof SQLTransientConnectionException && failure.getCause() == null) {
      return Kind.TIMEOUT; // the pool waited its timeout for a login that neither finished nor failed
    }
    return found != null ? found : Kind.UNREACHABLE;
  }

  /** Whether a failure means the format's tables or columns are missing (for the log line). */
  static boolean missingTables(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null
          && Set.of("42P01", "42703", "42883", "42704", "3F000").contains(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static Kind direct(Throwable t) {
    if (t instanceof NetworkGuardedSocketFactory.AddressNotAllowed) {
      return Kind.ADDRESS_NOT_ALLOWED;
    }
    if (t instanceof SocketTimeoutException) {
      return Kind.TIMEOUT;
    }
    if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
        || t instanceof SSLException) {
      // a TLS handshake that failed (a certificate not trusted, a name it does not cover) is as good as unreachable
      return Kind.UNREACHABLE;
    }
    if (t instanceof EOFException) {
      return Kind.PROTOCOL; // the peer closed the connection in the middle of the protocol
    }
    if (t instanceof SQLException sql && sql.getSQLState() != null) {
      String state = sql.getSQLState();
      if (AUTHENTICATION.contains(state)) {
        return Kind.AUTHENTICATION;
      }
      if (PROTOCOL.contains(state) || state.startsWith("22")) {
        return Kind.PROTOCOL;
      }
      if (TIMEOUT.contains(state)) {
        return Kind.TIMEOUT;
      }
    }
    return null;
  }
}
