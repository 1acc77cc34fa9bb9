package dev.ebb.operator.dashboard;

import dev.ebb.operator.health.Leadership;
import java.util.function.Supplier;

/** The operator replica's standing for the dashboard, from its part in leader election. */
public final class LeaderStanding implements Supplier<Standing> {

  private final Leadership leadership;
  private final String namespace;

  /** {@code namespace}: where the Lease (and the operator's pods) are. */
  public LeaderStanding(Leadership leadership, String namespace) {
    this.leadership = leadership;
    this.namespace = namespace;
  }

  @Override
  public Standing get() {
    return switch (leadership.role()) {
      case NOT_ELECTING -> new Standing.Serving("operator");
      case LEADER -> new Standing.Serving("operator " + leadership.identity() + " (leader)");
      case CANDIDATE, STOPPED_LEADING -> new Standing.Standby(leadership.identity(),
          leadership.leader().filter(l -> !l.equals(leadership.identity())), namespace);
    };
  }
}
