package dev.ebb.worker.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A worker in its own JVM, started from the shaded jar that {@code package} built ({@code target/ebb-worker.jar}),
 * with its output in {@code target/worker-logs/<name>.log}. Signals are real: {@link #sigterm()} is
 * {@code Process.destroy()} (SIGTERM on Linux), {@link #sigkill()} is {@code destroyForcibly()}, {@link #sigstop()}
 * and {@link #sigcont()} run {@code kill}.
 */
public final class WorkerProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private WorkerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts a worker whose pod name is {@code name}, with {@link TestWorkers#environment} plus {@code overrides}. */
  public static WorkerProcess start(String name, String redisUri, String queue, Map<String, String> overrides) {
    Path jar = Path.of("target", "ebb-worker.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run through `mvn verify` (after package)");
    }
    try {
      Path logs = Files.createDirectories(Path.of("target", "worker-logs"));
      Path log = logs.resolve(name + ".log");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp",
          jar.toString(), "dev.ebb.worker.WorkerMain"))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().putAll(TestWorkers.environment(redisUri, queue));
      builder.environment().put("EBB_POD_NAME", name);
      builder.environment().putAll(overrides);
      return new WorkerProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the worker's heartbeat is in Redis; returns its worker id. */
  public String awaitHeartbeat(QueueInspector inspector) {
    return await().atMost(Duration.ofSeconds(20)).until(() -> inspector.workers().stream()
        .filter(id -> id.startsWith(name + ":")).findFirst().orElse(null), id -> id != null);
  }

  public void sigterm() {
    process.destroy();
  }

  public void sigkill() {
    process.destroyForcibly();
  }

  /** Freezes the process (SIGSTOP), as a hung worker: it neither beats nor exits. */
  public void sigstop() {
    signal("STOP");
  }

  /** Lets a frozen process run again (SIGCONT). */
  public void sigcont() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited with " + exit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits for the exit; returns the exit code, or throws when it takes longer than {@code timeout}. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " did not exit within " + timeout + "; log: " + log.toAbsolutePath());
    }
    return process.exitValue();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
