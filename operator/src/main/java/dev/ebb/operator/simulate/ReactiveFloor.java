package dev.ebb.operator.simulate;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A reference row, not a policy: Ebb's sizing rule, needed = λ·p/(c·ρ) + B·p/(c·L), with perfect present knowledge
 * and no lag: asked every second, it knows the workload's current arrival rate (no counter deltas, no confirmation
 * of a rise) and the exact mean processing time, and acts at once. It keeps Ebb's scale-down hold: the steady-load
 * part of the recommendations is held for the scale-down window, the backlog's part for min(L, window). What any
 * policy that only reacts to the present, with that hold, would pay and wait.
 */
final class ReactiveFloor implements Autoscaler {

  private record Recommendation(long second, int replicas, int steady) {
  }

  private final Workload workload;
  private final long duration;
  private final int min;
  private final int max;
  private final int concurrency;
  private final double latency;
  private final double utilization;
  private final long hold;
  private final double meanProcessing;
  private final Deque<Recommendation> window = new ArrayDeque<>();

  ReactiveFloor(Workload workload, JobStream jobs, long duration, int min, int max, int concurrency,
                double latencySeconds, double utilization, long holdSeconds) {
    this.workload = workload;
    this.duration = duration;
    this.min = min;
    this.max = max;
    this.concurrency = concurrency;
    this.latency = latencySeconds;
    this.utilization = utilization;
    this.hold = holdSeconds;
    this.meanProcessing = jobs.meanProcessing();
  }

  @Override
  public String name() {
    return "reactive-floor";
  }

  @Override
  public int onSecond(long second, PoolView pool) {
    double steady = workload.rate(second, duration) * meanProcessing / (concurrency * utilization);
    double backlog = pool.depth() * meanProcessing / (concurrency * latency);
    int busyFloor = (int) Math.ceil(pool.runningJobs() / (double) concurrency);
    int recommended = Math.max(min, Math.min(max, Math.max(busyFloor, (int) Math.ceil(steady + backlog - 1e-9))));
    int steadyPart = Math.min(recommended, Math.max(min, Math.min(max, (int) Math.ceil(steady - 1e-9))));
    window.addLast(new Recommendation(second, recommended, steadyPart));
    while (window.peekFirst().second() < second - hold) {
      window.removeFirst();
    }
    long backlogHold = Math.min(hold, Math.round(latency));
    int highest = window.stream().mapToInt(r -> r.second() >= second - backlogHold ? r.replicas() : r.steady())
        .max().orElse(recommended);
    return Math.max(recommended, Math.min(pool.replicas(), highest));
  }
}
