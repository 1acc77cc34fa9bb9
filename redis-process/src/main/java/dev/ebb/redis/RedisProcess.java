package dev.ebb.redis;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import redis.embedded.core.ExecutableProvider;

/**
 * A private {@code redis-server} on a loopback port, owned by this JVM.
 *
 * <p>The binary is {@code redis-server} from the PATH when there is one, otherwise the one that
 * {@code com.github.codemonstur:embedded-redis} ships inside its jar. Persistence is off. The port stays the same across
 * {@link #stop()} and {@link #start()}, so tests can restart Redis under a running client.
 */
public final class RedisProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

  private final File executable;
  private final int port;
  private final Path workDir;
  private final List<String> extraArguments;
  private Process process;

  private RedisProcess(File executable, int port, Path workDir, List<String> extraArguments) {
    this.executable = executable;
    this.port = port;
    this.workDir = workDir;
    this.extraArguments = List.copyOf(extraArguments);
  }

  /** Starts a new private Redis on a free port. */
  public static RedisProcess startOnFreePort() {
    RedisProcess redis = onFreePort();
    redis.start();
    return redis;
  }

  /** A private Redis on a free port, not started yet. */
  public static RedisProcess onFreePort() {
    return onFreePort(List.of());
  }

  /** A private Redis on a free port with extra server arguments (e.g. {@code --requirepass x}), not started yet. */
  public static RedisProcess onFreePort(List<String> extraArguments) {
    try {
      return new RedisProcess(findExecutable(), freePort(), Files.createTempDirectory("ebb-redis-"), extraArguments);
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare a private redis-server: " + e.getMessage(), e);
    }
  }

  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    List<String> command = new java.util.ArrayList<>(List.of(executable.getAbsolutePath(),
        "--port", Integer.toString(port),
        "--bind", "127.0.0.1",
        "--save", "",
        "--appendonly", "no",
        "--protected-mode", "yes",
        "--dir", workDir.toString()));
    command.addAll(extraArguments);
    try {
      process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(workDir.resolve("redis.log").toFile())
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + executable + ": " + e.getMessage(), e);
    }
    awaitPort();
  }

  /** Stops the server the hard way (SIGKILL): clients see the connection drop, as when Redis crashes. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitFor(process);
      process = null;
    }
  }

  /** Stops the server with SIGTERM. */
  public synchronized void stop() {
    if (process != null) {
      process.destroy();
      waitFor(process);
      process = null;
    }
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  public int port() {
    return port;
  }

  public String host() {
    return "127.0.0.1";
  }

  /** The address as a {@code redis://} URI, database 0. */
  public String uri() {
    return "redis://" + host() + ":" + port + "/0";
  }

  @Override
  public void close() {
    stop();
  }

  private void awaitPort() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited at start with code " + process.exitValue()
            + "; see " + workDir.resolve("redis.log"));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host(), port), 200);
        return;
      } catch (IOException notYet) {
        sleep(20);
      }
    }
    throw new IllegalStateException("redis-server did not listen on port " + port + " within " + START_TIMEOUT);
  }

  private static File findExecutable() throws IOException {
    Optional<File> onPath = onPath("redis-server");
    if (onPath.isPresent()) {
      return onPath.get();
    }
    File shipped = ExecutableProvider.newJarResourceProvider().get();
    if (!shipped.canExecute() && !shipped.setExecutable(true)) {
      throw new IOException("cannot make " + shipped + " executable");
    }
    return shipped;
  }

  private static Optional<File> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      File candidate = new File(dir, name);
      if (candidate.isFile() && candidate.canExecute()) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static void waitFor(Process p) {
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for redis-server", e);
    }
  }
}
