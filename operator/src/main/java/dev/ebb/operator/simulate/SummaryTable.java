package dev.ebb.operator.simulate;

import java.util.List;
import java.util.Locale;

/** The comparison as a plain-text table, one row per workload and policy. */
final class SummaryTable {

  static final String HEADER = String.format(Locale.ROOT, "%-8s %-14s %14s %9s %9s %9s %12s %8s",
      "WORKLOAD", "POLICY", "WORKER-SECONDS", "P50-WAIT", "P95-WAIT", "P99-WAIT", "MAX-BACKLOG", "CHANGES");

  private SummaryTable() {
  }

  static String format(List<SimulationResult> results) {
    StringBuilder table = new StringBuilder(HEADER).append('\n');
    for (SimulationResult r : results) {
      table.append(String.format(Locale.ROOT, "%-8s %-14s %14.0f %9s %9s %9s %12d %8d%n", r.workload(), r.policy(),
          r.workerSeconds(), seconds(r.p50Wait()), seconds(r.p95Wait()), seconds(r.p99Wait()), r.maxBacklog(),
          r.scalingChanges()));
    }
    return table.toString();
  }

  static String seconds(double value) {
    return value < 10 ? String.format(Locale.ROOT, "%.2fs", value) : String.format(Locale.ROOT, "%.0fs", value);
  }
}
