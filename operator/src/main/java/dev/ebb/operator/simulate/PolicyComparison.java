package dev.ebb.operator.simulate;

import dev.ebb.operator.scaling.ScalingSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Ebb's policy and the KEDA + HPA baselines on the same jobs: the pool's min and max, its scaleToZeroAfter as KEDA's
 * cooldownPeriod, the trigger target of {@link KedaOptions}. The phases of every periodic loop (Ebb's poll, KEDA's
 * poll, the HPA's sync) relative to the workload are drawn from the seed, so no policy always meets a workload's
 * edges at its best or its worst moment.
 */
public record PolicyComparison(ScalingSettings settings, Simulation simulation, ProcessingTimes processingTimes,
                               long seed, KedaOptions keda) {

  /**
   * The KEDA rows' targets per replica and metric cache.
   *
   * @param listLength    keda-llen's {@code listLength}
   * @param workTarget    keda-tuned's target for waiting + running jobs
   * @param cachedMetrics the triggers' {@code useCachedMetrics}
   */
  public record KedaOptions(int listLength, int workTarget, boolean cachedMetrics) {

    /**
     * What one replica drains within the latency goal, c·L/p: a list of this length per replica is worked off in
     * {@code maxQueueLatency}. The list length a KEDA user sizing for the same goal would choose.
     */
    public static int listLengthFor(ScalingSettings settings, ProcessingTimes times) {
      double p = times.mean().toNanos() / 1e9;
      return (int) Math.max(1, Math.round(settings.concurrency() * settings.maxQueueLatency().toNanos() / 1e9 / p));
    }

    /**
     * c·ρ: with running jobs in the metric, a pool at this target runs each worker at the pool's target utilization,
     * and every c·ρ waiting jobs add a replica.
     */
    public static int workTargetFor(ScalingSettings settings) {
      return (int) Math.max(1, Math.round(settings.concurrency() * settings.targetUtilization()));
    }

    public static KedaOptions defaults(ScalingSettings settings, ProcessingTimes times) {
      return new KedaOptions(listLengthFor(settings, times), workTargetFor(settings), false);
    }
  }

  /** With the KEDA rows' default targets and fresh metrics. */
  public PolicyComparison(ScalingSettings settings, Simulation simulation, ProcessingTimes times, long seed) {
    this(settings, simulation, times, seed, KedaOptions.defaults(settings, times));
  }

  /** The two KEDA rows as configured for this run, phases included. */
  List<KedaConfig> kedaConfigs() {
    Random phases = phases();
    phases.nextLong(); // Ebb's phase
    long cooldown = settings.scaleToZeroAfter().toSeconds();
    KedaConfig llen = KedaConfig.redisListDefaults(settings.min(), settings.max(), keda.listLength(), cooldown,
        keda.cachedMetrics()).withRandomPhases(phases);
    KedaConfig tuned = KedaConfig.tuned(settings.min(), settings.max(), keda.workTarget(), cooldown,
        keda.cachedMetrics()).withPhases(llen.pollPhase(), llen.syncPhase()); // the same cluster's loops
    return List.of(llen, tuned);
  }

  long ebbPhase() {
    return Math.floorMod(phases().nextLong(), Math.max(1, settings.pollingInterval().toSeconds()));
  }

  private Random phases() {
    return new Random(seed * 1_000_003L + 101);
  }

  EbbAutoscaler ebb() {
    return new EbbAutoscaler(settings, ebbPhase());
  }

  /** The two reference rows (bounds, not policies), at the pool's latency goal and scale-down window. */
  List<Autoscaler> floors(Workload workload, JobStream jobs) {
    int seconds = (int) simulation.duration().toSeconds();
    double latency = settings.maxQueueLatency().toNanos() / 1e9;
    return List.of(
        new ReactiveFloor(workload, jobs, seconds, settings.min(), settings.max(), settings.concurrency(), latency,
            settings.targetUtilization(), settings.scaleDownStabilization().toSeconds()),
        new ForesightOracle(jobs, seconds, settings.min(), settings.max(), settings.concurrency(),
            simulation.startupDelay().toNanos() / 1e9, (int) Math.round(latency), settings.targetUtilization()));
  }

  JobStream jobs(Workload workload) {
    return JobStream.generate(workload, simulation.duration().toSeconds(), processingTimes, seed);
  }

  /** Results in a fixed order: ebb, keda-llen, keda-tuned, reactive-floor, oracle-floor. */
  public List<SimulationResult> run(Workload workload) {
    JobStream jobs = jobs(workload);
    List<Autoscaler> autoscalers = new ArrayList<>();
    autoscalers.add(ebb());
    kedaConfigs().forEach(config -> autoscalers.add(new HpaKedaAutoscaler(config)));
    autoscalers.addAll(floors(workload, jobs));
    return autoscalers.stream().map(each -> simulation.run(workload.name(), jobs, each)).toList();
  }
}
