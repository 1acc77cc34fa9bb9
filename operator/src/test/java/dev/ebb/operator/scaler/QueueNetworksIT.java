package dev.ebb.operator.scaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.api.v1alpha1.RedisQueueSpec;
import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.redis.RedisProcess;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * {@code EBB_ALLOWED_QUEUE_NETWORKS} judges the address a queue's name resolves to, at connect time: a name that
 * resolves outside the blocks is refused before any packet reaches it (the server counts no connection), and the
 * pool sees one fixed reason, never the address.
 */
class QueueNetworksIT {

  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private static RedisProcess redis;
  private static Jedis admin;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.startOnFreePort();
    admin = new Jedis(redis.host(), redis.port());
  }

  @AfterAll
  static void stopRedis() {
    admin.close();
    redis.close();
  }

  @Test
  void aNameThatResolvesOutsideTheAllowedNetworksIsNeverConnectedTo() throws Exception {
    long before = connectionsReceived();

    ScalerException refused = measureThrough(QueueNetworks.of(List.of("10.0.0.0/8", "fd00::/8")));
    long after = connectionsReceived();

    assertThat(refused.kind()).isEqualTo(ScalerException.Kind.ADDRESS_NOT_ALLOWED);
    assertThat(refused.publicMessage()).isEqualTo("Redis redis://localhost:" + redis.port()
        + "/0 resolves to an address this operator may not connect to (AddressNotAllowed)");
    assertThat(refused.publicMessage()).doesNotContain("127.0.0.1");
    assertThat(refused.getMessage()).as("the log says where it resolved").contains("127.0.0.1");
    assertThat(after - before).as("connections the server received").isZero();
  }

  @Test
  void aNameThatResolvesInsideIsMeasured() throws Exception {
    try (RedisConnections connections = new RedisConnections(TIMEOUT, 2, ReplyLimits.standard(TIMEOUT.multipliedBy(3)),
        QueueNetworks.of(List.of("127.0.0.0/8", "::1/128")));
        QueueScaler scaler = new ScalerRegistry(connections, Clock.systemUTC()).create(queueByName(), Optional.empty())) {
      assertThat(scaler.measure().depth()).isZero();
    }
  }

  private static ScalerException measureThrough(QueueNetworks networks) {
    try (RedisConnections connections = new RedisConnections(TIMEOUT, 2, ReplyLimits.standard(TIMEOUT.multipliedBy(3)),
        networks);
        QueueScaler scaler = new ScalerRegistry(connections, Clock.systemUTC()).create(queueByName(), Optional.empty())) {
      assertThatThrownBy(scaler::measure).isInstanceOf(ScalerException.class);
      try {
        scaler.measure();
        throw new AssertionError("measured through a refused network");
      } catch (ScalerException e) {
        return e;
      }
    }
  }

  /** The server by name, as a pool would write a Service's DNS name. */
  private static QueueSpec queueByName() {
    RedisQueueSpec spec = new RedisQueueSpec("redis://localhost:" + redis.port() + "/0", "mailer");
    QueueSpec queue = new QueueSpec();
    queue.setRedis(spec);
    return queue;
  }

  private static long connectionsReceived() {
    // on one held connection: a new one would count itself
    return admin.info("stats").lines().filter(l -> l.startsWith("total_connections_received:"))
        .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElseThrow();
  }
}
