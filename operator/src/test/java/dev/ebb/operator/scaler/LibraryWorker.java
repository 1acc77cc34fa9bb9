package dev.ebb.operator.scaler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A queue library's own worker process (a {@code sidekiq}, an {@code rq worker}) under a hostname the test chooses, as
 * a pod's hostname is its name on Kubernetes: it runs in its own UTS namespace ({@code unshare --uts}, root only).
 * It can be stopped with SIGSTOP, as a hung worker, and is killed on close.
 */
final class LibraryWorker implements AutoCloseable {

  private final Process process;
  private final Path log;

  private LibraryWorker(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Whether this machine can give a process its own hostname; a test calls it before it starts any worker. */
  static void requireHostnames() {
    InstalledLibrary.require("util-linux (unshare, run as root)", List.of("unshare", "--uts", "true"));
  }

  static LibraryWorker start(String hostname, Path dir, Map<String, String> env, List<String> command)
      throws IOException {
    List<String> line = new ArrayList<>(List.of("unshare", "--uts", "sh", "-c",
        "hostname \"$1\" && shift && exec \"$@\"", "sh", hostname));
    line.addAll(command);
    Path log = dir.resolve(hostname + ".log");
    ProcessBuilder builder = new ProcessBuilder(line).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return new LibraryWorker(builder.start(), log);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Path log() {
    return log;
  }

  /** SIGSTOP: the process keeps its connections and jobs but runs no more, as a hung worker. */
  void freeze() throws IOException, InterruptedException {
    signal("-STOP");
  }

  void thaw() throws IOException, InterruptedException {
    signal("-CONT");
  }

  /** SIGTERM, then waits for the process to exit on its own. */
  boolean terminate(long seconds) throws InterruptedException {
    process.destroy();
    return process.waitFor(seconds, TimeUnit.SECONDS);
  }

  /** Sends {@code signal} (e.g. {@code -TSTP}) with kill(1). */
  void signal(String signal) throws IOException, InterruptedException {
    new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
