package dev.ebb.operator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The operator as production runs it: {@code dev.ebb.operator.Ebb operator} in its own JVM, on the operator's runtime
 * classpath only (no test classes, no mock server), with its default settings, pointed at the run's {@link ApiServer}
 * (the mock server through fabric8's {@code kubernetes.master} property, a real one through a kubeconfig holding the
 * {@code ebb-operator} ServiceAccount's token). Its memory and CPU are read from {@code /proc}.
 */
final class OperatorProcess implements AutoCloseable {

  /** USER_HZ: the unit of utime and stime in /proc/<pid>/stat; 100 on every Linux this runs on. */
  private static final double TICKS_PER_SECOND = 100;

  private final Process process;
  private final Path dir;

  private OperatorProcess(Process process, Path dir) {
    this.process = process;
    this.dir = dir;
  }

  static OperatorProcess start(ApiServer apiServer, String classpath, List<String> jvmOptions,
      Map<String, String> settings, boolean jfr, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    if (jfr) {
      command.add("-XX:StartFlightRecording=filename=" + dir.resolve("operator.jfr") + ",settings=profile,dumponexit=true");
    }
    command.addAll(apiServer.operatorJvmOptions());
    command.addAll(List.of("-cp", classpath, "dev.ebb.operator.Ebb", "operator"));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("operator.log").toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("EBB_") || name.equals("JAVA_TOOL_OPTIONS")
        || name.equals("KUBECONFIG"));
    builder.environment().put("EBB_HTTP_PORT", "0");
    builder.environment().putAll(apiServer.operatorEnvironment());
    builder.environment().putAll(settings);
    Process process = builder.start();
    Files.writeString(dir.resolve("operator.pid"), process.pid() + "\n");
    Files.writeString(dir.resolve("operator.command"), String.join(" ", command) + "\n");
    return new OperatorProcess(process, dir);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Peak and current resident memory and the CPU time used so far. */
  Figures figures() throws IOException {
    long peakKiB = 0;
    long rssKiB = 0;
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith("VmHWM:")) {
        peakKiB = kib(line);
      } else if (line.startsWith("VmRSS:")) {
        rssKiB = kib(line);
      }
    }
    return new Figures(peakKiB, rssKiB, cpuSeconds(pid()));
  }

  /** CPU seconds (user + system) of a process, from /proc/<pid>/stat. */
  static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields[0] is field 3 (state): utime is field 14, stime field 15
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
  }

  /**
   * Where the operator's memory goes outside the heap (jcmd VM.native_memory summary) into the run's directory; it
   * says only "not enabled" unless the operator runs with {@code -XX:NativeMemoryTracking=summary}.
   */
  void nativeMemory(String name) {
    jcmd("VM.native_memory summary", name);
  }

  /** A thread dump (jcmd Thread.print) into the run's directory. */
  void threadDump(String name) {
    jcmd("Thread.print", name);
  }

  /**
   * What the heap holds after a full GC (jcmd GC.class_histogram, which collects first), written to {@code file} in
   * the run's directory. It stops the operator for a moment: take it only where that does not distort a figure.
   */
  HeapCensus census(String file) throws IOException {
    jcmd("GC.class_histogram", file);
    long total = -1;
    long timerTasks = 0;
    for (String line : Files.readAllLines(dir.resolve(file))) {
      String[] cols = line.trim().split("\\s+");
      if (line.startsWith("Total") && cols.length >= 3) {
        total = Long.parseLong(cols[2]);
      } else if (line.endsWith(HeapCensus.TIMER_TASK) && cols.length >= 4) {
        timerTasks = Long.parseLong(cols[1]);
      }
    }
    return new HeapCensus(total, timerTasks, System.nanoTime());
  }

  /**
   * A heap census.
   *
   * @param liveBytes bytes of all objects alive after a full GC
   * @param timerTasks JOSDK's {@code TimerEventSource$EventProducerTimeTask}s alive: the timer that schedules every
   *     resource's next reconcile ({@code maxReconciliationInterval}) keeps each cancelled task until it would have run
   */
  record HeapCensus(long liveBytes, long timerTasks, long atNanos) {
    static final String TIMER_TASK =
        "io.javaoperatorsdk.operator.processing.event.source.timer.TimerEventSource$EventProducerTimeTask";
  }

  private void jcmd(String command, String file) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      List<String> call = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid())));
      call.addAll(List.of(command.split(" ")));
      Process run = new ProcessBuilder(call)
          .redirectErrorStream(true).redirectOutput(dir.resolve(file).toFile()).start();
      run.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      System.err.println("jcmd " + command + " failed: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(Duration.ofSeconds(15).toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static long kib(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  /** Memory in KiB, CPU in seconds. */
  record Figures(long peakRssKiB, long rssKiB, double cpuSeconds) {
  }
}
