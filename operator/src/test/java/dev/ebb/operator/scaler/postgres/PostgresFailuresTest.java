package dev.ebb.operator.scaler.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.ebb.operator.scaler.ScalerException.Kind;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which kind each failure of a PostgreSQL read is, as the driver and the pool report them. */
class PostgresFailuresTest {

  static Stream<Arguments> failures() {
    return Stream.of(
        argumentSet("wrong password", sql("28P01", null), Kind.AUTHENTICATION),
        argumentSet("no such role (pg_hba)", sql("28000", null), Kind.AUTHENTICATION),
        argumentSet("no SELECT on the table", sql("42501", null), Kind.AUTHENTICATION),
        argumentSet("the pool's timeout around a refused login",
            new SQLTransientConnectionException("not available", "28P01", sql("28P01", null)), Kind.AUTHENTICATION),
        argumentSet("missing table", sql("42P01", null), Kind.PROTOCOL),
        argumentSet("missing column", sql("42703", null), Kind.PROTOCOL),
        argumentSet("missing schema", sql("3F000", null), Kind.PROTOCOL),
        argumentSet("missing database", sql("3D000", null), Kind.PROTOCOL),
        argumentSet("a write in the read-only transaction", sql("25006", null), Kind.PROTOCOL),
        argumentSet("a depth that is not a number", sql("22003", null), Kind.PROTOCOL),
        argumentSet("not PostgreSQL on the port", sql("08P01", null), Kind.PROTOCOL),
        argumentSet("the peer hung up mid-protocol", sql("08006", new EOFException()), Kind.PROTOCOL),
        argumentSet("statement timeout", sql("57014", null), Kind.TIMEOUT),
        argumentSet("socket timeout", sql("08006", new SocketTimeoutException("Read timed out")), Kind.TIMEOUT),
        argumentSet("the pool waited for a login that never finished",
            new SQLTransientConnectionException("request timed out after 1000ms"), Kind.TIMEOUT),
        argumentSet("refused", sql("08001", new ConnectException("Connection refused")), Kind.UNREACHABLE),
        argumentSet("the pool's timeout around a refusal", new SQLTransientConnectionException("not available",
            "08001", sql("08001", new ConnectException("Connection refused"))), Kind.UNREACHABLE),
        argumentSet("a certificate not trusted", new SQLTransientConnectionException("not available", "08006",
            sql("08006", new javax.net.ssl.SSLHandshakeException("PKIX path building failed"))), Kind.UNREACHABLE),
        argumentSet("unknown host", sql("08001", new UnknownHostException("db.shop.svc")), Kind.UNREACHABLE),
        argumentSet("too many connections", sql("53300", null), Kind.UNREACHABLE),
        argumentSet("an address outside the networks", sql("08001",
            new NetworkGuardedSocketFactory.AddressNotAllowed("10.1.2.3")), Kind.ADDRESS_NOT_ALLOWED));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void eachFailureHasItsKind(Throwable failure, Kind kind) {
    assertThat(PostgresFailures.kindOf(failure, false)).isEqualTo(kind);
  }

  @Test
  void aConnectionClosedAtThePollDeadlineIsATimeoutWhateverTheDriverSaid() {
    assertThat(PostgresFailures.kindOf(sql("08006", new EOFException()), true)).isEqualTo(Kind.TIMEOUT);
  }

  @Test
  void missingTablesAreNamedForTheLog() {
    assertThat(PostgresFailures.missingTables(new SQLTransientConnectionException("x", "42P01", sql("42P01", null))))
        .isTrue();
    assertThat(PostgresFailures.missingTables(sql("28P01", null))).isFalse();
  }

  private static SQLException sql(String state, Throwable cause) {
    return new SQLException("failure " + state, state, cause);
  }
}
