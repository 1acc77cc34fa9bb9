package dev.ebb.operator.budget;

import java.util.Objects;

/**
 * One shared budget as the allocation sees it.
 *
 * @param name  the WorkerBudget's name (unique within the allocation)
 * @param limit the most its pools may use together, in cost units
 */
public record BudgetLine(String name, long limit) {

  public BudgetLine {
    Objects.requireNonNull(name, "name");
    if (limit < 1) {
      throw new IllegalArgumentException("a budget's limit must be >= 1, got " + limit);
    }
  }
}
