package dev.ebb.operator.budget;

import java.util.Optional;

/**
 * What a pool may run now, and the budget that holds it back when it gets less than it wants.
 *
 * @param budgets the names of the budgets the pool belongs to, sorted
 */
public record BudgetGrant(int replicas, Optional<Throttle> throttle, java.util.List<String> budgets) {

  public static BudgetGrant unlimited(int replicas) {
    return new BudgetGrant(replicas, Optional.empty(), java.util.List.of());
  }
}
