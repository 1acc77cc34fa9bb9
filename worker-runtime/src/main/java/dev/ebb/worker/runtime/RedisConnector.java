package dev.ebb.worker.runtime;

import dev.ebb.worker.config.RedisAddress;
import java.time.Duration;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * Builds the pooled Jedis client: one connection per processor (a blocking {@code BLMOVE} holds its connection while
 * it waits) plus a few for the heartbeat, poller, reclaimer and ack flushes. A broken connection is dropped from the
 * pool by Jedis, so the next call reconnects; callers add the backoff.
 */
public final class RedisConnector {

  private RedisConnector() {
  }

  public static RedisClient connect(RedisAddress address, int connections, Duration blockTimeout, String clientName) {
    int socketTimeout = (int) Math.max(2_000, blockTimeout.toMillis() + 2_000);
    DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(2_000)
        .socketTimeoutMillis(socketTimeout)
        .database(address.database())
        .ssl(address.tls())
        .clientName(clientName);
    if (address.user() != null) {
      client.user(address.user());
    }
    if (address.password() != null) {
      client.password(address.password());
    }
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(connections);
    pool.setMaxIdle(connections);
    pool.setMinIdle(0);
    pool.setMaxWait(Duration.ofSeconds(5));
    pool.setJmxEnabled(false);
    return RedisClient.builder()
        .hostAndPort(new HostAndPort(address.host(), address.port()))
        .clientConfig(client.build())
        .poolConfig(pool)
        .build();
  }
}
