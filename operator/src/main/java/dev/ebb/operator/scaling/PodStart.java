package dev.ebb.operator.scaling;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One pod's start: created, then Ready. Read from a pod's {@code metadata.creationTimestamp} and its Ready
 * condition's {@code lastTransitionTime} (or from a simulated pod).
 *
 * @param pod     the pod's name, so that a pod seen on many polls counts once
 * @param created when the pod was created
 * @param ready   when it became Ready
 */
public record PodStart(String pod, Instant created, Instant ready) {

  public PodStart {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(ready, "ready");
  }

  /** Creation to Ready; never negative (clocks of different writers may disagree by a little). */
  public Duration took() {
    Duration took = Duration.between(created, ready);
    return took.isNegative() ? Duration.ZERO : took;
  }
}
