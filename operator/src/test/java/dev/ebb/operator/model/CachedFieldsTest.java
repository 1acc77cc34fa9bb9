package dev.ebb.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.api.v1alpha1.WorkerPool;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CachedFieldsTest {

  @Test
  void aCachedPodKeepsWhatTheOperatorReadsAndDropsItsSpec() {
    Pod full = pod("emails-7d9f-abcde", "rs-uid");

    Pod cached = CachedFields.ofPod(full);

    assertThat(cached.getMetadata().getName()).isEqualTo("emails-7d9f-abcde");
    assertThat(cached.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(cached.getMetadata().getUid()).isEqualTo("pod-uid");
    assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(cached.getMetadata().getLabels()).containsEntry(PoolLabels.POOL, "emails");
    assertThat(cached.getMetadata().getAnnotations())
        .containsEntry("controller.kubernetes.io/pod-deletion-cost", "-5");
    assertThat(cached.getMetadata().getCreationTimestamp()).isEqualTo("2026-12-02T09:00:00Z");
    assertThat(cached.getMetadata().getDeletionTimestamp()).isEqualTo("2026-12-02T09:05:00Z");
    assertThat(cached.getMetadata().getOwnerReferences()).hasSize(1);
    assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(cached.getSpec()).isNull();
    assertThat(cached.getStatus().getPhase()).isEqualTo("Running");
    assertThat(cached.getStatus().getConditions()).singleElement().satisfies(ready -> {
      assertThat(ready.getType()).isEqualTo("Ready");
      assertThat(ready.getStatus()).isEqualTo("True");
      assertThat(ready.getLastTransitionTime()).isEqualTo("2026-12-02T09:00:20Z");
    });
    assertThat(Serialization.asJson(cached).length()).as("cached bytes vs the full pod's")
        .isLessThan(Serialization.asJson(full).length() / 2);
  }

  @Test
  void ownershipIsJudgedAlikeOnCachedObjects() {
    Deployment deployment = new DeploymentBuilder().withNewMetadata().withName("emails").withUid("dep-uid")
        .endMetadata().build();
    ReplicaSet own = replicaSet("rs-uid", "dep-uid");
    ReplicaSet other = replicaSet("rs-other", "someone-else");
    List<Pod> pods = List.of(pod("a", "rs-uid"), pod("b", "rs-other"));

    List<Pod> fromFull = PodOwnership.workersOf(deployment, List.of(own, other), pods);
    List<Pod> fromCached = PodOwnership.workersOf(deployment,
        List.of(CachedFields.ofReplicaSet(own), CachedFields.ofReplicaSet(other)),
        pods.stream().map(CachedFields::ofPod).toList());

    assertThat(fromCached).extracting(p -> p.getMetadata().getName())
        .containsExactlyElementsOf(fromFull.stream().map(p -> p.getMetadata().getName()).toList())
        .containsExactly("a");
    assertThat(CachedFields.ofReplicaSet(own).getSpec()).isNull();
  }

  @Test
  void aCachedPoolLosesItsWriteHistoryAndKeepsItsOwnAnnotations() {
    WorkerPool pool = new WorkerPool();
    pool.setMetadata(new ObjectMetaBuilder().withName("mail").withAnnotations(Map.of(
            CachedFields.LAST_APPLIED, "{\"spec\":{}}", "ebb.dev/restartedAt", "2026-12-02T09:00:00Z"))
        .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").build()).build());

    WorkerPool cached = CachedFields.withoutWriteHistory(pool);

    assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(cached.getMetadata().getAnnotations()).containsOnlyKeys("ebb.dev/restartedAt");
  }

  @Test
  void aCachedDeploymentKeepsEverythingButItsManagedFields() {
    Deployment deployment = new DeploymentBuilder().withNewMetadata().withName("mail")
        .withAnnotations(Map.of(CachedFields.LAST_APPLIED, "{}"))
        .withManagedFields(new ManagedFieldsEntryBuilder().withManager("ebb").build()).endMetadata()
        .withNewSpec().withReplicas(3).endSpec().build();

    Deployment cached = CachedFields.withoutManagedFields(deployment);

    assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(cached.getMetadata().getAnnotations()).as("written back whole: kept").containsKey(
        CachedFields.LAST_APPLIED);
    assertThat(cached.getSpec().getReplicas()).isEqualTo(3);
    assertThat(Serialization.clone(cached)).as("equal to a copy read back from JSON, as DeploymentMerge compares")
        .isEqualTo(cached);
  }

  @Test
  void aCachedDeploymentKeepsItsTemplatesLabelsAndAnnotationsButNotItsSpec() {
    Deployment deployment = new DeploymentBuilder().withNewMetadata().withName("mail")
        .withAnnotations(Map.of("ebb.dev/template-hash", "abc"))
        .withManagedFields(new ManagedFieldsEntryBuilder().withManager("ebb").build()).endMetadata()
        .withNewSpec().withReplicas(3).withNewTemplate().withNewMetadata()
        .withAnnotations(Map.of("kubectl.kubernetes.io/restartedAt", "t1")).withLabels(Map.of("ebb.dev/pool", "mail"))
        .endMetadata().withNewSpec().addNewContainer().withName("worker").withImage("w:1").endContainer().endSpec()
        .endTemplate().endSpec().build();

    Deployment cached = CachedFields.ofDeployment(deployment);

    assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(cached.getMetadata().getAnnotations()).containsEntry("ebb.dev/template-hash", "abc");
    assertThat(cached.getSpec().getReplicas()).isEqualTo(3);
    assertThat(cached.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("kubectl.kubernetes.io/restartedAt", "t1");
    assertThat(cached.getSpec().getTemplate().getSpec()).isNull();
    assertThat(CachedFields.withoutTemplateSpec(cached)).isTrue();
  }

  private static ReplicaSet replicaSet(String uid, String ownerUid) {
    return new ReplicaSetBuilder().withNewMetadata().withName("rs-" + uid).withNamespace("shop").withUid(uid)
        .addNewOwnerReference().withController(true).withUid(ownerUid).withKind("Deployment").withName("emails")
        .endOwnerReference().endMetadata()
        .withNewSpec().withReplicas(3).withNewTemplate().withNewSpec().addNewContainer().withName("worker")
        .withImage("shop/worker:1").endContainer().endSpec().endTemplate().endSpec().build();
  }

  private static Pod pod(String name, String replicaSetUid) {
    return new PodBuilder()
        .withNewMetadata().withName(name).withNamespace("shop").withUid("pod-uid").withResourceVersion("42")
        .withLabels(Map.of(PoolLabels.POOL, "emails"))
        .withAnnotations(Map.of("controller.kubernetes.io/pod-deletion-cost", "-5"))
        .withCreationTimestamp("2026-12-02T09:00:00Z").withDeletionTimestamp("2026-12-02T09:05:00Z")
        .addNewOwnerReference().withController(true).withUid(replicaSetUid).withKind("ReplicaSet")
        .withName("rs").endOwnerReference()
        .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kube-controller-manager")
            .withOperation("Update").withNewFieldsV1().addToAdditionalProperties("f:metadata",
                Map.of("f:labels", Map.of("f:app", Map.of()))).endFieldsV1().build())
        .endMetadata()
        .withNewSpec().addNewContainer().withName("worker").withImage("shop/worker:1")
        .addNewEnv().withName("EBB_QUEUE").withValue("emails").endEnv()
        .addNewEnv().withName("EBB_REDIS_URL").withValue("redis://redis.shop:6379/0").endEnv()
        .withNewResources().addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("250m")).endResources()
        .endContainer().withTerminationGracePeriodSeconds(40L).withServiceAccountName("default").endSpec()
        .withNewStatus().withPhase("Running").withStartTime("2026-12-02T09:00:02Z")
        .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime("2026-12-02T09:00:20Z")
        .withMessage("").endCondition()
        .addNewContainerStatus().withName("worker").withReady(true).withRestartCount(0).withImage("shop/worker:1")
        .withImageID("docker-pullable://shop/worker@sha256:0123456789abcdef").endContainerStatus()
        .withPodIP("10.0.0.7").withHostIP("10.1.0.3").endStatus()
        .build();
  }
}
