package dev.ebb.operator.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Lays the fields Ebb owns onto the Deployment that exists, leaving the rest as others left it: labels and
 * annotations it does not own, {@code kubectl rollout restart}'s template annotation, fields the API server defaulted.
 * Ebb owns the replicas, the rolling-update strategy, its labels and owner reference, and the pod template as a whole
 * (rewritten only when the pool's template hash changes). Pure: no client calls.
 */
public final class DeploymentMerge {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private DeploymentMerge() {
  }

  /** The Deployment to write, or empty when the existing one already says all Ebb wants. */
  public static Optional<Deployment> apply(Deployment existing, Deployment desired) {
    Deployment merged = SERIALIZATION.clone(existing);
    ObjectMeta meta = merged.getMetadata();
    meta.setLabels(withAll(meta.getLabels(), desired.getMetadata().getLabels()));
    meta.setOwnerReferences(withOwner(meta.getOwnerReferences(), desired.getMetadata().getOwnerReferences().get(0)));

    merged.getSpec().setReplicas(desired.getSpec().getReplicas());
    merged.getSpec().setStrategy(desired.getSpec().getStrategy());

    String hash = WorkerDeploymentFactory.templateHash(desired.getSpec().getTemplate());
    Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    if (!hash.equals(annotations.get(PoolLabels.TEMPLATE_HASH))) {
      PodTemplateSpec template = SERIALIZATION.clone(desired.getSpec().getTemplate());
      carryKubectlRestart(existing.getSpec().getTemplate(), template);
      merged.getSpec().setTemplate(template);
      meta.setAnnotations(withAll(annotations, Map.of(PoolLabels.TEMPLATE_HASH, hash)));
    }
    return merged.equals(existing) ? Optional.empty() : Optional.of(merged);
  }

  /**
   * Whether {@code merged} (what {@link #apply} returned) differs from {@code existing} in {@code spec.replicas} alone:
   * such a change can be written without the rest of the Deployment.
   */
  public static boolean replicasOnly(Deployment existing, Deployment merged) {
    Deployment probe = SERIALIZATION.clone(merged);
    probe.getSpec().setReplicas(existing.getSpec().getReplicas());
    return probe.equals(existing);
  }

  /** The Deployment to create: the desired one, stamped with its template hash. */
  public static Deployment forCreate(Deployment desired) {
    Deployment created = SERIALIZATION.clone(desired);
    String hash = WorkerDeploymentFactory.templateHash(desired.getSpec().getTemplate());
    created.getMetadata().setAnnotations(withAll(created.getMetadata().getAnnotations(),
        Map.of(PoolLabels.TEMPLATE_HASH, hash)));
    return created;
  }

  private static void carryKubectlRestart(PodTemplateSpec from, PodTemplateSpec to) {
    Map<String, String> old = from == null || from.getMetadata() == null ? null : from.getMetadata().getAnnotations();
    String restartedAt = old == null ? null : old.get(PoolLabels.KUBECTL_RESTARTED_AT);
    if (restartedAt != null) {
      to.getMetadata().setAnnotations(withAll(to.getMetadata().getAnnotations(),
          Map.of(PoolLabels.KUBECTL_RESTARTED_AT, restartedAt)));
    }
  }

  private static Map<String, String> withAll(Map<String, String> base, Map<String, String> additions) {
    Map<String, String> result = new LinkedHashMap<>(base == null ? Map.of() : base);
    result.putAll(additions == null ? Map.of() : additions);
    return result;
  }

  private static List<OwnerReference> withOwner(List<OwnerReference> refs, OwnerReference owner) {
    if (refs != null && refs.contains(owner)) {
      return refs;
    }
    List<OwnerReference> result = new ArrayList<>(refs == null ? List.of() : refs);
    result.removeIf(ref -> Objects.equals(ref.getUid(), owner.getUid()));
    result.add(owner);
    return result;
  }
}
