package dev.ebb.operator.health;

import dev.ebb.operator.health.Leadership.Role;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Liveness and readiness of the operator, decided from what its runtime reports; pure.
 *
 * <ul>
 *   <li>Starting (informers not synced yet): neither live nor ready, with the body {@code starting}: the startup
 *       probe waits, and connections are not refused while it does.</li>
 *   <li>Live while every informer is healthy, and while one has been unhealthy for less than the limit: a watch
 *       that reconnects is not a reason for a restart, one that stays broken is.</li>
 *   <li>Ready: without leader election, or as the leader, when every informer is healthy. A standby is ready (its
 *       body says {@code standby}): it is able to take over, and a rolling update with {@code maxUnavailable: 0}
 *       would otherwise wait for it forever.</li>
 *   <li>Stopping: live, not ready.</li>
 * </ul>
 */
public record HealthState(Check live, Check ready) {

  public record Check(boolean ok, String detail) {
  }

  /**
   * @param started whether the operator has started (its informers synced)
   * @param unhealthy the names of the informers that are not healthy now
   * @param unhealthyFor how long some informer has been unhealthy without a break, if one is
   */
  public static HealthState of(boolean started, Set<String> unhealthy, Optional<Duration> unhealthyFor,
      Duration unhealthyLimit, Role role, Optional<String> leader, boolean stopping) {
    if (stopping) {
      return new HealthState(new Check(true, "stopping"), new Check(false, "stopping"));
    }
    if (!started) {
      return new HealthState(new Check(false, "starting"), new Check(false, "starting"));
    }
    Check live;
    if (unhealthy.isEmpty()) {
      live = new Check(true, "ok");
    } else if (unhealthyFor.isPresent() && unhealthyFor.get().compareTo(unhealthyLimit) >= 0) {
      live = new Check(false, "informers unhealthy for " + unhealthyFor.get().toSeconds() + "s: " + unhealthy);
    } else {
      live = new Check(true, "informers unhealthy (for less than " + unhealthyLimit.toSeconds() + "s): "
          + unhealthy);
    }
    String who = switch (role) {
      case NOT_ELECTING -> "ok";
      case LEADER -> "leader";
      case CANDIDATE -> "standby" + leader.map(l -> " (leader: " + l + ")").orElse("");
      case STOPPED_LEADING -> "lost the lease";
    };
    Check ready;
    if (role == Role.CANDIDATE) {
      ready = new Check(true, who + (unhealthy.isEmpty() ? "" : "; unhealthy informers: " + unhealthy));
    } else if (role == Role.STOPPED_LEADING) {
      ready = new Check(false, who);
    } else {
      ready = unhealthy.isEmpty() ? new Check(true, who)
          : new Check(false, who + "; unhealthy informers: " + unhealthy);
    }
    return new HealthState(live, ready);
  }
}
