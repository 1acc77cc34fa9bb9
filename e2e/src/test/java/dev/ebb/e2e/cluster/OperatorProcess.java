package dev.ebb.e2e.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar ebb-operator.jar operator} in its own JVM with the shipped settings (leader election on, the heap
 * the manifest's 512Mi limit gives), authenticated as the {@code ebb-operator} ServiceAccount through a kubeconfig
 * holding its TokenRequest token: the real authorizer decides every call.
 */
public final class OperatorProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private OperatorProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  static OperatorProcess start(String name, Path operatorJar, Path kubeconfig, Path dir, Map<String, String> settings)
      throws IOException {
    Files.createDirectories(dir);
    Path log = dir.resolve("operator-" + name + ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // manifests/operator/deployment.yaml: a 512Mi limit, -XX:MaxRAMPercentage=60 -XX:+UseSerialGC
        "-Xmx307m", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-jar", operatorJar.toString(), "operator"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(n -> n.startsWith("EBB_") || n.equals("JAVA_TOOL_OPTIONS")
        || n.startsWith("KUBERNETES_"));
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("EBB_LEADER_ELECTION", "true");
    builder.environment().put("EBB_LEASE_NAMESPACE", "ebb-system");
    builder.environment().put("EBB_POD_NAME", "ebb-operator-" + name);
    builder.environment().put("EBB_HTTP_PORT", "0");
    builder.environment().putAll(settings);
    return new OperatorProcess(name, builder.start(), log);
  }

  public String name() {
    return name;
  }

  /** The identity it holds the Lease with. */
  public String identity() {
    return "ebb-operator-" + name;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  public String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  /** The last lines of its log, for a failed wait to print. */
  public String tail(int lines) {
    List<String> all = logText().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** Lines of its log where the authorizer refused it (RBAC's "is forbidden: User ... cannot ..."): none may exist. */
  public List<String> forbiddenLines() {
    return logText().lines().filter(l -> l.contains("is forbidden: User")).toList();
  }

  /** Lines of stack traces in its log: a failure that repeats shows as one log line, not as traces in a loop. */
  public List<String> stackTraceLines() {
    return logText().lines().filter(l -> l.startsWith("\tat ") || l.startsWith("Caused by:")).toList();
  }

  /** SIGTERM, as a kubelet stops the pod; returns the exit code. */
  public int terminate(Duration grace) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      return 137;
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    try {
      terminate(Duration.ofSeconds(20));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
