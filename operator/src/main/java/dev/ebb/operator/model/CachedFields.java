package dev.ebb.operator.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.List;

/**
 * What the operator keeps of each worker pod and ReplicaSet in its informer caches: the identity, labels, annotations
 * and owners it matches them by ({@link PodOwnership}), the times and Ready condition it judges them by, nothing of
 * their specs. A pod's full object (its containers, volumes, managed fields) is several kilobytes, and a pool may have
 * hundreds; the operator reads none of it. Pure.
 */
public final class CachedFields {

  private CachedFields() {
  }

  public static Pod ofPod(Pod pod) {
    return new PodBuilder()
        .withApiVersion(pod.getApiVersion())
        .withKind(pod.getKind())
        .withMetadata(metadata(pod.getMetadata()))
        .withStatus(status(pod.getStatus()))
        .build();
  }

  public static ReplicaSet ofReplicaSet(ReplicaSet replicaSet) {
    return new ReplicaSetBuilder()
        .withApiVersion(replicaSet.getApiVersion())
        .withKind(replicaSet.getKind())
        .withMetadata(metadata(replicaSet.getMetadata()))
        .build();
  }

  private static ObjectMeta metadata(ObjectMeta meta) {
    if (meta == null) {
      return null;
    }
    return new ObjectMetaBuilder()
        .withName(meta.getName())
        .withNamespace(meta.getNamespace())
        .withUid(meta.getUid())
        .withResourceVersion(meta.getResourceVersion())
        .withGeneration(meta.getGeneration())
        .withCreationTimestamp(meta.getCreationTimestamp())
        .withDeletionTimestamp(meta.getDeletionTimestamp())
        .withLabels(meta.getLabels())
        .withAnnotations(meta.getAnnotations())
        .withOwnerReferences(meta.getOwnerReferences())
        .build();
  }

  private static PodStatus status(PodStatus status) {
    if (status == null) {
      return null;
    }
    List<PodCondition> conditions = status.getConditions() == null ? null : status.getConditions().stream()
        .map(c -> new PodConditionBuilder().withType(c.getType()).withStatus(c.getStatus())
            .withReason(c.getReason()).withLastTransitionTime(c.getLastTransitionTime()).build())
        .toList();
    return new PodStatusBuilder()
        .withPhase(status.getPhase())
        .withStartTime(status.getStartTime())
        .withConditions(conditions)
        .build();
  }
}
