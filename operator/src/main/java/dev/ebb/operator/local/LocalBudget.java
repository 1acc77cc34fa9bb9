package dev.ebb.operator.local;

import dev.ebb.api.v1alpha1.WorkerBudget;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.budget.BudgetAllocation;
import dev.ebb.operator.budget.BudgetLine;
import dev.ebb.operator.budget.Grants;
import dev.ebb.operator.budget.PoolDemand;
import dev.ebb.operator.budget.PoolSelector;
import dev.ebb.operator.scaling.ScalingSettings;
import java.util.List;
import java.util.Set;

/**
 * {@code ebb local --budget budget.yaml}: the WorkerBudget a local pool belongs to, applied with the same
 * {@link BudgetAllocation} as the operator. With one pool the budget is a cap: the pool gets at most
 * {@code limit / budgetCost} workers, never fewer than its min (a min that does not fit is refused at start).
 */
record LocalBudget(BudgetLine line, String pool, int cost) {

  /** The budget for the pool, or an error that says why it cannot apply. */
  static LocalBudget of(WorkerBudget budget, WorkerPool pool, ScalingSettings settings) {
    if (budget == null || budget.getSpec() == null || budget.getSpec().getLimit() == null
        || budget.getSpec().getLimit() < 1) {
      throw new IllegalArgumentException("not a WorkerBudget with a spec.limit >= 1");
    }
    String name = budget.getMetadata().getName();
    if (!PoolSelector.matches(budget.getSpec().getSelector(), pool.getMetadata().getLabels())) {
      throw new IllegalArgumentException("WorkerBudget " + name + " does not select pool "
          + pool.getMetadata().getName() + " (its labels: " + pool.getMetadata().getLabels() + ")");
    }
    int cost = pool.getSpec().getWorkers().budgetCostOrConcurrency();
    long minimum = (long) settings.min() * cost;
    if (minimum > budget.getSpec().getLimit()) {
      throw new IllegalArgumentException("replicas.min " + settings.min() + " x workers.budgetCost " + cost + " = "
          + minimum + " exceeds the limit " + budget.getSpec().getLimit() + " of WorkerBudget " + name);
    }
    return new LocalBudget(new BudgetLine(name, budget.getSpec().getLimit()), pool.getMetadata().getName(), cost);
  }

  /** What the pool may run: its wish within the budget. */
  Grants grant(int min, int wanted, int current, double lateness) {
    int floor = Math.min(min, wanted);
    return BudgetAllocation.allocate(List.of(line), List.of(new PoolDemand(pool, floor, Math.max(floor, wanted),
        current, cost, lateness, Set.of(line.name()))));
  }
}
