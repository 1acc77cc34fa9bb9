package dev.ebb.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.WorkerPools;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeploymentMergeTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private WorkerPool pool;
  private Deployment existing;

  @BeforeEach
  void poolWithItsDeployment() {
    pool = WorkerPools.valid("shop", "mailer");
    pool.getMetadata().setUid("pool-uid");
    existing = DeploymentMerge.forCreate(WorkerDeploymentFactory.desired(pool, 3));
    existing.getMetadata().setResourceVersion("7");
  }

  @Test
  void anUnchangedPoolNeedsNoWrite() {
    assertThat(DeploymentMerge.apply(existing, WorkerDeploymentFactory.desired(pool, 3))).isEmpty();
  }

  @Test
  void aReplicaChangeTouchesOnlyTheReplicas() {
    Deployment merged = DeploymentMerge.apply(existing, WorkerDeploymentFactory.desired(pool, 5)).orElseThrow();

    assertThat(merged.getSpec().getReplicas()).isEqualTo(5);
    assertThat(merged.getSpec().getTemplate()).isEqualTo(existing.getSpec().getTemplate());
    assertThat(merged.getMetadata().getResourceVersion()).isEqualTo("7");
  }

  @Test
  void fieldsOthersOwnAreKept() {
    existing.getMetadata().getAnnotations().put("deployment.kubernetes.io/revision", "4");
    existing.getMetadata().getLabels().put("team", "mail");
    existing.getSpec().setRevisionHistoryLimit(3);

    Deployment merged = DeploymentMerge.apply(existing, WorkerDeploymentFactory.desired(pool, 4)).orElseThrow();

    assertThat(merged.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "4");
    assertThat(merged.getMetadata().getLabels()).containsEntry("team", "mail");
    assertThat(merged.getSpec().getRevisionHistoryLimit()).isEqualTo(3);
  }

  @Test
  void aKubectlRolloutRestartIsNeverUndone() {
    existing.getSpec().getTemplate().getMetadata().setAnnotations(
        Map.of(PoolLabels.KUBECTL_RESTARTED_AT, "2026-11-28T11:00:00Z"));
    assertThat(DeploymentMerge.apply(existing, WorkerDeploymentFactory.desired(pool, 3))).isEmpty();

    WorkerPool changed = JSON.clone(pool);
    changed.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("worker:2");
    Deployment merged = DeploymentMerge.apply(existing, WorkerDeploymentFactory.desired(changed, 3)).orElseThrow();

    assertThat(merged.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("worker:2");
    assertThat(merged.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(PoolLabels.KUBECTL_RESTARTED_AT, "2026-11-28T11:00:00Z");
  }

  @Test
  void theRestartAnnotationRewritesTheTemplateOnce() {
    WorkerPool restarted = JSON.clone(pool);
    restarted.getMetadata().setAnnotations(Map.of(WorkerPool.RESTARTED_AT_ANNOTATION, "t1"));

    Deployment once = DeploymentMerge.apply(existing, WorkerDeploymentFactory.desired(restarted, 3)).orElseThrow();

    assertThat(once.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(WorkerPool.RESTARTED_AT_ANNOTATION, "t1");
    assertThat(DeploymentMerge.apply(once, WorkerDeploymentFactory.desired(restarted, 3))).isEmpty();
  }

  @Test
  void theCachedCopyWithoutItsTemplateSpecDecidesTheSameAsTheWholeDeployment() {
    Deployment cached = CachedFields.ofDeployment(JSON.clone(existing));

    assertThat(DeploymentMerge.apply(cached, WorkerDeploymentFactory.desired(pool, 3))).as("unchanged").isEmpty();
    Deployment scaled = DeploymentMerge.apply(cached, WorkerDeploymentFactory.desired(pool, 5)).orElseThrow();
    assertThat(DeploymentMerge.replicasOnly(cached, scaled)).as("a replica change alone").isTrue();

    WorkerPool changed = JSON.clone(pool);
    changed.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("worker:2");
    Deployment rolled = DeploymentMerge.apply(cached, WorkerDeploymentFactory.desired(changed, 5)).orElseThrow();
    assertThat(DeploymentMerge.replicasOnly(cached, rolled)).as("a new template is more than replicas").isFalse();
  }

  @Test
  void aLabelOrOwnerRepairIsMoreThanAReplicaChange() {
    existing.getMetadata().getLabels().remove(PoolLabels.POOL);

    Deployment repaired = DeploymentMerge.apply(existing, WorkerDeploymentFactory.desired(pool, 3)).orElseThrow();

    assertThat(DeploymentMerge.replicasOnly(existing, repaired)).isFalse();
  }
}
