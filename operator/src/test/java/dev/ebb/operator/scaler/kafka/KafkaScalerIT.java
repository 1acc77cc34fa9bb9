package dev.ebb.operator.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ebb.api.v1alpha1.KafkaOffsetReset;
import dev.ebb.api.v1alpha1.KafkaQueueSpec;
import dev.ebb.api.v1alpha1.KafkaSaslMechanism;
import dev.ebb.api.v1alpha1.KafkaSaslSpec;
import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka scaler against a real broker (KRaft, {@link KafkaBroker}): records written by Kafka's producer with known
 * timestamps, offsets committed by Kafka's consumer in a group, and the lag, oldest age, counters and partition cap
 * read back exactly; then each way a poll fails, with its own kind.
 */
class KafkaScalerIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  /** The scaler's clock: record timestamps are set relative to it, so ages are exact. */
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  private static KafkaBroker broker;
  private static Admin admin;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaBroker.shared();
    admin = Admin.create(Map.of("bootstrap.servers", broker.plainBootstrap()));
  }

  @AfterAll
  static void closeAdmin() {
    if (admin != null) {
      admin.close();
      admin = null;
    }
  }

  private static BackendSettings settings(QueueNetworks networks) {
    return new BackendSettings(TIMEOUT, 2, networks, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static KafkaBackend backend() {
    return new KafkaBackend(settings(QueueNetworks.anywhere()));
  }

  @Test
  void readsTheGroupsLagPerPartitionAndTheAgeOfTheFirstUnconsumedRecord() throws Exception {
    createTopic("orders", 3);
    // partition 0: 5 records, 10 to 6 minutes old; partition 1: 3 records; partition 2: none
    produce("orders", 0, NOW.minusSeconds(600), NOW.minusSeconds(540), NOW.minusSeconds(480), NOW.minusSeconds(420),
        NOW.minusSeconds(360));
    produce("orders", 1, NOW.minusSeconds(900), NOW.minusSeconds(30), NOW.minusSeconds(20));
    commit("order-workers", Map.of(new TopicPartition("orders", 0), 2L, new TopicPartition("orders", 1), 3L));

    try (KafkaBackend backend = backend();
        QueueScaler scaler = backend.create(spec("orders", "order-workers"), Credentials.none())) {
      QueueReading reading = scaler.measure();

      assertThat(reading.depth()).as("lag: 5 - 2 in partition 0, 3 - 3 in 1, none in 2").isEqualTo(3);
      assertThat(reading.oldestJobAge()).as("the record at partition 0's committed offset 2")
          .contains(Duration.ofSeconds(480));
      assertThat(reading.enqueuedTotal()).as("log ends summed").isEqualTo(OptionalLong.of(8));
      assertThat(reading.completedTotal()).as("the group's positions summed").isEqualTo(OptionalLong.of(5));
      assertThat(reading.usefulReplicas()).as("one consumer per partition").isEqualTo(OptionalInt.of(3));
      assertThat(reading.runningJobs()).as("Kafka does not say what is in flight").isEmpty();
      assertThat(reading.processingTime()).isEmpty();
      assertThat(reading.workers()).isEmpty();
      assertThat(reading.heartbeats()).isEqualTo(QueueReading.Heartbeats.NOT_KEPT);
      assertThat(reading.readAt()).isEqualTo(NOW);

      commit("order-workers", Map.of(new TopicPartition("orders", 0), 5L));
      QueueReading drained = scaler.measure();
      assertThat(drained.depth()).isZero();
      assertThat(drained.oldestJobAge()).isEmpty();
      assertThat(drained.completedTotal()).isEqualTo(OptionalLong.of(8));
    }
  }

  @Test
  void aGroupWithoutCommitsCountsTheWholeLogWhenItStartsFromTheEarliestOffset() throws Exception {
    createTopic("backlog", 2);
    produce("backlog", 0, NOW.minusSeconds(70), NOW.minusSeconds(60));
    produce("backlog", 1, NOW.minusSeconds(125), NOW.minusSeconds(5), NOW.minusSeconds(1));
    KafkaQueueSpec earliest = spec("backlog", "new-group");
    earliest.setOffsetReset(KafkaOffsetReset.EARLIEST);

    try (KafkaBackend backend = backend();
        QueueScaler fromStart = backend.create(earliest, Credentials.none());
        QueueScaler fromEnd = backend.create(spec("backlog", "new-group"), Credentials.none())) {
      QueueReading all = fromStart.measure();
      QueueReading none = fromEnd.measure();

      assertThat(all.depth()).isEqualTo(5);
      assertThat(all.oldestJobAge()).contains(Duration.ofSeconds(125));
      assertThat(all.usefulReplicas()).isEqualTo(OptionalInt.of(2));
      assertThat(none.depth()).as("auto.offset.reset=latest: a new consumer skips what is there").isZero();
      assertThat(backend.sharedClients()).as("one set of clients per server and credential").isEqualTo(1);
    }
  }

  @Test
  void scalersOfOneServerAndCredentialShareClientsUntilTheLastCloses() throws Exception {
    createTopic("shared", 1);
    KafkaBackend backend = backend();
    QueueScaler first = backend.create(spec("shared", "a"), Credentials.none());
    QueueScaler second = backend.create(spec("shared", "b"), Credentials.none());
    first.measure();
    second.measure();

    assertThat(backend.sharedClients()).isEqualTo(1);
    first.close();
    assertThat(backend.sharedClients()).isEqualTo(1);
    second.close();
    assertThat(backend.sharedClients()).isZero();
    backend.close();
  }

  @Test
  void theRightScramPasswordIsAcceptedAndAWrongOneIsAnAuthenticationFailure() throws Exception {
    createTopic("secured", 1);
    KafkaQueueSpec block = spec("secured", "workers");
    block.setBootstrapServers(broker.saslBootstrap());
    block.setSasl(new KafkaSaslSpec(KafkaSaslMechanism.SCRAM_SHA_256, KafkaBroker.USER,
        new SecretKeyReference("kafka", "password")));
    String wrong = "not-the-password-77";

    try (KafkaBackend backend = backend();
        QueueScaler right = backend.create(block, Credentials.of(Map.of("sasl.passwordFrom", KafkaBroker.PASSWORD)));
        QueueScaler refused = backend.create(block, Credentials.of(Map.of("sasl.passwordFrom", wrong)))) {
      assertThat(right.measure().depth()).isZero();

      ScalerException e = catchThrowableOfType(ScalerException.class, refused::measure);
      assertThat(e.kind()).isEqualTo(ScalerException.Kind.AUTHENTICATION);
      assertThat(e.publicMessage()).isEqualTo("Kafka " + broker.saslBootstrap()
          + " refused the credentials (AuthenticationFailed)");
      assertThat(e.publicMessage() + e.getMessage()).doesNotContain(wrong).doesNotContain(KafkaBroker.PASSWORD);
      assertThat(backend.sharedClients()).as("two credentials, two sets of clients").isEqualTo(2);
    }
  }

  @Test
  void anUnknownTopicIsAProtocolError() {
    try (KafkaBackend backend = backend();
        QueueScaler scaler = backend.create(spec("no-such-topic", "workers"), Credentials.none())) {
      ScalerException e = catchThrowableOfType(ScalerException.class, scaler::measure);

      assertThat(e.kind()).isEqualTo(ScalerException.Kind.PROTOCOL);
      assertThat(e.getMessage()).contains("UnknownTopicOrPartitionException");
    }
  }

  @Test
  void aServerThatIsNotKafkaIsAProtocolErrorAndItsAnnouncedSizeIsNeverAllocated() throws Exception {
    // "HTTP" read as Kafka's size prefix is 1.2 GB: Kafka's own client would try to allocate it
    try (FakeServer http = new FakeServer("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        KafkaBackend backend = backend();
        QueueScaler scaler = backend.create(spec("orders", "g", "localhost:" + http.port()), Credentials.none())) {
      ScalerException e = catchThrowableOfType(ScalerException.class, scaler::measure);

      assertThat(e.kind()).isEqualTo(ScalerException.Kind.PROTOCOL);
      assertThat(e.publicMessage()).doesNotContain("HTTP");
      assertThat(backend.sharedClients()).isEqualTo(1);
    }
  }

  @Test
  void nothingListeningIsUnreachable() throws Exception {
    int port = KafkaBroker.freePort();
    try (KafkaBackend backend = backend();
        QueueScaler scaler = backend.create(spec("orders", "g", "localhost:" + port), Credentials.none())) {
      ScalerException e = catchThrowableOfType(ScalerException.class, scaler::measure);

      assertThat(e.kind()).isEqualTo(ScalerException.Kind.UNREACHABLE);
      assertThat(e.publicMessage()).isEqualTo("Kafka localhost:" + port + " cannot be reached (Unreachable)");
    }
  }

  @Test
  void aNameThatDoesNotResolveIsUnreachable() {
    try (KafkaBackend backend = backend();
        QueueScaler scaler = backend.create(spec("orders", "g", "no-such-broker.invalid:9092"), Credentials.none())) {
      assertThat(catchThrowableOfType(ScalerException.class, scaler::measure).kind())
          .isEqualTo(ScalerException.Kind.UNREACHABLE);
    }
  }

  @Test
  void aServerOutsideTheAllowedNetworksIsRefusedWithoutConnecting() throws Exception {
    try (FakeServer counted = new FakeServer(null);
        KafkaBackend backend = new KafkaBackend(settings(QueueNetworks.of(List.of("10.0.0.0/8"))));
        QueueScaler scaler = backend.create(spec("orders", "g", "localhost:" + counted.port()), Credentials.none())) {
      ScalerException e = catchThrowableOfType(ScalerException.class, scaler::measure);

      assertThat(e.kind()).isEqualTo(ScalerException.Kind.ADDRESS_NOT_ALLOWED);
      assertThat(e.publicMessage()).doesNotContain("127.0.0.1");
      assertThat(counted.accepted()).as("connections the server received").isZero();
    }
  }

  @Test
  void aSilentServerTimesOutWithinThePollDeadline() throws Exception {
    try (FakeServer silent = new FakeServer(null);
        KafkaBackend backend = backend();
        QueueScaler scaler = backend.create(spec("orders", "g", "localhost:" + silent.port()), Credentials.none())) {
      long start = System.nanoTime();
      ScalerException e = catchThrowableOfType(ScalerException.class, scaler::measure);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(e.kind()).isEqualTo(ScalerException.Kind.TIMEOUT);
      assertThat(took).isLessThan(settings(QueueNetworks.anywhere()).pollDeadline());
      assertThat(silent.accepted()).isPositive();
    }
  }

  @Test
  void aBrokerThatGoesAwayUnderRunningClientsIsUnreachableWithinThePollDeadline() throws Exception {
    // Kafka's client would retry the lost broker until its own timeouts: the poll deadline and the probe bound it
    KafkaBroker leaving = KafkaBroker.start();
    try (Admin own = Admin.create(Map.of("bootstrap.servers", leaving.plainBootstrap()))) {
      own.createTopics(List.of(new NewTopic("leaving", 1, (short) 1))).all().get();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> own.listOffsets(
          Map.of(new TopicPartition("leaving", 0), OffsetSpec.latest())).all().get().size() == 1);
    }
    try (KafkaBackend backend = backend();
        QueueScaler scaler = backend.create(spec("leaving", "g", leaving.plainBootstrap()), Credentials.none())) {
      assertThat(scaler.measure().depth()).isZero();
      leaving.close();

      long start = System.nanoTime();
      ScalerException e = catchThrowableOfType(ScalerException.class, scaler::measure);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(e.kind()).as(e.getMessage()).isEqualTo(ScalerException.Kind.UNREACHABLE);
      assertThat(took).isLessThanOrEqualTo(settings(QueueNetworks.anywhere()).pollDeadline());
    } finally {
      leaving.close();
    }
  }

  /** Lets another test class use these helpers with its own broker. */
  static void useBroker(KafkaBroker other) {
    broker = other;
    if (admin != null) {
      admin.close();
    }
    admin = other == null ? null : Admin.create(Map.of("bootstrap.servers", other.plainBootstrap()));
  }

  static KafkaQueueSpec spec(String topic, String group) {
    return spec(topic, group, broker.plainBootstrap());
  }

  static KafkaQueueSpec spec(String topic, String group, String servers) {
    return new KafkaQueueSpec(servers, topic, group);
  }

  /** Creates the topic and waits until every partition has a leader that answers for its offsets. */
  static void createTopic(String name, int partitions) throws Exception {
    admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    Map<TopicPartition, OffsetSpec> ends = new java.util.HashMap<>();
    for (int p = 0; p < partitions; p++) {
      ends.put(new TopicPartition(name, p), OffsetSpec.latest());
    }
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> admin.listOffsets(ends).all().get().size() == partitions);
  }

  /** Writes one record per timestamp to the partition, with that timestamp (CreateTime), through Kafka's producer. */
  static void produce(String topic, int partition, Instant... timestamps) {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
        broker.plainBootstrap(), "key.serializer", StringSerializer.class, "value.serializer", StringSerializer.class,
        "enable.idempotence", false))) {
      for (Instant at : timestamps) {
        producer.send(new ProducerRecord<>(topic, partition, at.toEpochMilli(), "job", "{\"at\":\"" + at + "\"}"));
      }
      producer.flush();
    }
  }

  /** Commits offsets for the group through Kafka's consumer, as a worker that processed up to them would. */
  static void commit(String group, Map<TopicPartition, Long> offsets) {
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
        broker.plainBootstrap(), "group.id", group, "key.deserializer", StringDeserializer.class,
        "value.deserializer", StringDeserializer.class, "enable.auto.commit", false))) {
      consumer.assign(offsets.keySet());
      consumer.commitSync(offsets.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
          entry -> new OffsetAndMetadata(entry.getValue()))));
    }
  }

  /** A TCP server that is not Kafka: it writes {@code reply} (or nothing, when null) to each connection. */
  static final class FakeServer implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0);
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread thread;

    FakeServer(String reply) throws IOException {
      thread = new Thread(() -> {
        while (!socket.isClosed()) {
          try {
            Socket connection = socket.accept();
            accepted.incrementAndGet();
            if (reply != null) {
              OutputStream out = connection.getOutputStream();
              out.write(reply.getBytes(StandardCharsets.US_ASCII));
              out.flush();
              connection.close();
            }
          } catch (IOException closed) {
            return;
          }
        }
      }, "fake-server");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    int accepted() {
      return accepted.get();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
