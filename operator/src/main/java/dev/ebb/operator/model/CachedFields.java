package dev.ebb.operator.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the operator keeps of each worker pod and ReplicaSet in its informer caches: the identity, labels, annotations
 * and owners it matches them by ({@link PodOwnership}), the times and Ready condition it judges them by, nothing of
 * their specs. A pod's full object (its containers, volumes, managed fields) is several kilobytes, and a pool may have
 * hundreds; the operator reads none of it. Pure.
 */
public final class CachedFields {

  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private CachedFields() {
  }

  /**
   * An object the operator writes back whole (a Deployment it updates) without its managed fields, which only the API
   * server reads: an update that carries none leaves the server's as they are. Changes {@code object} in place.
   */
  public static <R extends HasMetadata> R withoutManagedFields(R object) {
    if (object.getMetadata() != null) {
      // empty, not null: a copy read back from JSON has an empty list, and a null here would make every Deployment
      // look changed to DeploymentMerge (an update per reconcile)
      object.getMetadata().setManagedFields(new ArrayList<>());
    }
    return object;
  }

  /**
   * A worker Deployment as the operator keeps it: everything but its managed fields and its pod template's spec
   * (containers, volumes: most of its size, and a copy of the pool's own template). The template's labels and
   * annotations stay, {@code kubectl rollout restart}'s among them, and so does the template hash Ebb stamps on the
   * Deployment: {@link DeploymentMerge} decides from them, and a write that must send the template reads the whole
   * Deployment first ({@code WorkerDeployments}). In place.
   */
  public static Deployment ofDeployment(Deployment deployment) {
    withoutManagedFields(deployment);
    if (deployment.getSpec() != null && deployment.getSpec().getTemplate() != null) {
      deployment.getSpec().getTemplate().setSpec(null);
    }
    return deployment;
  }

  /** Whether a Deployment is the operator's cached copy, without its pod template's spec. */
  public static boolean withoutTemplateSpec(Deployment deployment) {
    return deployment.getSpec() != null && deployment.getSpec().getTemplate() != null
        && deployment.getSpec().getTemplate().getSpec() == null;
  }

  /**
   * A WorkerPool without its managed fields and {@code kubectl apply}'s copy of its last applied spec: the operator
   * never writes a pool back (its status goes by a patch of the status subresource alone). In place.
   */
  public static <R extends HasMetadata> R withoutWriteHistory(R pool) {
    withoutManagedFields(pool);
    Map<String, String> annotations = pool.getMetadata() == null ? null : pool.getMetadata().getAnnotations();
    if (annotations != null && annotations.containsKey(LAST_APPLIED)) {
      Map<String, String> kept = new LinkedHashMap<>(annotations);
      kept.remove(LAST_APPLIED);
      pool.getMetadata().setAnnotations(kept);
    }
    return pool;
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
