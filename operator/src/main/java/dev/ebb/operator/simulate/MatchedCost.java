package dev.ebb.operator.simulate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * p95 wait at equal worker-seconds. Each policy's sweep points form a cost/latency curve; its lower envelope (the
 * points no cheaper point beats on p95: the knob values a user would pick) is interpolated linearly in cost. Policies
 * are compared at the costs of Ebb's own points, where the other curve reaches that far.
 */
final class MatchedCost {

  static final List<String> POLICIES = List.of("ebb", "keda-llen", "keda-tuned", "reactive-floor", "oracle-floor");

  private MatchedCost() {
  }

  /** The lower envelope of one policy's points, cheapest first. */
  static List<Sweep.Point> envelope(List<Sweep.Point> points) {
    List<Sweep.Point> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparingDouble(Sweep.Point::workerSeconds));
    List<Sweep.Point> envelope = new ArrayList<>();
    for (Sweep.Point point : sorted) {
      if (envelope.isEmpty() || point.p95() < envelope.get(envelope.size() - 1).p95()) {
        envelope.add(point);
      }
    }
    return envelope;
  }

  /** The p95 wait of a policy's envelope at {@code cost}; empty outside the costs its sweep reached. */
  static OptionalDouble p95At(List<Sweep.Point> points, double cost) {
    List<Sweep.Point> envelope = envelope(points);
    if (envelope.isEmpty() || cost < envelope.get(0).workerSeconds()) {
      return OptionalDouble.empty();
    }
    for (int i = 0; i < envelope.size(); i++) {
      Sweep.Point point = envelope.get(i);
      if (cost <= point.workerSeconds()) {
        Sweep.Point before = envelope.get(i - 1 < 0 ? 0 : i - 1);
        if (i == 0 || point.workerSeconds() == before.workerSeconds()) {
          return OptionalDouble.of(point.p95());
        }
        double share = (cost - before.workerSeconds()) / (point.workerSeconds() - before.workerSeconds());
        return OptionalDouble.of(before.p95() + share * (point.p95() - before.p95()));
      }
    }
    // beyond the dearest point of the envelope: more pods than that buy no lower p95 on this curve
    return OptionalDouble.of(envelope.get(envelope.size() - 1).p95());
  }

  static List<Sweep.Point> of(List<Sweep.Point> points, String workload, String policy) {
    return points.stream().filter(p -> p.workload().equals(workload) && p.policy().equals(policy)).toList();
  }

  static final String HEADER = String.format(Locale.ROOT, "%-8s %-22s %14s %7s %10s %11s %15s %13s %13s",
      "WORKLOAD", "EBB", "WORKER-SECONDS", "ebb", "keda-llen", "keda-tuned", "reactive-floor", "oracle-floor",
      "EBB/TUNED-1");

  /** One row per point of Ebb's envelope: every policy's p95 at that cost. */
  static String table(List<Sweep.Point> points, List<String> workloads) {
    StringBuilder table = new StringBuilder(HEADER).append('\n');
    for (String workload : workloads) {
      for (Sweep.Point ebb : envelope(of(points, workload, "ebb"))) {
        double cost = ebb.workerSeconds();
        table.append(String.format(Locale.ROOT, "%-8s %-22s %14.0f", workload, ebb.knob(), cost));
        int[] widths = {7, 10, 11, 15, 13};
        OptionalDouble tuned = OptionalDouble.empty();
        for (int i = 0; i < POLICIES.size(); i++) {
          OptionalDouble p95 = p95At(of(points, workload, POLICIES.get(i)), cost);
          if (POLICIES.get(i).equals("keda-tuned")) {
            tuned = p95;
          }
          table.append(String.format(Locale.ROOT, " %" + widths[i] + "s", p95.isPresent()
              ? String.format(Locale.ROOT, "%.1fs", p95.getAsDouble()) : "-"));
        }
        String ratio = tuned.isPresent() && tuned.getAsDouble() > 0
            ? String.format(Locale.ROOT, "%+.0f%%", 100 * (ebb.p95() / tuned.getAsDouble() - 1)) : "-";
        table.append(String.format(Locale.ROOT, " %13s%n", ratio));
      }
    }
    return table.toString();
  }

  static final String POINTS_HEADER = String.format(Locale.ROOT, "%-8s %-14s %-22s %14s %9s %15s",
      "WORKLOAD", "POLICY", "KNOB", "WORKER-SECONDS", "P95-WAIT", "P95-SEED-RANGE");

  /** Every point of the sweep. */
  static String points(List<Sweep.Point> points) {
    StringBuilder table = new StringBuilder(POINTS_HEADER).append('\n');
    for (Sweep.Point p : points) {
      table.append(String.format(Locale.ROOT, "%-8s %-14s %-22s %14.0f %8.1fs %15s%n", p.workload(), p.policy(),
          p.knob(), p.workerSeconds(), p.p95(), String.format(Locale.ROOT, "%.1f-%.1fs", p.p95Low(), p.p95High())));
    }
    return table.toString();
  }
}
