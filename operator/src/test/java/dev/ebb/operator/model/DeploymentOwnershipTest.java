package dev.ebb.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.WorkerPools;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

class DeploymentOwnershipTest {

  private static final WorkerPool POOL = pool("uid-mailer");

  @Test
  void aDeploymentWhoseControllerIsThePoolIsItsOwn() {
    assertThat(DeploymentOwnership.ownedBy(deployment(owner("uid-mailer", true)), POOL)).isTrue();
  }

  @Test
  void aDeploymentWithoutOwnerIsNotThePools() {
    assertThat(DeploymentOwnership.ownedBy(deployment(), POOL)).isFalse();
  }

  @Test
  void anEarlierPoolOfTheSameNameIsAnotherOwner() {
    assertThat(DeploymentOwnership.ownedBy(deployment(owner("uid-earlier-mailer", true)), POOL)).isFalse();
  }

  @Test
  void anOwnerReferenceToThePoolThatIsNotTheControllerDoesNotMakeItThePools() {
    assertThat(DeploymentOwnership.ownedBy(deployment(owner("uid-mailer", false)), POOL)).isFalse();
    assertThat(DeploymentOwnership.ownedBy(deployment(owner("uid-mailer", null)), POOL)).isFalse();
  }

  @Test
  void thePoolAmongOtherOwnersCountsOnlyAsController() {
    assertThat(DeploymentOwnership.ownedBy(deployment(owner("uid-argo-app", false), owner("uid-mailer", true)), POOL))
        .isTrue();
  }

  private static WorkerPool pool(String uid) {
    WorkerPool pool = WorkerPools.valid("shop", "mailer");
    pool.getMetadata().setUid(uid);
    return pool;
  }

  private static OwnerReference owner(String uid, Boolean controller) {
    return new OwnerReferenceBuilder().withApiVersion("ebb.dev/v1alpha1").withKind("WorkerPool").withName("mailer")
        .withUid(uid).withController(controller).build();
  }

  private static Deployment deployment(OwnerReference... owners) {
    return new DeploymentBuilder().withNewMetadata().withName("mailer").withNamespace("shop")
        .withOwnerReferences(owners).endMetadata().build();
  }
}
