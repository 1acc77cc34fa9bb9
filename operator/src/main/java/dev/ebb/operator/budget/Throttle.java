package dev.ebb.operator.budget;

/**
 * A pool granted less than it wanted, and by which budget.
 *
 * @param budget  the budget's name
 * @param limit   its limit
 * @param wanted  the replicas the pool's policy wanted
 * @param granted the replicas it gets
 */
public record Throttle(String budget, long limit, int wanted, int granted) {

  public String message() {
    return "budget " + budget + " (limit " + limit + ") grants " + granted + " of the " + wanted
        + " replicas wanted";
  }
}
