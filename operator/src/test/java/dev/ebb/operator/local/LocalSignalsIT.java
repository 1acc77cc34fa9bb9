package dev.ebb.operator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ebb local} as its own process, stopped the ways a terminal, {@code timeout}, a supervisor or a CI job stop
 * it: each of SIGTERM, SIGINT and SIGHUP drains its workers (each logs its graceful stop), stops its private
 * redis-server, and exits 0, and no process it started survives it.
 */
class LocalSignalsIT {

  private static final Path WORKER_JAR = Path.of("../worker-runtime/target/ebb-worker.jar");
  private static final Pattern LOGS = Pattern.compile("worker logs in (\\S+)");

  @TempDir
  Path dir;
  private Process local;
  private List<ProcessHandle> children = List.of();

  @AfterEach
  void killLeftovers() {
    if (local != null) {
      children.forEach(ProcessHandle::destroyForcibly); // once ebb local is gone they are no longer its descendants
      local.descendants().forEach(ProcessHandle::destroyForcibly);
      local.destroyForcibly();
    }
  }

  @ParameterizedTest(name = "SIG{0}")
  @ValueSource(strings = {"TERM", "INT", "HUP"})
  void aStopSignalDrainsTheWorkersStopsRedisAndLeavesNoChildRunning(String signal) throws Exception {
    assumeTrue(Files.isRegularFile(WORKER_JAR), "the worker jar is built by the full reactor build: " + WORKER_JAR);
    Path pool = dir.resolve("pool.yaml");
    Files.writeString(pool, """
        apiVersion: ebb.dev/v1alpha1
        kind: WorkerPool
        metadata: {name: signals}
        spec:
          replicas: {min: 2, max: 2}
          queue: {redis: {address: "redis://ignored:6379/0", queue: jobs}}
          scaling: {pollingInterval: 1s}
          workers: {concurrency: 2, shutdownGracePeriod: 10s}
          template: {spec: {containers: [{name: worker, image: unused}]}}
        """);
    Path output = dir.resolve("ebb-local.log");
    local = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.ebb.operator.Ebb", "local", pool.toString(),
        "--worker-command", "java -Xmx96m -XX:TieredStopAtLevel=1 -jar " + WORKER_JAR))
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();

    Path logs = await().atMost(Duration.ofSeconds(30)).until(() -> workerLogs(output), path -> path != null);
    await().atMost(Duration.ofSeconds(30)).until(() -> fetching(logs) == 2);
    children = local.descendants().toList();
    assertThat(children.stream().map(LocalSignalsIT::command))
        .as("two workers and the private redis-server")
        .haveExactly(2, new org.assertj.core.api.Condition<>(c -> c.contains("ebb-worker.jar"), "worker"))
        .haveExactly(1, new org.assertj.core.api.Condition<>(c -> c.contains("redis-server"), "redis-server"));

    kill(signal, local.pid());

    assertThat(local.waitFor(20, TimeUnit.SECONDS)).as("ebb local exits; output:%n%s", read(output)).isTrue();
    assertThat(local.exitValue()).as(read(output)).isZero();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(children)
        .as("children still alive").noneMatch(ProcessHandle::isAlive));
    assertThat(read(output)).contains("SIG" + signal + ": stopping 2 worker(s)");
    try (Stream<Path> files = Files.list(logs)) {
      assertThat(files.map(LocalSignalsIT::read)).as("each worker stopped gracefully").hasSize(2)
          .allSatisfy(log -> assertThat(log).contains("Stopped:"));
    }
  }

  private static Path workerLogs(Path output) {
    Matcher matcher = LOGS.matcher(read(output));
    return matcher.find() ? Path.of(matcher.group(1)) : null;
  }

  private static long fetching(Path logs) throws IOException {
    try (Stream<Path> files = Files.list(logs)) {
      return files.filter(log -> read(log).contains("is fetching from")).count();
    }
  }

  private static String command(ProcessHandle process) {
    return process.info().commandLine().orElse("");
  }

  private static void kill(String signal, long pid) throws Exception {
    assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor()).isZero();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }
}
