package dev.ebb.operator.simulate;

import dev.ebb.operator.scaling.ScalingSettings;
import java.util.List;

/**
 * Ebb's policy and the HPA/KEDA baseline on the same jobs, at the same targets: the pool's min, max and
 * jobsPerReplica, and its scaleToZeroAfter as KEDA's cooldownPeriod.
 */
public record PolicyComparison(ScalingSettings settings, Simulation simulation, ProcessingTimes processingTimes,
                               long seed) {

  /** Results in a fixed order: ebb, then hpa-keda. */
  public List<SimulationResult> run(Workload workload) {
    JobStream jobs = JobStream.generate(workload, simulation.duration().toSeconds(), processingTimes, seed);
    return List.of(
        simulation.run(workload.name(), jobs, new EbbAutoscaler(settings)),
        simulation.run(workload.name(), jobs, new HpaKedaAutoscaler(settings.min(), settings.max(),
            settings.jobsPerReplica(), settings.scaleToZeroAfter().toSeconds())));
  }
}
