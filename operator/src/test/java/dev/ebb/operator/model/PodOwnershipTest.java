package dev.ebb.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodOwnershipTest {

  private static final Deployment DEPLOYMENT = new DeploymentBuilder().withNewMetadata().withName("mailer")
      .withUid("d-1").endMetadata().build();

  @Test
  void onlyPodsOfReplicaSetsTheDeploymentControlsAreWorkers() {
    ReplicaSet current = replicaSet("rs-new", "d-1", true);
    ReplicaSet previous = replicaSet("rs-old", "d-1", true);
    ReplicaSet foreign = replicaSet("rs-foreign", "d-other", true);
    ReplicaSet merelyOwned = replicaSet("rs-not-controller", "d-1", false);
    List<Pod> pods = List.of(
        pod("a", current, true), pod("b", previous, true), pod("c", foreign, true), pod("d", merelyOwned, true),
        pod("e", current, false), new PodBuilder().withNewMetadata().withName("bare").endMetadata().build());

    List<Pod> workers = PodOwnership.workersOf(DEPLOYMENT, List.of(current, previous, foreign, merelyOwned), pods);

    assertThat(workers).extracting(p -> p.getMetadata().getName()).containsExactly("a", "b");
  }

  @Test
  void aPodWhoseReplicaSetIsNotKnownIsNotAWorker() {
    ReplicaSet unseen = replicaSet("rs-unseen", "d-1", true);

    assertThat(PodOwnership.workersOf(DEPLOYMENT, List.of(), List.of(pod("a", unseen, true)))).isEmpty();
  }

  private static ReplicaSet replicaSet(String uid, String deploymentUid, boolean controller) {
    return new ReplicaSetBuilder().withNewMetadata().withName(uid).withUid(uid)
        .addToOwnerReferences(new OwnerReferenceBuilder().withKind("Deployment").withName("mailer")
            .withUid(deploymentUid).withController(controller).build())
        .endMetadata().build();
  }

  private static Pod pod(String name, HasMetadata replicaSet, boolean controller) {
    return new PodBuilder().withNewMetadata().withName(name)
        .addToOwnerReferences(new OwnerReferenceBuilder().withKind("ReplicaSet")
            .withName(replicaSet.getMetadata().getName()).withUid(replicaSet.getMetadata().getUid())
            .withController(controller).build())
        .endMetadata().build();
  }
}
