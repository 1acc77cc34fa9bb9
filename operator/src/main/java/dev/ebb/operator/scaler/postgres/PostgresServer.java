package dev.ebb.operator.scaler.postgres;

import dev.ebb.api.v1alpha1.PostgresQueueSpec;
import dev.ebb.api.v1alpha1.PostgresSslMode;
import dev.ebb.operator.scaler.Credentials;
import java.util.Optional;

/**
 * A server, database and role as one pool names them, with the credential values: what one shared connection pool
 * is for. {@link #toString()} leaves the credentials out.
 */
record PostgresServer(String host, int port, String database, String user, Optional<String> password,
    PostgresSslMode sslMode, Optional<String> caPem) {

  static PostgresServer of(PostgresQueueSpec block, Credentials credentials) {
    String user = block.getUser() != null ? block.getUser() : credentials.get("userFrom").orElse("");
    return new PostgresServer(block.getHost(), block.getPort(), block.getDatabase(), user,
        credentials.get("passwordFrom"), block.getSslMode() == null ? PostgresSslMode.REQUIRE : block.getSslMode(),
        credentials.get("caFrom"));
  }

  /** host:port/database, as messages name the server. */
  String address() {
    return host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "PostgresServer[" + address() + ", " + sslMode.value() + "]";
  }
}
