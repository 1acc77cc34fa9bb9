package dev.ebb.operator.scaling;

import java.util.Objects;

/**
 * The outcome of one poll.
 *
 * @param desiredReplicas  what the Deployment (or the local supervisor) should run
 * @param reason           why, as a closed set
 * @param message          a human sentence, e.g. "queue 1204, oldest 41s, 350ms per job: 6 -> 9 replicas"
 * @param nextState        the memory to pass to the next {@link ScalingPolicy#decide} call
 */
public record ScalingDecision(int desiredReplicas, ScalingReason reason, String message, ScalingState nextState) {

  public ScalingDecision {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(nextState, "nextState");
    if (desiredReplicas < 0) {
      throw new IllegalArgumentException("desiredReplicas must not be negative");
    }
  }
}
