package dev.ebb.operator.budget;

import java.util.Collection;
import java.util.Map;

/**
 * The most one pool may be given now without any budget being exceeded at any moment, whatever order the pools'
 * Deployments are written in. The other pools count at what they may be running: the higher of their Deployment's
 * replicas and what they were last granted ({@code counted}), because a decrease granted to another pool frees room
 * only once that pool's Deployment says so, and an increase granted to it takes room as soon as it is granted.
 */
public final class SafeGrant {

  private SafeGrant() {
  }

  /**
   * @param pool    the pool to size
   * @param wanted  what the allocation grants it
   * @param others  the other pools of the namespace, with their budgets and costs
   * @param counted what each other pool may be running (by name)
   * @param budgets the budgets by name
   * @return {@code wanted}, or less when a budget of the pool has no room for it
   */
  public static int of(PoolDemand pool, int wanted, Collection<PoolDemand> others, Map<String, Integer> counted,
      Map<String, BudgetLine> budgets) {
    int granted = wanted;
    for (String name : pool.budgets()) {
      BudgetLine budget = budgets.get(name);
      if (budget == null) {
        continue;
      }
      long taken = 0;
      for (PoolDemand other : others) {
        if (!other.name().equals(pool.name()) && other.budgets().contains(name)) {
          taken += (long) counted.getOrDefault(other.name(), 0) * other.cost();
        }
      }
      long room = Math.max(0, budget.limit() - taken);
      granted = (int) Math.min(granted, room / pool.cost());
    }
    return granted;
  }
}
