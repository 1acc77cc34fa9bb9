package dev.ebb.operator.budget;

import java.util.Objects;
import java.util.Set;

/**
 * What one pool asks of its budgets at a poll.
 *
 * @param name     the pool's name (unique within the allocation)
 * @param min      replicas.min: granted first
 * @param wanted   what the scaling policy wants (already within [min, max]); never granted more
 * @param current  what the pool runs now; a worker it already runs is kept unless another pool is clearly further
 *                 behind (see {@link BudgetAllocation#HOLD_MARGIN})
 * @param cost     what one worker uses of each of its budgets
 * @param lateness how far behind its latency goal the pool is: oldest job age / maxQueueLatency (1 = at the goal)
 * @param budgets  the names of the budgets the pool belongs to
 */
public record PoolDemand(String name, int min, int wanted, int current, int cost, double lateness,
    Set<String> budgets) {

  public PoolDemand {
    Objects.requireNonNull(name, "name");
    budgets = Set.copyOf(budgets);
    if (min < 0 || wanted < min || current < 0 || cost < 1 || !(lateness >= 0)) {
      throw new IllegalArgumentException("pool " + name + ": need 0 <= min <= wanted, current >= 0, cost >= 1,"
          + " lateness >= 0; got min " + min + ", wanted " + wanted + ", current " + current + ", cost " + cost
          + ", lateness " + lateness);
    }
  }
}
