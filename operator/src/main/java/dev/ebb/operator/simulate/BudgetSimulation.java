package dev.ebb.operator.simulate;

import dev.ebb.operator.budget.BudgetAllocation;
import dev.ebb.operator.budget.BudgetLine;
import dev.ebb.operator.budget.Grants;
import dev.ebb.operator.budget.PoolDemand;
import dev.ebb.operator.scaling.ScalingSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Several pools, each with its own jobs and settings and Ebb's policy, sharing one budget in simulated time, as the
 * operator runs them: every second each pool's events are processed; at each poll each pool's policy states its wish
 * (from the replicas it was granted), and {@link BudgetAllocation} grants the wishes within the budget, weighted by
 * how far each pool is behind its goal (oldest wait / maxQueueLatency). Without a limit each pool gets its wish. The
 * budget's use is sampled every second as the sum of the pools' replicas x cost (what their Deployments say;
 * draining workers are not counted, as in a Deployment's spec.replicas).
 *
 * @param duration     length of the run
 * @param startupDelay from pod creation to its first job
 * @param seed         the jobs' seed (each pool gets its own stream from it)
 */
public record BudgetSimulation(Duration duration, Duration startupDelay, long seed) {

  static final String BUDGET = "budget";

  /**
   * One pool of the scenario.
   *
   * @param cost what one worker uses of the budget
   */
  public record Member(String name, ScalingSettings settings, Workload workload, ProcessingTimes times, int cost) {
  }

  /** One pool's figures: its waits in seconds and its pods. */
  public record PoolResult(String name, Duration goal, double p50, double p95, double p99, double workerSeconds,
      int maxReplicas) {
  }

  /**
   * A run's figures.
   *
   * @param limit          the budget's limit, empty for a run without one
   * @param used           the budget's use at every second
   * @param throttledPolls polls at which the budget held back at least one pool
   */
  public record Result(List<PoolResult> pools, OptionalLong limit, long[] used, int throttledPolls) {

    public long peakUsed() {
      long peak = 0;
      for (long each : used) {
        peak = Math.max(peak, each);
      }
      return peak;
    }

    /** Seconds at which the use was within one worker's cost ({@code step}) of the limit. */
    public int secondsAtLimit(int step) {
      int at = 0;
      for (long each : used) {
        if (limit.isPresent() && each > limit.getAsLong() - step) {
          at++;
        }
      }
      return at;
    }

    public double meanUsed() {
      double sum = 0;
      for (long each : used) {
        sum += each;
      }
      return used.length == 0 ? 0 : sum / used.length;
    }
  }

  public Result run(List<Member> members, OptionalLong limit) {
    int seconds = (int) duration.toSeconds();
    List<SimulatedPool> pools = new ArrayList<>();
    List<EbbAutoscaler> policies = new ArrayList<>();
    int[] wishes = new int[members.size()];
    int[] maxReplicas = new int[members.size()];
    for (int i = 0; i < members.size(); i++) {
      Member member = members.get(i);
      JobStream jobs = JobStream.generate(member.workload(), seconds, member.times(), seed + 1000L * i);
      pools.add(new SimulatedPool(jobs, member.settings().concurrency(), startupDelay.toNanos() / 1e9,
          member.settings().min()));
      policies.add(new EbbAutoscaler(member.settings()));
      wishes[i] = member.settings().min();
    }
    List<BudgetLine> budgets = limit.isPresent() ? List.of(new BudgetLine(BUDGET, limit.getAsLong())) : List.of();
    long[] used = new long[seconds];
    int throttledPolls = 0;
    for (int second = 0; second < seconds; second++) {
      boolean polled = false;
      for (int i = 0; i < members.size(); i++) {
        pools.get(i).advanceTo(second);
        int desired = policies.get(i).onSecond(second, pools.get(i));
        if (policies.get(i).pollsAt(second)) {
          wishes[i] = members.get(i).settings().clamp(desired);
          polled = true;
        }
      }
      if (polled) {
        Grants grants = BudgetAllocation.allocate(budgets, demands(members, pools, wishes));
        throttledPolls += grants.throttledBy().isEmpty() ? 0 : 1;
        for (int i = 0; i < members.size(); i++) {
          int granted = grants.of(members.get(i).name());
          if (granted != pools.get(i).replicas()) {
            pools.get(i).setReplicas(granted);
          }
        }
      }
      for (int i = 0; i < members.size(); i++) {
        used[second] += (long) pools.get(i).replicas() * members.get(i).cost();
        maxReplicas[i] = Math.max(maxReplicas[i], pools.get(i).replicas());
      }
    }
    List<PoolResult> results = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      SimulatedPool pool = pools.get(i);
      pool.advanceTo(seconds);
      Samples waits = pool.waitsIncludingUnstarted();
      results.add(new PoolResult(members.get(i).name(), members.get(i).settings().maxQueueLatency(),
          waits.percentile(0.50), waits.percentile(0.95), waits.percentile(0.99), pool.workerSeconds(),
          maxReplicas[i]));
    }
    return new Result(results, limit, used, throttledPolls);
  }

  private static List<PoolDemand> demands(List<Member> members, List<SimulatedPool> pools, int[] wishes) {
    List<PoolDemand> demands = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      Member member = members.get(i);
      SimulatedPool pool = pools.get(i);
      double lateness = pool.oldestWait() / (member.settings().maxQueueLatency().toMillis() / 1000.0);
      demands.add(new PoolDemand(member.name(), member.settings().min(), wishes[i], pool.replicas(), member.cost(),
          lateness, Set.of(BUDGET)));
    }
    return demands;
  }
}
