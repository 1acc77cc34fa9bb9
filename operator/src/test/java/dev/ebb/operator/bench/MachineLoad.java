package dev.ebb.operator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU use of the whole machine against that of the benchmark's own processes (this JVM with its mock API server,
 * the operator JVM, redis-server), so that a run on a shared machine says how much of the CPU others took.
 *
 * @param busySeconds CPU seconds the whole machine spent busy (all cores, from /proc/stat)
 * @param ourSeconds CPU seconds of this process and its children
 * @param wallNanos when the snapshot was taken
 */
record MachineLoad(double busySeconds, double ourSeconds, long wallNanos) {

  private static final double TICKS_PER_SECOND = 100;

  static MachineLoad now() throws IOException {
    String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long busy = 0;
    // user nice system idle iowait irq softirq steal: all but idle and iowait are busy
    for (int i = 1; i <= 8 && i < cpu.length; i++) {
      if (i != 4 && i != 5) {
        busy += Long.parseLong(cpu[i]);
      }
    }
    ProcessHandle self = ProcessHandle.current();
    double ours = OperatorProcess.cpuSeconds(self.pid());
    for (ProcessHandle child : self.descendants().toList()) {
      try {
        ours += OperatorProcess.cpuSeconds(child.pid());
      } catch (IOException gone) {
        // a child that just ended (jcmd) has no /proc entry any more
      }
    }
    return new MachineLoad(busy / TICKS_PER_SECOND, ours, System.nanoTime());
  }

  /** Cores busy between {@code earlier} and this snapshot: [whole machine, the benchmark's processes]. */
  double[] coresSince(MachineLoad earlier) {
    double seconds = (wallNanos - earlier.wallNanos) / 1e9;
    return new double[] {(busySeconds - earlier.busySeconds) / seconds, (ourSeconds - earlier.ourSeconds) / seconds};
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "?";
    }
  }
}
