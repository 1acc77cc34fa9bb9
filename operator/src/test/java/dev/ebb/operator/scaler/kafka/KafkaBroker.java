package dev.ebb.operator.scaler.kafka;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A private Apache Kafka broker in KRaft mode (broker and controller in one node) on loopback ports, in its own JVM
 * started from this test classpath ({@code org.apache.kafka:kafka_2.13}, test scope): the broker's Scala and logging
 * stay out of the test's JVM, and {@code kafka-storage format} may call {@code System.exit}. Its data dir is under
 * {@code target/}, deleted on {@link #close()}.
 *
 * <p>Two listeners: PLAINTEXT without authentication, and SASL_PLAINTEXT with SCRAM-SHA-256, whose one user
 * ({@link #USER}/{@link #PASSWORD}) is written at format time ({@code --add-scram}).
 */
final class KafkaBroker implements AutoCloseable {

  static final String USER = "ebb";
  static final String PASSWORD = "scram-secret-4f1c";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Path dir;
  private final int plainPort;
  private final int saslPort;
  private final int controllerPort;
  private Process process;

  private KafkaBroker(Path dir, int plainPort, int saslPort, int controllerPort) {
    this.dir = dir;
    this.plainPort = plainPort;
    this.saslPort = saslPort;
    this.controllerPort = controllerPort;
  }

  private static KafkaBroker shared;

  /**
   * One broker for every Kafka test class of this JVM (each uses its own topics and groups), started at first use and
   * stopped when the JVM exits: a broker takes several seconds to start.
   */
  static synchronized KafkaBroker shared() throws IOException, InterruptedException {
    if (shared == null) {
      KafkaBroker broker = start();
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
      shared = broker;
    }
    return shared;
  }

  static KafkaBroker start() throws IOException, InterruptedException {
    Path dir = Files.createDirectories(Path.of("target")).resolve("kafka-" + UUID.randomUUID());
    Files.createDirectories(dir);
    KafkaBroker broker = new KafkaBroker(dir, freePort(), freePort(), freePort());
    broker.format();
    broker.launch();
    return broker;
  }

  /** localhost:port of the listener without authentication. */
  String plainBootstrap() {
    return "localhost:" + plainPort;
  }

  /** localhost:port of the SASL_PLAINTEXT (SCRAM-SHA-256) listener. */
  String saslBootstrap() {
    return "localhost:" + saslPort;
  }

  private Path properties() {
    return dir.resolve("server.properties");
  }

  private void format() throws IOException, InterruptedException {
    Files.writeString(properties(), String.join("\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@localhost:" + controllerPort,
        "listeners=PLAINTEXT://localhost:" + plainPort + ",SASL_PLAINTEXT://localhost:" + saslPort
            + ",CONTROLLER://localhost:" + controllerPort,
        "advertised.listeners=PLAINTEXT://localhost:" + plainPort + ",SASL_PLAINTEXT://localhost:" + saslPort,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
        "sasl.enabled.mechanisms=SCRAM-SHA-256",
        "listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config="
            + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
        "log.dirs=" + dir.resolve("data").toAbsolutePath(),
        "num.partitions=1",
        "auto.create.topics.enable=false",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "log.flush.interval.messages=1000000",
        ""));
    Process formatter = java("kafka.tools.StorageTool", "format", "-t", randomClusterId(), "-c",
        properties().toString(), "--add-scram", "SCRAM-SHA-256=[name=" + USER + ",password=" + PASSWORD + "]")
        .redirectOutput(dir.resolve("format.log").toFile()).redirectErrorStream(true).start();
    if (!formatter.waitFor(60, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
      formatter.destroyForcibly();
      throw new IllegalStateException("kafka-storage format failed: " + Files.readString(dir.resolve("format.log")));
    }
  }

  private void launch() throws IOException, InterruptedException {
    process = java("kafka.Kafka", properties().toString())
        .redirectOutput(dir.resolve("broker.log").toFile()).redirectErrorStream(true).start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the Kafka broker exited: " + tail());
      }
      if (listening(plainPort) && listening(saslPort)) {
        return;
      }
      Thread.sleep(100);
    }
    close();
    throw new IllegalStateException("the Kafka broker did not listen within " + START_TIMEOUT + ": " + tail());
  }

  private String tail() throws IOException {
    String log = Files.readString(dir.resolve("broker.log"));
    return log.substring(Math.max(0, log.length() - 4000));
  }

  private static ProcessBuilder java(String mainClass, String... arguments) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(List.of(arguments));
    return new ProcessBuilder(command);
  }

  private static String randomClusterId() {
    return org.apache.kafka.common.Uuid.randomUuid().toString();
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // target/ is cleaned by the build anyway
    }
  }
}
