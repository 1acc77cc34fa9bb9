package dev.ebb.operator.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which pods are a pool's workers: those whose controller is a ReplicaSet whose controller is the pool's own
 * Deployment, all compared by UID. A pod that merely carries the pool's labels (made by hand, or by another
 * controller) is never restarted or annotated by Ebb. Pure.
 */
public final class PodOwnership {

  private PodOwnership() {
  }

  public static List<Pod> workersOf(Deployment deployment, Collection<ReplicaSet> replicaSets, Collection<Pod> pods) {
    String deploymentUid = deployment.getMetadata().getUid();
    if (deploymentUid == null) {
      return List.of();
    }
    Set<String> ownReplicaSets = replicaSets.stream()
        .filter(rs -> controllerUid(rs).filter(deploymentUid::equals).isPresent())
        .map(rs -> rs.getMetadata().getUid())
        .collect(Collectors.toSet());
    return pods.stream()
        .filter(pod -> controllerUid(pod).filter(ownReplicaSets::contains).isPresent())
        .toList();
  }

  private static Optional<String> controllerUid(HasMetadata object) {
    List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
    return refs == null ? Optional.empty() : refs.stream()
        .filter(ref -> Boolean.TRUE.equals(ref.getController()))
        .map(OwnerReference::getUid)
        .findFirst();
  }
}
