package dev.ebb.operator.scaler;

import dev.ebb.operator.network.QueueNetworks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * One small connection pool per Redis server and credential, shared by every pool whose queue lives there, and
 * closed when the last of them lets go. Every call is bounded by the timeout; the pool is bounded in size; every
 * reply is bounded in size and every poll in time ({@link ReplyLimits}, enforced on the socket by {@link ReplyGuard}).
 */
public final class RedisConnections implements AutoCloseable {

  private final Duration timeout;
  private final int maxConnectionsPerServer;
  private final ReplyLimits limits;
  private final QueueNetworks networks;
  private final Map<Key, Shared> shared = new HashMap<>();

  public RedisConnections(Duration timeout, int maxConnectionsPerServer) {
    this(timeout, maxConnectionsPerServer, ReplyLimits.standard(timeout.multipliedBy(3)));
  }

  public RedisConnections(Duration timeout, int maxConnectionsPerServer, ReplyLimits limits) {
    this(timeout, maxConnectionsPerServer, limits, QueueNetworks.anywhere());
  }

  /** @param networks where queue servers may be: checked on the resolved address at every connect */
  public RedisConnections(Duration timeout, int maxConnectionsPerServer, ReplyLimits limits, QueueNetworks networks) {
    this.timeout = timeout;
    this.maxConnectionsPerServer = maxConnectionsPerServer;
    this.limits = limits;
    this.networks = networks;
  }

  /** The limits every reply and poll is held to. */
  public ReplyLimits limits() {
    return limits;
  }

  /** A lease on the shared client for this server; close the lease to let go. */
  public synchronized Lease acquire(RedisEndpoint endpoint, Optional<String> password) {
    Key key = new Key(endpoint, password.map(RedisConnections::digest).orElse(""));
    Shared entry = shared.computeIfAbsent(key, k -> new Shared(open(endpoint, password)));
    entry.users++;
    return new Lease(this, key, entry.client);
  }

  public synchronized int openClients() {
    return shared.size();
  }

  @Override
  public synchronized void close() {
    shared.values().forEach(entry -> entry.client.close());
    shared.clear();
  }

  private synchronized void release(Key key) {
    Shared entry = shared.get(key);
    if (entry != null && --entry.users == 0) {
      shared.remove(key);
      entry.client.close();
    }
  }

  private JedisPooled open(RedisEndpoint endpoint, Optional<String> password) {
    int millis = (int) timeout.toMillis();
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(millis)
        .socketTimeoutMillis(millis)
        .database(endpoint.database())
        .ssl(endpoint.tls())
        .clientName("ebb-operator");
    password.ifPresent(config::password);
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(maxConnectionsPerServer);
    pool.setMaxIdle(maxConnectionsPerServer);
    pool.setMinIdle(0);
    pool.setMaxWait(timeout);
    // no PING on borrow: it would hide a refused password inside the pool's validation error. A connection that
    // died with a Redis restart is dropped by the pool when it fails, and the scalers retry once (RedisFailures).
    pool.setTestOnBorrow(false);
    DefaultJedisClientConfig clientConfig = config.build();
    return new JedisPooled(pool, new GuardedSocketFactory(new HostAndPort(endpoint.host(), endpoint.port()),
        clientConfig, limits, networks), clientConfig);
  }

  private static String digest(String secret) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Servers are told apart by address and a digest of the password, so the password itself is never a map key. */
  private record Key(RedisEndpoint endpoint, String passwordDigest) {
  }

  private static final class Shared {
    private final JedisPooled client;
    private int users;

    private Shared(JedisPooled client) {
      this.client = client;
    }
  }

  /** A user's hold on a shared client. */
  public static final class Lease implements AutoCloseable {
    private final RedisConnections owner;
    private final Key key;
    private final JedisPooled client;
    private boolean closed;

    private Lease(RedisConnections owner, Key key, JedisPooled client) {
      this.owner = owner;
      this.key = key;
      this.client = client;
    }

    public JedisPooled client() {
      return client;
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
