package dev.ebb.operator.model;

import dev.ebb.api.v1alpha1.WorkerPool;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;

/**
 * Whether a Deployment is a pool's own: its controller ownerReference is the pool, compared by UID (a pool deleted
 * and created again under its name is another pool). Ebb writes no other Deployment. Pure.
 */
public final class DeploymentOwnership {

  private DeploymentOwnership() {
  }

  public static boolean ownedBy(Deployment deployment, WorkerPool pool) {
    String uid = pool.getMetadata().getUid();
    List<OwnerReference> refs = deployment.getMetadata() == null ? null : deployment.getMetadata().getOwnerReferences();
    return uid != null && refs != null
        && refs.stream().anyMatch(ref -> Boolean.TRUE.equals(ref.getController()) && uid.equals(ref.getUid()));
  }
}
