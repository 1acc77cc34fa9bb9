package dev.ebb.operator.simulate;

/**
 * A reference row, not a policy: it knows every job in advance (arrival and processing time) and starts pods one
 * start-up ahead. At each second t it runs the pods that the coming start-up period needs, because a pod let go now
 * cannot be back before t + start-up: for every second u in [t, t + start-up], the work (processing seconds) that
 * arrives in [u, u + L] spread over L at the target utilization, plus today's backlog drained within L. No
 * stabilization, no tolerance: its cost is what foresight would pay for that latency goal.
 */
final class ForesightOracle implements Autoscaler {

  private final int min;
  private final int max;
  private final int concurrency;
  private final int startup;
  private final int latency;
  private final double utilization;
  private final double meanProcessing;
  private final double[] workBefore;

  /**
   * @param latencySeconds L, the drain goal, as Ebb's maxQueueLatency
   * @param seconds        length of the run
   */
  ForesightOracle(JobStream jobs, int seconds, int min, int max, int concurrency, double startupSeconds,
                  int latencySeconds, double utilization) {
    this.min = min;
    this.max = max;
    this.concurrency = concurrency;
    this.startup = (int) Math.ceil(startupSeconds);
    this.latency = Math.max(1, latencySeconds);
    this.utilization = utilization;
    this.meanProcessing = jobs.meanProcessing();
    this.workBefore = jobs.workBefore(seconds + startup + latency + 1);
  }

  @Override
  public String name() {
    return "oracle-floor";
  }

  @Override
  public int onSecond(long second, PoolView pool) {
    double ahead = 0;
    for (long u = second; u <= second + startup; u++) {
      double work = workBefore[(int) (u + latency)] - workBefore[(int) u];
      ahead = Math.max(ahead, work / (concurrency * utilization * latency));
    }
    double backlog = pool.depth() * meanProcessing / (concurrency * (double) latency);
    int busyFloor = (int) Math.ceil(pool.runningJobs() / (double) concurrency);
    int needed = Math.max(busyFloor, (int) Math.ceil(ahead + backlog - 1e-9));
    return Math.max(min, Math.min(max, needed));
  }
}
