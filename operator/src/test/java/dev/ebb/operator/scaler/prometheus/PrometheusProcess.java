package dev.ebb.operator.scaler.prometheus;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Assumptions;

/**
 * A private Prometheus server ({@code prometheus} from the PATH: Debian's package) on a free loopback port, with its own
 * configuration and TSDB under {@code target/prometheus-it/}, scraping the given targets every second; optionally
 * behind basic auth ({@code --web.config.file}, bcrypt-hashed users). Where {@code prometheus} is missing the test is
 * skipped, except under {@code CI=true}, where that fails it.
 */
final class PrometheusProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

  private final Path directory;
  private final int port;
  private final Process process;

  private PrometheusProcess(Path directory, int port, Process process) {
    this.directory = directory;
    this.port = port;
    this.process = process;
  }

  /**
   * Starts Prometheus scraping {@code targets} (host:port) every second.
   *
   * @param users basic auth users and their passwords; empty for none
   * @param routePrefix a path prefix the API is served under ("" for none, else "/prefix")
   */
  static PrometheusProcess start(String name, List<String> targets, Map<String, String> users, String routePrefix)
      throws IOException {
    File executable = executable();
    Path directory = Files.createDirectories(Path.of("target", "prometheus-it", name + "-" + System.nanoTime()))
        .toAbsolutePath();
    int port = freePort();
    Files.writeString(directory.resolve("prometheus.yml"), """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: queue
            static_configs:
              - targets: [%s]
        """.formatted(String.join(", ", targets.stream().map(t -> "'" + t + "'").toList())));
    List<String> command = new ArrayList<>(List.of(executable.getAbsolutePath(),
        "--config.file=" + directory.resolve("prometheus.yml"),
        "--storage.tsdb.path=" + directory.resolve("data"),
        "--web.listen-address=127.0.0.1:" + port,
        "--web.external-url=http://127.0.0.1:" + port + routePrefix,
        "--log.level=warn"));
    if (!users.isEmpty()) {
      StringBuilder web = new StringBuilder("basic_auth_users:\n");
      users.forEach((user, password) -> web.append("  ").append(user).append(": '").append(bcrypt(password))
          .append("'\n"));
      Files.writeString(directory.resolve("web.yml"), web);
      command.add("--web.config.file=" + directory.resolve("web.yml"));
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(directory.resolve("prometheus.log").toFile()).start();
    PrometheusProcess prometheus = new PrometheusProcess(directory, port, process);
    prometheus.awaitReady(routePrefix);
    return prometheus;
  }

  int port() {
    return port;
  }

  /** The API's base as a pool writes it. */
  String address(String routePrefix) {
    return "http://127.0.0.1:" + port + routePrefix;
  }

  Path directory() {
    return directory;
  }

  private void awaitReady(String routePrefix) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    URI ready = URI.create(address(routePrefix) + "/-/ready");
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited at start with code " + process.exitValue() + "; see "
            + directory.resolve("prometheus.log"));
      }
      try {
        int status = HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(1)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 200 || status == 401) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(50);
    }
    throw new IllegalStateException("prometheus was not ready within " + START_TIMEOUT + "; see "
        + directory.resolve("prometheus.log"));
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String bcrypt(String password) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return OpenBSDBCrypt.generate("2a", password.toCharArray(), salt, 4);
  }

  private static File executable() {
    Optional<File> found = onPath("prometheus");
    if (found.isEmpty()) {
      String message = "prometheus is not on the PATH: apt-get install prometheus";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      Assumptions.abort(message);
    }
    return found.get();
  }

  private static Optional<File> onPath(String name) {
    String path = System.getenv("PATH");
    for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
      File candidate = new File(dir, name);
      if (candidate.isFile() && candidate.canExecute()) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "prometheus on 127.0.0.1:" + port + " (" + directory + ")";
  }
}
