package dev.ebb.e2e.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pod's container: a real {@code ebb-worker.jar} JVM, or the container's own command run on this machine (a
 * library's worker: {@code rq worker}, {@code sidekiq}) under the pod's name as its hostname; signalled as a kubelet
 * signals it.
 */
final class WorkerProcess {

  /** Small and quick to start: a dozen of these share two cores with the control plane. */
  private static final List<String> JVM_OPTIONS = List.of("-Xmx96m", "-Xss512k", "-XX:+UseSerialGC",
      "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-Xshare:auto");

  private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  private final Process process;
  private final Instant started;
  private volatile Instant terminationRequested;

  private WorkerProcess(Process process) {
    this.process = process;
    this.started = Instant.now();
  }

  static WorkerProcess start(Path workerJar, Map<String, String> env, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_OPTIONS);
    command.addAll(List.of("-jar", workerJar.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(name -> name.startsWith("EBB_") || name.equals("JAVA_TOOL_OPTIONS"));
    builder.environment().putAll(env);
    return new WorkerProcess(builder.start());
  }

  /**
   * The container's command and args run on this machine as a kubelet would run them in the image: {@code $(VAR)}
   * expanded from the container's environment, the hostname the pod's name (its own UTS namespace: root only).
   */
  static WorkerProcess startCommand(String hostname, List<String> commandAndArgs, Map<String, String> env, Path log)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("unshare", "--uts", "sh", "-c",
        "hostname \"$1\" && shift && exec \"$@\"", "sh", hostname));
    commandAndArgs.forEach(arg -> command.add(expand(arg, env)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(name -> name.startsWith("EBB_"));
    builder.environment().putAll(env);
    return new WorkerProcess(builder.start());
  }

  /** Kubernetes' {@code $(VAR)} expansion in command and args: a defined variable's value, else left as written. */
  static String expand(String arg, Map<String, String> env) {
    Matcher matcher = VARIABLE.matcher(arg);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = env.get(matcher.group(1));
      matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group() : value));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  Instant started() {
    return started;
  }

  Process process() {
    return process;
  }

  /**
   * What a kubelet does on graceful deletion: SIGTERM, then SIGKILL when the grace period is over (a stopped process
   * keeps its SIGTERM pending and is killed at the end of the period). Returns the exit code.
   */
  int terminate(Duration gracePeriod) throws InterruptedException {
    terminationRequested = Instant.now();
    process.destroy();
    if (!process.waitFor(gracePeriod.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      return 137;
    }
    return process.exitValue();
  }

  Instant terminationRequested() {
    return terminationRequested;
  }

  void kill() {
    process.destroyForcibly();
  }

  /** Sends a signal by name (STOP, CONT) with kill(1): the JDK sends only TERM and KILL. */
  void signal(String name) {
    try {
      new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
