package dev.ebb.operator.scaler.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ebb.api.v1alpha1.PostgresSslMode;
import dev.ebb.operator.scaler.BackendSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One small connection pool (HikariCP over the PostgreSQL JDBC driver) per server, database and credential, shared by
 * every pool whose queue lives there and closed when the last of them lets go. Connections open lazily, at most
 * {@link BackendSettings#connectionsPerServer()}; every connect, login and socket read is bounded by the timeout, and
 * every socket refuses addresses outside the allowed networks ({@link NetworkGuardedSocketFactory}).
 */
final class PostgresConnections implements AutoCloseable {

  /** The most a reply may hold: one row of figures, or the first row of a pool's own query. */
  static final String MAX_RESULT_BUFFER = "1M";

  private final BackendSettings settings;
  private final String networksId;
  private final ScheduledExecutorService scheduler;
  private final Map<Key, Shared> shared = new HashMap<>();

  PostgresConnections(BackendSettings settings, String networksId, ScheduledExecutorService scheduler) {
    this.settings = settings;
    this.networksId = networksId;
    this.scheduler = scheduler;
  }

  /** A lease on the shared pool for this server; close it to let go. */
  synchronized Lease acquire(PostgresServer server, String credentialFingerprint) {
    Key key = new Key(server.host(), server.port(), server.database(), server.user(), server.sslMode(),
        credentialFingerprint);
    Shared entry = shared.computeIfAbsent(key, k -> new Shared(open(server)));
    entry.users++;
    return new Lease(this, key, entry.pool);
  }

  synchronized int openPools() {
    return shared.size();
  }

  @Override
  public synchronized void close() {
    shared.values().forEach(entry -> entry.pool.close());
    shared.clear();
  }

  private synchronized void release(Key key) {
    Shared entry = shared.get(key);
    if (entry != null && --entry.users == 0) {
      shared.remove(key);
      entry.pool.close();
    }
  }

  private HikariDataSource open(PostgresServer server) {
    int seconds = (int) Math.max(1, (settings.timeout().toMillis() + 999) / 1000);
    PGSimpleDataSource driver = new PGSimpleDataSource();
    driver.setServerNames(new String[] {server.host()});
    driver.setPortNumbers(new int[] {server.port()});
    driver.setDatabaseName(server.database());
    driver.setUser(server.user());
    server.password().ifPresent(driver::setPassword);
    driver.setConnectTimeout(seconds);
    driver.setLoginTimeout(seconds);
    driver.setSocketTimeout(seconds);
    driver.setSocketFactory(NetworkGuardedSocketFactory.class.getName());
    driver.setSocketFactoryArg(networksId);
    driver.setApplicationName("ebb-operator");
    driver.setGssEncMode("disable");
    driver.setPrepareThreshold(0); // no named server-side statements: safe behind PgBouncer's transaction pooling
    driver.setMaxResultBuffer(MAX_RESULT_BUFFER);
    driver.setSslMode(server.sslMode().value());
    if (server.sslMode() == PostgresSslMode.REQUIRE) {
      driver.setSslfactory("org.postgresql.ssl.NonValidatingFactory");
    } else if (server.sslMode() == PostgresSslMode.VERIFY_FULL) {
      if (server.caPem().isPresent()) {
        driver.setSslfactory("org.postgresql.ssl.SingleCertValidatingFactory");
        driver.setSslfactoryarg(server.caPem().get().strip());
      } else {
        driver.setSslfactory("org.postgresql.ssl.DefaultJavaSSLFactory");
      }
    }
    HikariConfig config = new HikariConfig();
    config.setDataSource(driver);
    config.setPoolName("ebb-postgres-" + server.address());
    config.setMaximumPoolSize(Math.max(1, settings.connectionsPerServer()));
    config.setMinimumIdle(0);
    config.setConnectionTimeout(Math.max(250, settings.timeout().toMillis()));
    config.setValidationTimeout(Math.max(250, settings.timeout().toMillis()));
    config.setIdleTimeout(Duration.ofMinutes(2).toMillis());
    config.setMaxLifetime(Duration.ofMinutes(30).toMillis());
    config.setInitializationFailTimeout(-1); // open lazily: a pool for an unreachable server starts empty
    config.setReadOnly(true);
    config.setAutoCommit(false);
    config.setScheduledExecutor(scheduler);
    return new HikariDataSource(config);
  }

  /** The pools' identity: the credential only by its fingerprint. */
  private record Key(String host, int port, String database, String user, PostgresSslMode sslMode,
      String credentials) {
  }

  private static final class Shared {
    private final HikariDataSource pool;
    private int users;

    Shared(HikariDataSource pool) {
      this.pool = pool;
    }
  }

  /** One scaler's share of a pool. */
  static final class Lease implements AutoCloseable {
    private final PostgresConnections owner;
    private final Key key;
    private final DataSource pool;
    private boolean closed;

    private Lease(PostgresConnections owner, Key key, DataSource pool) {
      this.owner = owner;
      this.key = key;
      this.pool = pool;
    }

    DataSource pool() {
      return pool;
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        owner.release(key);
      }
    }
  }
}
