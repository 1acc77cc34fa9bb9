package dev.ebb.operator.simulate;

/**
 * The figures of one policy on one workload.
 *
 * @param workerSeconds   pod-seconds paid for (starting and draining pods included)
 * @param p50Wait         median time from enqueue to start, seconds (jobs still waiting at the end count with
 *                        their wait so far)
 * @param maxBacklog      the largest number of waiting jobs at a second boundary
 * @param scalingChanges  how many times the replica count changed
 * @param jobs            jobs that arrived during the run
 */
public record SimulationResult(String workload, String policy, double workerSeconds, double p50Wait, double p95Wait,
                               double p99Wait, long maxBacklog, int scalingChanges, long jobs, Timeline timeline) {
}
