package dev.ebb.operator.scaler.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.sun.net.httpserver.HttpServer;
import dev.ebb.api.v1alpha1.RabbitMqQueueSpec;
import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.operator.network.QueueNetworks;
import dev.ebb.operator.scaler.BackendSettings;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The RabbitMQ backend against a real RabbitMQ node (Debian's rabbitmq-server 3.10 with its management plugin): a
 * known state made with RabbitMQ's own Java client (messages published with timestamps, some fetched and
 * acknowledged, some held unacknowledged by a consumer), read through the management API and over AMQP; and each
 * failure with its own kind.
 */
class RabbitMqScalerIT {

  private static final String QUEUE = "mailer";
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private static RabbitMqProcess rabbit;
  private static Connection publisher;

  private final List<AutoCloseable> opened = new ArrayList<>();
  private RabbitMqBackend backend;

  @BeforeAll
  static void start() throws Exception {
    rabbit = RabbitMqProcess.start();
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(rabbit.amqpPort());
    publisher = factory.newConnection("test-publisher");
  }

  @AfterAll
  static void stop() throws Exception {
    if (publisher != null) {
      publisher.close();
    }
    if (rabbit != null) {
      rabbit.close();
    }
  }

  @BeforeEach
  void createBackend() throws Exception {
    backend = new RabbitMqBackend(settings(QueueNetworks.anywhere()));
    try (Channel channel = publisher.createChannel()) {
      channel.queueDelete(QUEUE);
      channel.queueDeclare(QUEUE, true, false, false, null);
    }
  }

  @AfterEach
  void closeBackend() throws Exception {
    for (AutoCloseable resource : opened) {
      resource.close();
    }
    backend.close();
  }

  @Test
  void theManagementApiGivesReadyUnacknowledgedTheCountersAndTheHeadMessagesAge() throws Exception {
    Instant now = Instant.now();
    publish(30, i -> now.minusSeconds(300 - i)); // message i was sent 300 - i seconds ago
    Channel worker = publisher.createChannel();
    opened.add(worker);
    for (int i = 0; i < 4; i++) { // messages 0..3: fetched and acknowledged, done
      worker.basicAck(worker.basicGet(QUEUE, false).getEnvelope().getDeliveryTag(), false);
    }
    List<Long> running = new ArrayList<>();
    for (int i = 0; i < 5; i++) { // messages 4..8: fetched, not acknowledged yet: running
      running.add(worker.basicGet(QUEUE, false).getEnvelope().getDeliveryTag());
    }

    try (QueueScaler scaler = backend.create(management(), credentials(RabbitMqProcess.PASSWORD))) {
      QueueReading reading = awaitFigures().until(scaler::measure, r -> r.depth() == 21
          && r.runningJobs().orElse(-1) == 5 && r.completedTotal().orElse(-1) == 4);

      assertThat(reading.depth()).as("30 published, 4 done, 5 running").isEqualTo(21);
      assertThat(reading.runningJobs()).as("messages_unacknowledged").hasValue(5);
      assertThat(reading.enqueuedTotal()).as("message_stats.publish").hasValue(30);
      assertThat(reading.completedTotal()).as("message_stats.ack").hasValue(4);
      // head_message_timestamp covers the unacknowledged messages too: message 4, the oldest running, sent 296 s
      // before `now` (the oldest waiting, message 9, was sent 291 s before): an upper bound while jobs run
      assertAge(reading, now.minusSeconds(296));
      assertThat(reading.processingTime()).as("left to Little's law").isEmpty();
      assertThat(reading.workers()).isEmpty();
      assertThat(reading.heartbeats()).isEqualTo(QueueReading.Heartbeats.NOT_KEPT);

      for (long tag : running) {
        worker.basicAck(tag, false);
      }
      QueueReading done = awaitFigures().until(scaler::measure, r -> r.runningJobs().orElse(-1) == 0
          && r.completedTotal().orElse(-1) == 9);
      assertThat(done.depth()).isEqualTo(21);
      assertAge(done, now.minusSeconds(291)); // nothing running: the head of the queue, message 9, exactly
    }
  }

  /** AMQP timestamps are whole seconds: the age read is that of {@code sentAt}, up to a second more. */
  private static void assertAge(QueueReading reading, Instant sentAt) {
    Duration expected = Duration.between(sentAt, reading.readAt());
    assertThat(reading.oldestJobAge()).hasValueSatisfying(age -> assertThat(age)
        .isBetween(expected.minusMillis(100), expected.plusSeconds(1)));
  }

  @Test
  void messagesWithoutATimestampLeaveTheOldestAgeUnknownAndAnEmptyQueueHasNone() throws Exception {
    publish(3, i -> null);
    try (QueueScaler scaler = backend.create(management(), credentials(RabbitMqProcess.PASSWORD))) {
      QueueReading reading = awaitFigures().until(scaler::measure, r -> r.depth() == 3);
      assertThat(reading.oldestJobAge()).isEmpty();

      try (Channel channel = publisher.createChannel()) {
        channel.queuePurge(QUEUE);
      }
      publish(1, i -> Instant.now());
      try (Channel channel = publisher.createChannel()) {
        channel.basicAck(channel.basicGet(QUEUE, false).getEnvelope().getDeliveryTag(), false);
      }
      QueueReading empty = awaitFigures().until(scaler::measure,
          r -> r.depth() == 0 && r.completedTotal().orElse(0) == 1);
      assertThat(empty.oldestJobAge()).isEmpty();
      assertThat(empty.runningJobs()).hasValue(0);
    }
  }

  @Test
  void withoutTheManagementApiAPassiveDeclareGivesTheReadyMessagesOnly() throws Exception {
    publish(12, i -> Instant.now().minusSeconds(60));
    holdUnacknowledged(2);

    try (QueueScaler scaler = backend.create(amqp(), credentials(RabbitMqProcess.PASSWORD))) {
      QueueReading reading = scaler.measure();

      assertThat(reading.depth()).as("queue.declare-ok's message_count: ready messages, at once").isEqualTo(10);
      assertThat(reading.runningJobs()).isEmpty();
      assertThat(reading.oldestJobAge()).isEmpty();
      assertThat(reading.enqueuedTotal()).isEmpty();
      assertThat(reading.completedTotal()).isEmpty();
      assertThat(reading.processingTime()).isEmpty();
      assertThat(reading.heartbeats()).isEqualTo(QueueReading.Heartbeats.NOT_KEPT);
      assertThat(backend.format(amqp())).isEqualTo("rabbitmq-amqp");
      assertThat(backend.describe(amqp())).contains("depth only");
      try (Channel channel = publisher.createChannel()) {
        assertThat(channel.queueDeclarePassive(QUEUE).getMessageCount()).as("the declare changed nothing")
            .isEqualTo(10);
      }
    }
  }

  @Test
  void poolsOnOneServerAndUserShareOneClientUntilTheLastLetsGo() throws Exception {
    QueueScaler first = backend.create(management(), credentials(RabbitMqProcess.PASSWORD));
    QueueScaler second = backend.create(management(), credentials(RabbitMqProcess.PASSWORD));
    QueueScaler third = backend.create(amqp(), credentials(RabbitMqProcess.PASSWORD));
    QueueScaler fourth = backend.create(amqp(), credentials(RabbitMqProcess.PASSWORD));
    third.measure();
    fourth.measure();
    assertThat(backend.openClients()).as("one HTTP client, one AMQP connection").isEqualTo(2);

    first.close();
    third.close();
    assertThat(backend.openClients()).isEqualTo(2);
    second.close();
    fourth.close();
    assertThat(backend.openClients()).isZero();
  }

  @Test
  void aWrongPasswordIsAnAuthenticationFailureOnBothPaths() {
    String wrong = "not-the-" + RabbitMqProcess.PASSWORD;
    for (RabbitMqQueueSpec block : List.of(management(), amqp())) {
      ScalerException failure = failure(block, credentials(wrong));
      assertThat(failure.kind()).as(block.getManagementAddress() + block.getAmqpAddress())
          .isEqualTo(ScalerException.Kind.AUTHENTICATION);
      assertNoSecret(failure, wrong);
    }
  }

  @Test
  void aMissingQueueIsAProtocolErrorThatNamesTheQueue() {
    for (RabbitMqQueueSpec block : List.of(management(), amqp())) {
      block.setQueue("no-such-queue");
      ScalerException failure = failure(block, credentials(RabbitMqProcess.PASSWORD));
      assertThat(failure.kind()).isEqualTo(ScalerException.Kind.PROTOCOL);
      assertThat(failure.publicMessage()).isEqualTo("RabbitMQ " + address(block)
          + " has no queue 'no-such-queue' in vhost '/' (ProtocolError)");
      assertNoSecret(failure, RabbitMqProcess.PASSWORD);
    }
  }

  @Test
  void aServerThatIsNotTheOneTheAddressSaysIsAProtocolError() throws Exception {
    RabbitMqQueueSpec managementOnAmqpPort = management();
    managementOnAmqpPort.setManagementAddress("http://127.0.0.1:" + rabbit.amqpPort());
    HttpServer html = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    html.createContext("/", exchange -> {
      byte[] page = "<html><body>It works!</body></html>".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    html.start();
    ServerSocket talker = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread answering = new Thread(() -> {
      while (!talker.isClosed()) {
        try (Socket client = talker.accept()) { // answers whatever comes as a web server answers junk
          client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
          client.getOutputStream().flush();
          Thread.sleep(200);
        } catch (IOException | InterruptedException closed) {
          return;
        }
      }
    });
    answering.setDaemon(true);
    answering.start();
    try {
      RabbitMqQueueSpec webServer = management();
      webServer.setManagementAddress("http://127.0.0.1:" + html.getAddress().getPort());
      RabbitMqQueueSpec amqpOnWebServer = amqp();
      amqpOnWebServer.setAmqpAddress("amqp://127.0.0.1:" + talker.getLocalPort());
      for (RabbitMqQueueSpec block : List.of(managementOnAmqpPort, webServer, amqpOnWebServer)) {
        ScalerException failure = failure(block, credentials(RabbitMqProcess.PASSWORD));
        assertThat(failure.kind()).as("%s: %s", address(block), failure.getMessage())
            .isEqualTo(ScalerException.Kind.PROTOCOL);
        assertNoSecret(failure, RabbitMqProcess.PASSWORD);
      }
    } finally {
      html.stop(0);
      talker.close();
    }
  }

  @Test
  void aClosedPortIsUnreachable() throws Exception {
    int closed = RabbitMqProcess.freePort();
    RabbitMqQueueSpec managementBlock = management();
    managementBlock.setManagementAddress("http://127.0.0.1:" + closed);
    RabbitMqQueueSpec amqpBlock = amqp();
    amqpBlock.setAmqpAddress("amqp://127.0.0.1:" + closed);
    for (RabbitMqQueueSpec block : List.of(managementBlock, amqpBlock)) {
      ScalerException failure = failure(block, credentials(RabbitMqProcess.PASSWORD));
      assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(ScalerException.Kind.UNREACHABLE);
      assertThat(failure.publicMessage()).isEqualTo("RabbitMQ " + address(block) + " cannot be reached (Unreachable)");
      assertNoSecret(failure, RabbitMqProcess.PASSWORD);
    }
  }

  @Test
  void aServerThatNeverAnswersIsATimeoutWithinThePollDeadline() throws Exception {
    List<Socket> accepted = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> {
        while (!silent.isClosed()) {
          try {
            accepted.add(silent.accept()); // holds the connection open and never writes a byte
          } catch (IOException closed) {
            return;
          }
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      RabbitMqQueueSpec managementBlock = management();
      managementBlock.setManagementAddress("http://127.0.0.1:" + silent.getLocalPort());
      RabbitMqQueueSpec amqpBlock = amqp();
      amqpBlock.setAmqpAddress("amqp://127.0.0.1:" + silent.getLocalPort());
      Duration deadline = settings(QueueNetworks.anywhere()).pollDeadline();
      for (RabbitMqQueueSpec block : List.of(managementBlock, amqpBlock)) {
        long start = System.nanoTime();
        ScalerException failure = failure(block, credentials(RabbitMqProcess.PASSWORD));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure.kind()).as(failure.getMessage()).isEqualTo(ScalerException.Kind.TIMEOUT);
        assertThat(took).as("bounded by the poll deadline (%s), with room for a loaded machine", deadline)
            .isLessThan(deadline.plusSeconds(2));
        assertNoSecret(failure, RabbitMqProcess.PASSWORD);
      }
      assertThat(accepted).as("both clients connected").hasSizeGreaterThanOrEqualTo(2);
    } finally {
      for (Socket socket : accepted) {
        socket.close();
      }
    }
  }

  @Test
  void aServerOutsideTheAllowedNetworksIsRefusedBeforeAnyConnection() throws Exception {
    backend.close();
    backend = new RabbitMqBackend(settings(QueueNetworks.of(List.of("10.0.0.0/8"))));
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      RabbitMqQueueSpec managementBlock = management();
      managementBlock.setManagementAddress("http://127.0.0.1:" + listener.getLocalPort());
      RabbitMqQueueSpec amqpBlock = amqp();
      amqpBlock.setAmqpAddress("amqp://localhost:" + listener.getLocalPort());
      for (RabbitMqQueueSpec block : List.of(managementBlock, amqpBlock)) {
        ScalerException failure = failure(block, credentials(RabbitMqProcess.PASSWORD));
        assertThat(failure.kind()).isEqualTo(ScalerException.Kind.ADDRESS_NOT_ALLOWED);
        assertThat(failure.publicMessage()).isEqualTo("RabbitMQ " + address(block)
            + " resolves to an address this operator may not connect to (AddressNotAllowed)");
        assertNoSecret(failure, RabbitMqProcess.PASSWORD);
      }
      listener.setSoTimeout(500);
      assertThat(catchThrowableOfType(SocketTimeoutException.class, listener::accept))
          .as("nothing connected to the server").isNotNull();
    }
  }

  /**
   * Polls until the figures are as expected: the management API refreshes them every collect_statistics_interval
   * (500 ms here) and has none for a queue declared since (a ProtocolError until then).
   */
  private static org.awaitility.core.ConditionFactory awaitFigures() {
    return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsMatching(e -> e instanceof ScalerException failure
            && failure.getMessage().contains("no figures for the queue yet"));
  }

  private ScalerException failure(RabbitMqQueueSpec block, Credentials credentials) {
    QueueScaler scaler = backend.create(block, credentials);
    opened.add(scaler);
    return catchThrowableOfType(ScalerException.class, scaler::measure);
  }

  private static void assertNoSecret(ScalerException failure, String password) {
    assertThat(failure).as("a failure is thrown").isNotNull();
    assertThat(failure.publicMessage()).doesNotContain(password);
    assertThat(failure.getMessage()).doesNotContain(password);
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      assertThat(String.valueOf(cause.getMessage())).doesNotContain(password);
    }
  }

  private static String address(RabbitMqQueueSpec block) {
    return block.getManagementAddress() != null ? block.getManagementAddress() : block.getAmqpAddress();
  }

  /** Publishes {@code count} persistent messages to the queue, message i with the timestamp {@code sentAt(i)}. */
  static void publish(int count, java.util.function.IntFunction<Instant> sentAt) throws Exception {
    try (Channel channel = publisher.createChannel()) {
      channel.confirmSelect();
      for (int i = 0; i < count; i++) {
        Instant at = sentAt.apply(i);
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().deliveryMode(2)
            .timestamp(at == null ? null : Date.from(at)).build();
        channel.basicPublish("", QUEUE, properties, ("job " + i).getBytes(StandardCharsets.UTF_8));
      }
      channel.waitForConfirmsOrDie(10_000);
    }
  }

  /** A consumer with prefetch {@code count} that never acknowledges: {@code count} messages stay unacknowledged. */
  private void holdUnacknowledged(int count) throws Exception {
    Channel channel = publisher.createChannel();
    opened.add(() -> {
      if (channel.isOpen()) {
        channel.close();
      }
    });
    channel.basicQos(count);
    List<Long> held = new CopyOnWriteArrayList<>();
    channel.basicConsume(QUEUE, false, new DefaultConsumer(channel) {
      @Override
      public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        held.add(envelope.getDeliveryTag());
      }
    });
    await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == count);
  }

  static BackendSettings settings(QueueNetworks networks) {
    return new BackendSettings(TIMEOUT, 4, networks, Clock.systemUTC());
  }

  static RabbitMqQueueSpec management() {
    RabbitMqQueueSpec block = block();
    block.setManagementAddress(rabbit.managementAddress());
    return block;
  }

  static RabbitMqQueueSpec amqp() {
    RabbitMqQueueSpec block = block();
    block.setAmqpAddress(rabbit.amqpAddress());
    return block;
  }

  private static RabbitMqQueueSpec block() {
    RabbitMqQueueSpec block = new RabbitMqQueueSpec();
    block.setQueue(QUEUE);
    block.setUsername(RabbitMqProcess.USER);
    block.setPasswordFrom(new SecretKeyReference("rabbitmq", "password"));
    return block;
  }

  static Credentials credentials(String password) {
    return Credentials.of(Map.of(RabbitMqBackend.PASSWORD_FROM, password));
  }
}
