package dev.ebb.operator.scaling;

import java.util.OptionalInt;

/**
 * The most replicas that can work at once, when the queue has such a limit (a Kafka topic's partitions: each is read by
 * one consumer of the group, so a consumer more sits idle). The policy decides within [min, the cap], never above it:
 * replicas beyond it would cost without draining anything. {@code replicas.min} still wins when it is higher. Pure.
 */
public final class PartitionCap {

  private PartitionCap() {
  }

  /** The settings the policy decides with: {@code max} lowered to the cap when the cap is lower. */
  public static ScalingSettings apply(ScalingSettings settings, OptionalInt usefulReplicas) {
    if (usefulReplicas.isEmpty() || usefulReplicas.getAsInt() >= settings.max()) {
      return settings;
    }
    return settings.withMax(usefulReplicas.getAsInt());
  }

  /** Whether the cap holds {@code replicas} where {@code replicas.max} alone would let them grow. */
  public static boolean binds(ScalingSettings settings, OptionalInt usefulReplicas, int replicas) {
    return usefulReplicas.isPresent() && usefulReplicas.getAsInt() < settings.max()
        && replicas >= apply(settings, usefulReplicas).max();
  }

  /** What status and the event say when the cap binds. */
  public static String message(int usefulReplicas) {
    return "capped at " + usefulReplicas + " replicas: the topic has " + usefulReplicas + " partitions, and a consumer"
        + " beyond one per partition would sit idle";
  }
}
