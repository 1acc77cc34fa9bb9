package dev.ebb.operator.budget;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Shares budgets among the pools that want more than they allow: a pure function of the budgets and the pools'
 * demands, the same in the operator, {@code ebb local} and {@code ebb simulate}.
 *
 * <p>Every pool first gets its {@code min}. The rest is handed out one worker at a time (progressive filling, the
 * textbook way to compute a weighted max-min fair share): the next worker goes to the pool with the highest
 * {@code weight x (wanted - granted) / wanted} whose worker still fits in every budget it belongs to. The weight is
 * how far the pool is behind its latency goal ({@code lateness}, at least {@link #WEIGHT_FLOOR}), so the pool
 * furthest behind gains first, and pools that all keep up share in proportion to what they want. No pool gets more
 * than it wants; a pool in no budget gets what it wants. Ties go to the pool with fewer workers granted, then by
 * name: the result depends on nothing else.
 *
 * <p>Hysteresis: a worker a pool already runs counts {@link #HOLD_MARGIN} more in its favour, so workers move from one
 * pool to another only when the other is clearly further behind, not back and forth while two pools' lateness
 * crosses near the limit. (The pools' wishes themselves come through the policy's stabilization windows.) When a
 * budget shrinks below what its pools run, the same filling decides who keeps what: the pools furthest ahead of their
 * goals give back first.
 */
public final class BudgetAllocation {

  /** A worker a pool runs now weighs this much more (25%) than one it would gain. */
  public static final double HOLD_MARGIN = 0.25;
  /** Pools that keep up (lateness near 0) still share by what they want. */
  public static final double WEIGHT_FLOOR = 0.1;

  private BudgetAllocation() {
  }

  public static Grants allocate(List<BudgetLine> budgets, List<PoolDemand> pools) {
    Map<String, BudgetLine> byName = new TreeMap<>();
    budgets.forEach(b -> byName.put(b.name(), b));
    Map<String, Long> used = new HashMap<>();
    Map<String, Integer> granted = new TreeMap<>();
    Map<String, String> tooSmall = new TreeMap<>();
    List<PoolDemand> sorted = new ArrayList<>(pools);
    sorted.sort(Comparator.comparing(PoolDemand::name));
    for (PoolDemand pool : sorted) {
      // a pool in no budget gets its wish at once; the others start from their min
      granted.put(pool.name(), known(pool, byName).isEmpty() ? pool.wanted() : pool.min());
      for (String budget : known(pool, byName)) {
        used.merge(budget, (long) pool.min() * pool.cost(), Long::sum);
        if ((long) pool.min() * pool.cost() > byName.get(budget).limit()) {
          tooSmall.putIfAbsent(pool.name(), budget);
        }
      }
    }
    while (true) {
      PoolDemand next = null;
      double best = -1;
      for (PoolDemand pool : sorted) {
        int has = granted.get(pool.name());
        if (has >= pool.wanted() || blocker(pool, byName, used).isPresent()) {
          continue;
        }
        double score = score(pool, has);
        if (next == null || score > best || (score == best && has < granted.get(next.name()))) {
          next = pool;
          best = score;
        }
      }
      if (next == null) {
        break;
      }
      granted.merge(next.name(), 1, Integer::sum);
      for (String budget : known(next, byName)) {
        used.merge(budget, (long) next.cost(), Long::sum);
      }
    }
    Map<String, String> throttledBy = new TreeMap<>();
    for (PoolDemand pool : sorted) {
      if (granted.get(pool.name()) < pool.wanted()) {
        blocker(pool, byName, used).ifPresent(budget -> throttledBy.put(pool.name(), budget));
      }
    }
    return new Grants(granted, throttledBy, tooSmall, figures(byName, sorted, granted, throttledBy));
  }

  /** How much the pool's next worker counts: weight x the share of its wish still unmet, more for a worker it runs. */
  static double score(PoolDemand pool, int granted) {
    double weight = Math.max(pool.lateness(), WEIGHT_FLOOR);
    double unmet = (pool.wanted() - granted) / (double) pool.wanted();
    return weight * unmet * (granted < pool.current() ? 1 + HOLD_MARGIN : 1);
  }

  /** The first budget (by name) that has no room for one more worker of the pool. */
  private static java.util.Optional<String> blocker(PoolDemand pool, Map<String, BudgetLine> budgets,
      Map<String, Long> used) {
    return known(pool, budgets).stream()
        .filter(name -> used.getOrDefault(name, 0L) + pool.cost() > budgets.get(name).limit())
        .findFirst();
  }

  private static List<String> known(PoolDemand pool, Map<String, BudgetLine> budgets) {
    return pool.budgets().stream().filter(budgets::containsKey).sorted().toList();
  }

  private static Map<String, Grants.Figures> figures(Map<String, BudgetLine> budgets, List<PoolDemand> pools,
      Map<String, Integer> granted, Map<String, String> throttledBy) {
    Map<String, Grants.Figures> figures = new TreeMap<>();
    for (BudgetLine budget : budgets.values()) {
      long used = 0;
      long wanted = 0;
      List<String> members = new ArrayList<>();
      List<String> throttled = new ArrayList<>();
      for (PoolDemand pool : pools) {
        if (pool.budgets().contains(budget.name())) {
          members.add(pool.name());
          used += (long) granted.get(pool.name()) * pool.cost();
          wanted += (long) pool.wanted() * pool.cost();
          if (budget.name().equals(throttledBy.get(pool.name()))) {
            throttled.add(pool.name());
          }
        }
      }
      figures.put(budget.name(), new Grants.Figures(budget.limit(), used, wanted, members, throttled));
    }
    return figures;
  }
}
