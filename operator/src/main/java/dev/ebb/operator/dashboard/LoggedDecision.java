package dev.ebb.operator.dashboard;

import dev.ebb.operator.scaling.ScalingReason;
import java.time.Instant;

/** One line of a pool's decision log: when, why, the replicas before and after, and the policy's sentence. */
public record LoggedDecision(Instant at, ScalingReason reason, int from, int to, String message) {
}
