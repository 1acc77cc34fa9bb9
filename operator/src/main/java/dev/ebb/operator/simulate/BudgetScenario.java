package dev.ebb.operator.simulate;

import dev.ebb.api.v1alpha1.DurationFormat;
import dev.ebb.operator.scaling.ScalingSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * {@code ebb simulate --budget}: three pools on one database, a burst on all three at once, run once without a
 * budget (to find the unconstrained peak of connections) and once with a budget of a share of that peak. The pools
 * differ only in their latency goals (10 s, 60 s, 5 min), so the report shows what the budget's sharing by lateness
 * does to each.
 */
public final class BudgetScenario {

  /** 10 jobs/s, {@code peak} jobs/s from 1/3 to 1/2 of the run. */
  record Burst(double peak) implements Workload {
    public String name() {
      return "burst";
    }

    public String description() {
      return "10 jobs/s, " + (int) peak + " jobs/s from 1/3 to 1/2 of the run";
    }

    public double rate(long second, long duration) {
      return second >= duration / 3 && second < duration / 2 ? peak : 10;
    }
  }

  private BudgetScenario() {
  }

  /** Three pools of 1..40 workers, concurrency 10, one connection per job slot, goals 10 s, 60 s and 5 min. */
  public static List<BudgetSimulation.Member> threePools(ProcessingTimes times) {
    return List.of(
        member("checkout", Duration.ofSeconds(10), 120, times),
        member("emails", Duration.ofSeconds(60), 120, times),
        member("reports", Duration.ofMinutes(5), 120, times));
  }

  private static BudgetSimulation.Member member(String name, Duration goal, double peak, ProcessingTimes times) {
    ScalingSettings defaults = ScalingSettings.defaults(1, 40);
    ScalingSettings settings = new ScalingSettings(defaults.min(), defaults.max(), defaults.pollingInterval(), goal,
        defaults.targetUtilization(), defaults.jobsPerReplica(), defaults.scaleUpStabilization(),
        defaults.scaleDownStabilization(), defaults.scaleToZeroAfter(), defaults.fallbackReplicas(),
        defaults.fallbackAfterFailures(), false, defaults.concurrency());
    return new BudgetSimulation.Member(name, settings, new Burst(peak), times, settings.concurrency());
  }

  /** Both runs: without a budget, then with {@code share} of the first run's peak. */
  public static Comparison compare(BudgetSimulation simulation, List<BudgetSimulation.Member> members, double share) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("--budget-share must be in (0, 1], got " + share);
    }
    BudgetSimulation.Result free = simulation.run(members, OptionalLong.empty());
    long limit = Math.max(1, (long) Math.floor(free.peakUsed() * share));
    BudgetSimulation.Result capped = simulation.run(members, OptionalLong.of(limit));
    return new Comparison(members, share, free, capped);
  }

  /** The two runs of one scenario. */
  public record Comparison(List<BudgetSimulation.Member> members, double share, BudgetSimulation.Result free,
      BudgetSimulation.Result capped) {

    public String report() {
      long limit = capped.limit().orElseThrow();
      int step = members.stream().mapToInt(BudgetSimulation.Member::cost).max().orElse(1);
      StringBuilder out = new StringBuilder();
      out.append(String.format(Locale.ROOT, "budget: limit %d (%.0f%% of the unconstrained peak %d), cost %d per"
          + " worker; sampled every second%n", limit, share * 100, free.peakUsed(), step));
      out.append(String.format(Locale.ROOT, "  with the budget:    used max %d, never above the limit: %s, within one"
              + " worker of it %d s, mean %.1f, polls that throttled %d%n", capped.peakUsed(),
          capped.peakUsed() <= limit ? "yes" : "NO", capped.secondsAtLimit(step), capped.meanUsed(),
          capped.throttledPolls()));
      out.append(String.format(Locale.ROOT, "  without the budget: used max %d, above the limit %d s, mean %.1f%n",
          free.peakUsed(), secondsAbove(free, limit), free.meanUsed()));
      out.append(String.format(Locale.ROOT, "%-17s | %-45s | %s%n", "", "with the budget", "without"));
      out.append(String.format(Locale.ROOT, "%-10s %6s | %8s %8s %8s %7s %9s | %8s %8s %8s %7s %9s%n", "POOL", "GOAL",
          "P50", "P95", "P99", "MAX-REP", "WORKER-S", "P50", "P95", "P99", "MAX-REP", "WORKER-S"));
      for (int i = 0; i < members.size(); i++) {
        BudgetSimulation.PoolResult with = capped.pools().get(i);
        BudgetSimulation.PoolResult without = free.pools().get(i);
        out.append(String.format(Locale.ROOT, "%-10s %6s | %7.1fs %7.1fs %7.1fs %7d %9.0f | %7.1fs %7.1fs %7.1fs %7d"
                + " %9.0f%n", with.name(), DurationFormat.format(with.goal()), with.p50(), with.p95(), with.p99(),
            with.maxReplicas(), with.workerSeconds(), without.p50(), without.p95(), without.p99(),
            without.maxReplicas(), without.workerSeconds()));
      }
      return out.toString();
    }

    private static int secondsAbove(BudgetSimulation.Result run, long limit) {
      int above = 0;
      for (long each : run.used()) {
        above += each > limit ? 1 : 0;
      }
      return above;
    }
  }
}
