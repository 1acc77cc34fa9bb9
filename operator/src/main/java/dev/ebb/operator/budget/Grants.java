package dev.ebb.operator.budget;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of one allocation.
 *
 * @param replicas    replicas granted per pool
 * @param throttledBy for each pool granted less than it wanted, the budget that held it back
 * @param tooSmall    for each pool whose replicas.min alone costs more than a budget it belongs to: that budget
 * @param budgets     the figures of each budget
 */
public record Grants(Map<String, Integer> replicas, Map<String, String> throttledBy, Map<String, String> tooSmall,
    Map<String, Figures> budgets) {

  public Grants {
    replicas = Map.copyOf(replicas);
    throttledBy = Map.copyOf(throttledBy);
    tooSmall = Map.copyOf(tooSmall);
    budgets = Map.copyOf(budgets);
  }

  public int of(String pool) {
    Integer granted = replicas.get(pool);
    if (granted == null) {
      throw new IllegalArgumentException("no pool " + pool + " in this allocation");
    }
    return granted;
  }

  public Optional<String> throttler(String pool) {
    return Optional.ofNullable(throttledBy.get(pool));
  }

  /**
   * A budget's figures after the allocation.
   *
   * @param limit     the budget's limit
   * @param used      sum of granted replicas x cost over its pools
   * @param wanted    sum of wanted replicas x cost over its pools
   * @param pools     its pools, by name, sorted
   * @param throttled the pools it throttles, by name, sorted
   */
  public record Figures(long limit, long used, long wanted, List<String> pools, List<String> throttled) {

    public Figures {
      pools = List.copyOf(pools);
      throttled = List.copyOf(throttled);
    }

    public boolean binds() {
      return !throttled.isEmpty();
    }
  }
}
