package dev.ebb.operator.health;

import io.javaoperatorsdk.operator.RuntimeInfo;

/** Liveness and readiness of the operator, read from JOSDK's runtime: started, and every informer healthy. */
public record HealthState(Check live, Check ready) {

  public record Check(boolean ok, String detail) {
  }

  public static HealthState of(RuntimeInfo runtime) {
    if (!runtime.isStarted()) {
      return new HealthState(new Check(true, "starting"), new Check(false, "operator not started"));
    }
    boolean healthy = runtime.allEventSourcesAreHealthy();
    Check check = healthy ? new Check(true, "ok")
        : new Check(false, "unhealthy event sources: " + runtime.unhealthyEventSources().keySet());
    return new HealthState(check, check);
  }
}
