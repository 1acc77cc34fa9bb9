package dev.ebb.operator.model;

import dev.ebb.api.v1alpha1.DurationFormat;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.api.v1alpha1.WorkerPoolSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the Deployment a pool should have, from its spec and a replica count. Pure: no client calls. */
public final class WorkerDeploymentFactory {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private WorkerDeploymentFactory() {
  }

  public static Deployment desired(WorkerPool pool, int replicas) {
    WorkerPoolSpec spec = pool.getSpec();
    ShutdownTiming timing = ShutdownTiming.of(DurationFormat.parse(spec.getWorkers().getShutdownGracePeriod()));
    PodTemplateSpec template = template(pool, timing);
    return new DeploymentBuilder()
        .withNewMetadata()
          .withName(pool.getMetadata().getName())
          .withNamespace(pool.getMetadata().getNamespace())
          .withLabels(PoolLabels.of(pool))
          .withOwnerReferences(ownerReference(pool))
        .endMetadata()
        .withNewSpec()
          .withReplicas(replicas)
          .withNewSelector().withMatchLabels(PoolLabels.selector(pool)).endSelector()
          .withStrategy(strategy(spec))
          .withTemplate(template)
        .endSpec()
        .build();
  }

  /** Hash of everything Ebb puts in the pod template; stored on the Deployment to tell when it must be rewritten. */
  public static String templateHash(PodTemplateSpec template) {
    try {
      byte[] json = SERIALIZATION.asJson(template).getBytes(StandardCharsets.UTF_8);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
      return HexFormat.of().formatHex(digest, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  public static OwnerReference ownerReference(WorkerPool pool) {
    return new OwnerReferenceBuilder()
        .withApiVersion(pool.getApiVersion())
        .withKind(pool.getKind())
        .withName(pool.getMetadata().getName())
        .withUid(pool.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  private static PodTemplateSpec template(WorkerPool pool, ShutdownTiming timing) {
    PodTemplateSpec template = SERIALIZATION.clone(pool.getSpec().getTemplate());
    ObjectMeta meta = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
    Map<String, String> labels = new LinkedHashMap<>(meta.getLabels() == null ? Map.of() : meta.getLabels());
    labels.putAll(PoolLabels.of(pool));
    meta.setLabels(labels);
    String restartedAt = annotation(pool, WorkerPool.RESTARTED_AT_ANNOTATION);
    if (restartedAt != null) {
      Map<String, String> annotations = new LinkedHashMap<>(
          meta.getAnnotations() == null ? Map.of() : meta.getAnnotations());
      annotations.put(WorkerPool.RESTARTED_AT_ANNOTATION, restartedAt);
      meta.setAnnotations(annotations);
    }
    template.setMetadata(meta);
    template.getSpec().setTerminationGracePeriodSeconds(timing.terminationGracePeriodSeconds());
    List<Container> containers = template.getSpec().getContainers();
    var env = WorkerEnvironment.of(pool, timing);
    for (Container container : containers) {
      container.setEnv(WorkerEnvironment.merge(container.getEnv(), env));
    }
    return template;
  }

  private static DeploymentStrategy strategy(WorkerPoolSpec spec) {
    return new DeploymentStrategyBuilder()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
          .withMaxUnavailable(spec.getRollout().getMaxUnavailable())
          .withMaxSurge(spec.getRollout().getMaxSurge())
        .endRollingUpdate()
        .build();
  }

  private static String annotation(WorkerPool pool, String key) {
    Map<String, String> annotations = pool.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }
}
