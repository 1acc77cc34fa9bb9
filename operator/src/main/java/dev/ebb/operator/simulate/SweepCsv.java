package dev.ebb.operator.simulate;

import java.util.List;
import java.util.Locale;

/** {@code sweep.csv}: one row per policy and knob value, the means over the seeds. */
final class SweepCsv {

  private SweepCsv() {
  }

  static String format(List<Sweep.Point> points) {
    StringBuilder csv = new StringBuilder("workload,policy,knob,worker_seconds,p95_wait,p95_seed_low,p95_seed_high\n");
    for (Sweep.Point p : points) {
      csv.append(String.format(Locale.ROOT, "%s,%s,%s,%.0f,%.3f,%.3f,%.3f%n", p.workload(), p.policy(), p.knob(),
          p.workerSeconds(), p.p95(), p.p95Low(), p.p95High()));
    }
    return csv.toString();
  }
}
