package dev.ebb.operator.reconciler;

import dev.ebb.operator.validation.SpecProblem;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * A Deployment with the pool's name exists and is not the pool's own (see
 * {@link dev.ebb.operator.model.DeploymentOwnership}): Ebb writes nothing to it and reports the conflict on the pool
 * until it is resolved. Not a failure to retry with backoff, so it carries no stack trace.
 */
public final class DeploymentConflict extends RuntimeException {

  public static final String REASON = "DeploymentConflict";

  DeploymentConflict(Deployment found) {
    super("Deployment " + found.getMetadata().getNamespace() + "/" + found.getMetadata().getName()
        + " exists and is not owned by this WorkerPool; rename the pool or remove the Deployment", null, false, false);
  }

  /** For the Ready condition and the Warning event. */
  public SpecProblem problem() {
    return new SpecProblem(REASON, getMessage());
  }
}
