package dev.ebb.operator.simulate;

import dev.ebb.operator.scaling.ScalingSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * {@code ebb simulate --sweep}: each policy over its main knob, on several seeds, so that policies can be compared at
 * equal cost (see {@link MatchedCost}). Ebb and the two reference rows run over {@code maxQueueLatency}
 * ({@link #LATENCIES}), the KEDA rows over their trigger target ({@link #TARGETS}); every other setting is the pool's.
 * Each seed draws its own jobs and its own phases of the periodic loops; a point is the mean over the seeds.
 */
final class Sweep {

  static final List<Integer> LATENCIES = List.of(5, 10, 15, 20, 30, 45, 60, 90, 120);
  static final List<Integer> TARGETS = List.of(4, 6, 8, 10, 12, 15, 20, 25, 35, 50, 75, 100, 150, 200, 300, 400,
      600, 800, 1200, 2000);

  /**
   * One point of a policy's cost/latency curve.
   *
   * @param knob          the swept setting, e.g. {@code maxQueueLatency 30s}
   * @param workerSeconds mean over the seeds
   * @param p95           mean over the seeds of the p95 wait, seconds
   * @param p95Low        the lowest p95 of a single seed
   * @param p95High       the highest p95 of a single seed
   */
  record Point(String workload, String policy, String knob, double workerSeconds, double p95, double p95Low,
               double p95High) {
  }

  private final ScalingSettings settings;
  private final Simulation simulation;
  private final ProcessingTimes times;
  private final List<Long> seeds;
  private final boolean cachedMetrics;

  Sweep(ScalingSettings settings, Simulation simulation, ProcessingTimes times, List<Long> seeds,
        boolean cachedMetrics) {
    this.settings = settings;
    this.simulation = simulation;
    this.times = times;
    this.seeds = List.copyOf(seeds);
    this.cachedMetrics = cachedMetrics;
  }

  /** The points of every policy on {@code workload}, in a fixed order: policy, then knob. */
  List<Point> run(Workload workload, ExecutorService executor) throws InterruptedException {
    Map<String, List<Future<SimulationResult>>> runs = new LinkedHashMap<>();
    for (long seed : seeds) {
      JobStream jobs = new PolicyComparison(settings, simulation, times, seed).jobs(workload);
      for (int latency : LATENCIES) {
        PolicyComparison comparison = new PolicyComparison(withLatency(latency), simulation, times, seed,
            new PolicyComparison.KedaOptions(1, 1, cachedMetrics));
        List<Autoscaler> autoscalers = new ArrayList<>();
        autoscalers.add(comparison.ebb());
        autoscalers.addAll(comparison.floors(workload, jobs));
        for (Autoscaler autoscaler : autoscalers) {
          submit(runs, autoscaler.name(), "maxQueueLatency " + latency + "s", executor, workload, jobs, autoscaler);
        }
      }
      for (int target : TARGETS) {
        PolicyComparison comparison = new PolicyComparison(settings, simulation, times, seed,
            new PolicyComparison.KedaOptions(target, target, cachedMetrics));
        for (KedaConfig keda : comparison.kedaConfigs()) {
          submit(runs, keda.name(), "target " + target, executor, workload, jobs, new HpaKedaAutoscaler(keda));
        }
      }
    }
    List<Point> points = new ArrayList<>();
    for (Map.Entry<String, List<Future<SimulationResult>>> entry : runs.entrySet()) {
      String[] key = entry.getKey().split("\\|", 2);
      points.add(point(workload.name(), key[0], key[1], entry.getValue()));
    }
    points.sort(java.util.Comparator.comparingInt((Point p) -> MatchedCost.POLICIES.indexOf(p.policy())));
    return points;
  }

  private void submit(Map<String, List<Future<SimulationResult>>> runs, String policy, String knob,
                      ExecutorService executor, Workload workload, JobStream jobs, Autoscaler autoscaler) {
    runs.computeIfAbsent(policy + "|" + knob, k -> new ArrayList<>())
        .add(executor.submit(() -> simulation.run(workload.name(), jobs, autoscaler)));
  }

  private static Point point(String workload, String policy, String knob, List<Future<SimulationResult>> runs)
      throws InterruptedException {
    double cost = 0;
    double p95 = 0;
    double low = Double.MAX_VALUE;
    double high = 0;
    for (Future<SimulationResult> run : runs) {
      SimulationResult result;
      try {
        result = run.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("a simulation failed: " + e.getCause(), e.getCause());
      }
      cost += result.workerSeconds();
      p95 += result.p95Wait();
      low = Math.min(low, result.p95Wait());
      high = Math.max(high, result.p95Wait());
    }
    return new Point(workload, policy, knob, cost / runs.size(), p95 / runs.size(), low, high);
  }

  private ScalingSettings withLatency(int seconds) {
    ScalingSettings s = settings;
    return new ScalingSettings(s.min(), s.max(), s.pollingInterval(), Duration.ofSeconds(seconds),
        s.targetUtilization(), s.jobsPerReplica(), s.scaleUpStabilization(), s.scaleDownStabilization(),
        s.scaleToZeroAfter(), s.fallbackReplicas(), s.fallbackAfterFailures(), s.paused(), s.concurrency());
  }
}
