package dev.ebb.operator.autoscale;

import dev.ebb.operator.scaling.PodStart;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A worker pod's start as the API server records it: {@code metadata.creationTimestamp}, then its Ready condition's
 * {@code lastTransitionTime} while Ready is True. A pod not Ready (yet, or any more) has no start to learn from; a
 * pod whose Ready flipped later counts from the flip (the median in {@code StartupTimes} shrugs off the odd one).
 */
final class PodStarts {

  private PodStarts() {
  }

  static List<PodStart> of(Collection<Pod> pods) {
    return pods.stream().map(PodStarts::of).flatMap(Optional::stream).toList();
  }

  static Optional<PodStart> of(Pod pod) {
    if (pod.getMetadata() == null || pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    Optional<Instant> created = instant(pod.getMetadata().getCreationTimestamp());
    Optional<Instant> ready = pod.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
        .map(PodCondition::getLastTransitionTime).findFirst().flatMap(PodStarts::instant);
    if (created.isEmpty() || ready.isEmpty() || pod.getMetadata().getName() == null) {
      return Optional.empty();
    }
    return Optional.of(new PodStart(pod.getMetadata().getName(), created.get(), ready.get()));
  }

  private static Optional<Instant> instant(String timestamp) {
    if (timestamp == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(timestamp));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
