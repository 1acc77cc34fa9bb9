package dev.ebb.operator.scaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ebb.api.v1alpha1.QueueFormat;
import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.api.v1alpha1.RedisQueueSpec;
import dev.ebb.redis.RedisProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

class RedisScalersIT {

  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private static RedisProcess redis;
  private static RedisProcess securedRedis;

  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private RedisConnections connections;
  private ScalerRegistry registry;
  private JedisPooled jedis;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.startOnFreePort();
    securedRedis = RedisProcess.onFreePort(List.of("--requirepass", "pa55-word"));
    securedRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
    securedRedis.close();
  }

  @BeforeEach
  void connect() {
    connections = new RedisConnections(Duration.ofMillis(500), 4);
    registry = new ScalerRegistry(connections, clock);
    jedis = new JedisPooled(redis.host(), redis.port());
    jedis.flushAll();
  }

  @AfterEach
  void disconnect() {
    registry.close();
    jedis.close();
  }

  @Test
  void anEbbQueueGivesDepthOldestAgeCountersAndHeartbeats() throws Exception {
    jedis.lpush("ebb:{mailer}:queue", job(NOW.minusSeconds(41)));
    jedis.lpush("ebb:{mailer}:queue", job(NOW.minusSeconds(3)));
    jedis.lpush("ebb:{mailer}:queue", job(NOW.minusSeconds(1)));
    jedis.hset("ebb:{mailer}:stats", Map.of("enqueued", "1207", "completed", "1204", "failed", "2"));
    jedis.zadd("ebb:{mailer}:workers", NOW.minusSeconds(2).toEpochMilli(), "w1");
    jedis.zadd("ebb:{mailer}:workers", NOW.minusSeconds(300).toEpochMilli(), "w2");
    jedis.hset("ebb:{mailer}:worker:w1", Map.of("id", "w1", "pod", "mailer-abc", "state", "running", "busy", "7",
        "concurrency", "10", "procMeanMs", "350.5", "beat", Long.toString(NOW.minusSeconds(2).toEpochMilli())));

    try (QueueScaler scaler = registry.create(ebbQueue("mailer"), Optional.empty())) {
      QueueReading reading = scaler.measure();

      assertThat(reading.depth()).isEqualTo(3);
      assertThat(reading.oldestJobAge()).contains(Duration.ofSeconds(41));
      assertThat(reading.enqueuedTotal()).hasValue(1207);
      assertThat(reading.completedTotal()).hasValue(1204);
      assertThat(reading.readAt()).isEqualTo(NOW);
      assertThat(reading.workers()).hasSize(2);
      WorkerHeartbeat live = reading.workers().stream().filter(w -> w.id().equals("w1")).findFirst().orElseThrow();
      assertThat(live.pod()).isEqualTo("mailer-abc");
      assertThat(live.busy()).isEqualTo(7);
      assertThat(live.concurrency()).isEqualTo(10);
      assertThat(live.meanProcessingMillis()).hasValue(350.5);
      assertThat(live.lastBeat()).isEqualTo(NOW.minusSeconds(2));
      WorkerHeartbeat gone = reading.workers().stream().filter(w -> w.id().equals("w2")).findFirst().orElseThrow();
      assertThat(gone.expired()).isTrue();
      assertThat(gone.lastBeat()).isEqualTo(NOW.minusSeconds(300));
    }
  }

  @Test
  void aWorkerAPeerReclaimedIsReadAsAnExpiredHeartbeatOfItsPodAndTheReadIsBounded() throws Exception {
    jedis.zadd("ebb:{mailer}:workers", NOW.minusSeconds(2).toEpochMilli(), "mailer-abc:1:0a0b0c0d");
    jedis.hset("ebb:{mailer}:worker:mailer-abc:1:0a0b0c0d", Map.of("pod", "mailer-abc", "state", "running",
        "beat", Long.toString(NOW.minusSeconds(2).toEpochMilli())));
    jedis.zadd("ebb:{mailer}:reclaimed", NOW.minusSeconds(90).toEpochMilli(), "mailer-hung:1:0badf00d");
    for (int i = 0; i < RedisEbbScaler.RECLAIMED_READ + 5; i++) {
      jedis.zadd("ebb:{mailer}:reclaimed", NOW.minusSeconds(3_600 + i).toEpochMilli(), "mailer-old" + i + ":1:0");
    }

    try (QueueScaler scaler = registry.create(ebbQueue("mailer"), Optional.empty())) {
      List<WorkerHeartbeat> workers = scaler.measure().workers();

      assertThat(workers).hasSize(1 + RedisEbbScaler.RECLAIMED_READ); // the live one and the newest reclaimed
      WorkerHeartbeat hung = workers.stream().filter(w -> w.id().equals("mailer-hung:1:0badf00d")).findFirst()
          .orElseThrow();
      assertThat(hung.pod()).isEqualTo("mailer-hung");
      assertThat(hung.expired()).isTrue();
      assertThat(hung.lastBeat()).isEqualTo(NOW.minusSeconds(90));
      assertThat(workers).extracting(WorkerHeartbeat::pod).contains("mailer-abc", "mailer-old998")
          .doesNotContain("mailer-old999", "mailer-old1004");
    }
  }

  @Test
  void anEmptyEbbQueueHasNoOldestJob() throws Exception {
    try (QueueScaler scaler = registry.create(ebbQueue("idle"), Optional.empty())) {
      QueueReading reading = scaler.measure();
      assertThat(reading.depth()).isZero();
      assertThat(reading.oldestJobAge()).isEmpty();
      assertThat(reading.enqueuedTotal()).hasValue(0);
      assertThat(reading.workers()).isEmpty();
    }
  }

  @Test
  void aPlainListGivesDepthAndTheAgeFromTheNamedField() throws Exception {
    jedis.lpush("jobs", "{\"ts\": " + NOW.minusSeconds(90).getEpochSecond() + "}");
    jedis.lpush("jobs", "{\"ts\": \"" + NOW.minusSeconds(5) + "\"}");
    QueueSpec queue = listQueue("jobs", "ts");

    try (QueueScaler scaler = registry.create(queue, Optional.empty())) {
      QueueReading reading = scaler.measure();
      assertThat(reading.depth()).isEqualTo(2);
      assertThat(reading.oldestJobAge()).contains(Duration.ofSeconds(90));
    }
    try (QueueScaler depthOnly = registry.create(listQueue("jobs", null), Optional.empty())) {
      assertThat(depthOnly.measure().oldestJobAge()).isEmpty();
    }
  }

  @Test
  void aKeyOfTheWrongTypeIsAProtocolError() {
    jedis.set("ebb:{broken}:queue", "not a list");
    try (QueueScaler scaler = registry.create(ebbQueue("broken"), Optional.empty())) {
      assertThatThrownBy(scaler::measure).isInstanceOfSatisfying(ScalerException.class,
          e -> assertThat(e.kind()).isEqualTo(ScalerException.Kind.PROTOCOL));
    }
  }

  @Test
  void anUnreachableServerIsAFailureNotAnEmptyQueue() {
    RedisProcess gone = RedisProcess.onFreePort();
    QueueSpec queue = new QueueSpec(new RedisQueueSpec(gone.uri(), "mailer"));
    try (QueueScaler scaler = registry.create(queue, Optional.empty())) {
      assertThatThrownBy(scaler::measure).isInstanceOfSatisfying(ScalerException.class, e -> {
        assertThat(e.kind()).isEqualTo(ScalerException.Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("127.0.0.1:" + gone.port()).contains("Failed to connect");
        assertThat(e.publicMessage()).as("what status and Events show: the server and a word, no network detail")
            .isEqualTo("Redis redis://127.0.0.1:" + gone.port() + "/0 cannot be reached (Unreachable)");
      });
    }
  }

  @Test
  void aServerThatNeverAnswersIsATimeoutThatSaysNothingOfWhatItSent() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> clients = new CopyOnWriteArrayList<>(); // held: a collected socket closes, Unreachable
      Thread acceptor = new Thread(() -> {
        try {
          while (!silent.isClosed()) {
            Socket client = silent.accept();
            clients.add(client);
            client.getOutputStream().write("+banner-of-a-hidden-service".getBytes(StandardCharsets.US_ASCII));
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      QueueSpec queue = new QueueSpec(new RedisQueueSpec("redis://127.0.0.1:" + silent.getLocalPort() + "/0",
          "mailer"));
      try (QueueScaler scaler = registry.create(queue, Optional.empty())) {
        assertThatThrownBy(scaler::measure).isInstanceOfSatisfying(ScalerException.class, e -> {
          assertThat(e.kind()).isIn(ScalerException.Kind.TIMEOUT, ScalerException.Kind.PROTOCOL);
          assertThat(e.publicMessage()).doesNotContain("banner").doesNotContain("hidden")
              .endsWith("(" + e.kind().reason() + ")");
        });
      } finally {
        for (Socket client : clients) {
          client.close();
        }
      }
    }
  }

  @Test
  void aPasswordFromTheSecretIsUsedAndAWrongOneIsAnAuthenticationFailure() throws Exception {
    QueueSpec queue = new QueueSpec(new RedisQueueSpec(securedRedis.uri(), "mailer"));
    try (QueueScaler scaler = registry.create(queue, Optional.of("pa55-word"))) {
      assertThat(scaler.measure().depth()).isZero();
    }
    try (QueueScaler scaler = registry.create(queue, Optional.empty())) {
      assertThatThrownBy(scaler::measure).as("no password at all").isInstanceOfSatisfying(ScalerException.class,
          e -> assertThat(e.kind()).isEqualTo(ScalerException.Kind.AUTHENTICATION));
    }
    try (QueueScaler scaler = registry.create(queue, Optional.of("wrong"))) {
      assertThatThrownBy(scaler::measure).isInstanceOfSatisfying(ScalerException.class, e -> {
        assertThat(e.kind()).isEqualTo(ScalerException.Kind.AUTHENTICATION);
        assertThat(e.getMessage()).doesNotContain("wrong").doesNotContain("pa55-word");
      });
    }
  }

  @Test
  void poolsOnTheSameServerShareOneClientThatClosesWithTheLastOfThem() throws Exception {
    QueueScaler a = registry.create(ebbQueue("a"), Optional.empty());
    QueueScaler b = registry.create(ebbQueue("b"), Optional.empty());
    assertThat(connections.openClients()).isEqualTo(1);
    a.close();
    assertThat(connections.openClients()).isEqualTo(1);
    assertThat(b.measure().depth()).isZero();
    b.close();
    assertThat(connections.openClients()).isZero();
  }

  @Test
  void aRedisRestartIsAFailureThenRecovers() throws Exception {
    try (QueueScaler scaler = registry.create(ebbQueue("mailer"), Optional.empty())) {
      assertThat(scaler.measure().depth()).isZero();
      redis.kill();
      assertThatThrownBy(scaler::measure).isInstanceOf(ScalerException.class);
      redis.start();
      try (JedisPooled fresh = new JedisPooled(redis.host(), redis.port())) {
        fresh.lpush("ebb:{mailer}:queue", job(NOW));
      }
      assertThat(scaler.measure().depth()).isEqualTo(1);
    }
  }

  private QueueSpec ebbQueue(String name) {
    return new QueueSpec(new RedisQueueSpec(redis.uri(), name));
  }

  private QueueSpec listQueue(String key, String field) {
    RedisQueueSpec spec = new RedisQueueSpec(redis.uri(), key);
    spec.setFormat(QueueFormat.LIST);
    spec.setEnqueuedAtField(field);
    return new QueueSpec(spec);
  }

  private static String job(Instant enqueuedAt) {
    return "{\"id\":\"" + java.util.UUID.randomUUID() + "\",\"type\":\"demo\",\"payload\":{},\"enqueuedAt\":"
        + enqueuedAt.toEpochMilli() + ",\"attempt\":0,\"maxAttempts\":10}";
  }
}
