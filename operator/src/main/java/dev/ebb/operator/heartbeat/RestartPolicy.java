package dev.ebb.operator.heartbeat;

import dev.ebb.api.v1alpha1.DurationFormat;
import dev.ebb.api.v1alpha1.WorkersSpec;
import java.time.Duration;

/** The pool's limits on restarting stale workers, from {@code spec.workers}. */
public record RestartPolicy(Duration staleAfter, int perMinute, double maxStaleFraction) {

  public static RestartPolicy of(WorkersSpec workers) {
    return new RestartPolicy(
        DurationFormat.parseOr(workers.getHeartbeat().getStaleAfter(), Duration.ofSeconds(60)),
        workers.getRestartLimit().getPerMinute() == null ? 5 : workers.getRestartLimit().getPerMinute(),
        workers.getRestartLimit().getMaxStaleFraction() == null ? 0.5
            : workers.getRestartLimit().getMaxStaleFraction());
  }
}
