package dev.ebb.operator.scaler.rabbitmq;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A private RabbitMQ node (Debian's rabbitmq-server, not the system service) for one test class: its own node name,
 * ports, Erlang cookie, data and logs under {@code target/}, the management plugin on, statistics every 500 ms; one
 * user for the scalers ({@link #USER}, tag monitoring) besides guest for the tests' clients. Under {@code CI=true} a
 * missing rabbitmq-server fails the test; elsewhere the test is skipped, naming the package to install.
 */
final class RabbitMqProcess implements AutoCloseable {

  static final String USER = "ebb-monitor";
  static final String PASSWORD = "s3cret-" + UUID.randomUUID();
  /** Debian's scripts; /usr/sbin/rabbitmq-server is a wrapper that insists on the rabbitmq user. */
  private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
  private static final Duration START = Duration.ofSeconds(90);

  private final Process process;
  private final Path dir;
  private final int amqpPort;
  private final int managementPort;
  private final HttpClient http = HttpClient.newHttpClient();

  private RabbitMqProcess(Process process, Path dir, int amqpPort, int managementPort) {
    this.process = process;
    this.dir = dir;
    this.amqpPort = amqpPort;
    this.managementPort = managementPort;
  }

  /** Fails (in CI) or skips (elsewhere) without rabbitmq-server. */
  static void require() {
    if (Files.isExecutable(SERVER)) {
      return;
    }
    String message = "RabbitMQ is not installed (" + SERVER + "): apt-get install rabbitmq-server";
    if ("true".equals(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.abort(message);
  }

  static RabbitMqProcess start() throws Exception {
    require();
    String node = "ebb" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + "@localhost";
    Path dir = Path.of("target", "rabbitmq", node.substring(0, node.indexOf('@'))).toAbsolutePath();
    Files.createDirectories(dir);
    int amqpPort = freePort();
    int managementPort = freePort();
    // the CLI tools take the node's distribution port + 10000: keep it below 55535
    int distPort = freePortBelow(45_000);
    Files.writeString(dir.resolve("rabbitmq.conf"), String.join("\n",
        "listeners.tcp.default = 127.0.0.1:" + amqpPort,
        "management.tcp.ip = 127.0.0.1",
        "management.tcp.port = " + managementPort,
        "collect_statistics_interval = 500",
        "log.console = false",
        "log.file.level = info",
        ""));
    Files.writeString(dir.resolve("enabled_plugins"), "[rabbitmq_management].\n");
    Files.writeString(dir.resolve("rabbitmq-env.conf"), "");
    ProcessBuilder builder = new ProcessBuilder(SERVER.toString()).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("server.out").toFile());
    Map<String, String> env = builder.environment();
    env.put("HOME", dir.toString()); // its own Erlang cookie
    env.put("RABBITMQ_NODENAME", node);
    env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
    env.put("RABBITMQ_NODE_PORT", Integer.toString(amqpPort));
    env.put("RABBITMQ_DIST_PORT", Integer.toString(distPort));
    env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq").toString());
    env.put("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString());
    env.put("RABBITMQ_ADVANCED_CONFIG_FILE", dir.resolve("advanced.config").toString());
    env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
    env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
    env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
    env.put("RABBITMQ_PID_FILE", dir.resolve("node.pid").toString());
    RabbitMqProcess rabbit = new RabbitMqProcess(builder.start(), dir, amqpPort, managementPort);
    try {
      rabbit.awaitManagementApi();
      rabbit.admin("PUT", "/api/users/" + USER,
          "{\"password\":\"" + PASSWORD + "\",\"tags\":\"monitoring\"}");
      rabbit.admin("PUT", "/api/permissions/%2F/" + USER, "{\"configure\":\"\",\"write\":\"\",\"read\":\".*\"}");
    } catch (Exception | AssertionError e) {
      rabbit.close();
      throw e;
    }
    return rabbit;
  }

  String managementAddress() {
    return "http://127.0.0.1:" + managementPort;
  }

  String amqpAddress() {
    return "amqp://127.0.0.1:" + amqpPort;
  }

  int amqpPort() {
    return amqpPort;
  }

  int managementPort() {
    return managementPort;
  }

  /** A call to the management API as guest (an administrator, from loopback only); returns the body. */
  String admin(String method, String path, String json) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(managementAddress() + path))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json");
    request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  private void awaitManagementApi() throws Exception {
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("rabbitmq-server exited " + process.exitValue() + ":\n" + log());
      }
      try {
        admin("GET", "/api/overview", null);
        return;
      } catch (IOException e) {
        Thread.sleep(200);
      }
    }
    fail("RabbitMQ did not answer on " + managementAddress() + " within " + START + ":\n" + log());
  }

  String log() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("server.out"), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** SIGTERM to the start script, which stops the node cleanly; SIGKILL to it and its VM after 30 s. */
  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      for (ProcessHandle child : children) {
        child.onExit().get(30, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      children.forEach(ProcessHandle::destroyForcibly);
    }
    children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static int freePortBelow(int limit) throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, limit);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // another one
      }
    }
    throw new IOException("no free port in 20000-" + limit);
  }
}
