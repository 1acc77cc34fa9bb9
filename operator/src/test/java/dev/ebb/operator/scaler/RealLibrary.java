package dev.ebb.operator.scaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * An ecosystem's own library, run as its own process by the format tests: whether it is installed (under
 * {@code CI=true} a missing library fails the test; elsewhere the test is skipped, naming what to install), a client
 * command run to completion, and a worker process started in the background.
 */
final class RealLibrary {

  private static final long COMMAND_SECONDS = 60;
  private static final Map<List<String>, Optional<String>> PROBED = new ConcurrentHashMap<>();

  private RealLibrary() {
  }

  /**
   * Fails (in CI) or skips (elsewhere) unless {@code probe} runs and exits 0; call it before each test, so that each
   * skipped test is reported with the message (the probe runs once).
   */
  static void require(String library, String install, Path directory, String... probe) {
    String problem = PROBED.computeIfAbsent(List.of(probe), command -> Optional.ofNullable(probe(directory, probe)))
        .orElse(null);
    if (problem == null) {
      return;
    }
    String message = library + " is not usable (" + problem + "): " + install;
    if ("true".equals(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.abort(message);
  }

  private static String probe(Path directory, String... command) {
    try {
      Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return String.join(" ", command) + " did not finish";
      }
      return process.exitValue() == 0 ? null
          : String.join(" ", command) + " exited " + process.exitValue() + ": " + output.strip();
    } catch (IOException e) {
      return e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** Runs a client command to completion and asserts it succeeded. */
  static void run(Path directory, Map<String, String> env, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
    assertThat(process.exitValue()).as("exit of %s: %s", List.of(command), output).isZero();
  }

  /** Starts a worker process; its output goes to {@code log}. The caller stops it with {@link #stop}. */
  static Process start(Path directory, Path log, Map<String, String> env, String... command) throws IOException {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  /**
   * SIGTERM to the process (its own shutdown: Celery's warm shutdown, BullMQ's worker.close()), then SIGKILL after a
   * few seconds to it and everything it started.
   */
  static void stop(Process process) throws InterruptedException {
    if (process == null) {
      return;
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    children.forEach(ProcessHandle::destroyForcibly);
  }

  static Path logFile(String name) {
    return Path.of("target", "real-libraries", name + ".log").toAbsolutePath();
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
