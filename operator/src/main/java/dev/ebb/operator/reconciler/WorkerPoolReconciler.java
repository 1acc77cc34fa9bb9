package dev.ebb.operator.reconciler;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.api.v1alpha1.WorkerPoolStatus;
import dev.ebb.operator.config.OperatorConfig;
import dev.ebb.operator.event.PoolEvents;
import dev.ebb.operator.model.PoolLabels;
import dev.ebb.operator.model.WorkerDeploymentFactory;
import dev.ebb.operator.reconciler.ReplicaPlanner.ReplicaPlan;
import dev.ebb.operator.status.ConditionType;
import dev.ebb.operator.status.Conditions;
import dev.ebb.operator.status.PoolStatusFactory;
import dev.ebb.operator.validation.SecretReferenceCheck;
import dev.ebb.operator.validation.SpecProblem;
import dev.ebb.operator.validation.WorkerPoolValidator;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each WorkerPool into a Deployment: validate, plan replicas, apply the Deployment, report status. Every step is
 * a named collaborator; this class only orders them.
 */
// not generation-aware: the restart annotation lives in metadata, which does not bump the generation
@ControllerConfiguration(name = "workerpool", generationAwareEventProcessing = false)
public class WorkerPoolReconciler implements Reconciler<WorkerPool> {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerPoolReconciler.class);

  private final OperatorConfig config;
  private final ReplicaPlanner replicas;
  private final WorkerDeployments deployments;
  private final SecretReferenceCheck secrets;
  private final PoolEvents events;
  private final Clock clock;

  public WorkerPoolReconciler(OperatorConfig config, ReplicaPlanner replicas, WorkerDeployments deployments,
      SecretReferenceCheck secrets, PoolEvents events, Clock clock) {
    this.config = config;
    this.replicas = replicas;
    this.deployments = deployments;
    this.secrets = secrets;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, WorkerPool>> prepareEventSources(EventSourceContext<WorkerPool> context) {
    InformerEventSource<Deployment, WorkerPool> informer = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Deployment.class, WorkerPool.class)
            .withLabelSelector(PoolLabels.MANAGED_SELECTOR)
            .build(), context);
    deployments.useInformer(informer);
    return List.of(informer);
  }

  @Override
  public UpdateControl<WorkerPool> reconcile(WorkerPool pool, Context<WorkerPool> context) {
    Optional<SpecProblem> problem = findProblem(pool);
    if (problem.isPresent()) {
      return reportInvalid(pool, problem.get());
    }
    Optional<Deployment> existing = context.getSecondaryResource(Deployment.class);
    OptionalInt current = existing.map(d -> OptionalInt.of(replicasOf(d))).orElse(OptionalInt.empty());
    ReplicaPlan plan = replicas.plan(pool, current);
    Deployment desired = WorkerDeploymentFactory.desired(pool, plan.replicas());
    Deployment applied = deployments.apply(pool, existing, desired, plan.reason());
    return writeIfChanged(pool, PoolStatusFactory.reconciled(pool, applied, plan.replicas(), clock.instant()));
  }

  @Override
  public ErrorStatusUpdateControl<WorkerPool> updateErrorStatus(WorkerPool pool, Context<WorkerPool> context,
      Exception e) {
    LOG.warn("{}/{}: reconcile failed, will retry: {}", pool.getMetadata().getNamespace(),
        pool.getMetadata().getName(), e.getMessage());
    WorkerPoolStatus status = PoolStatusFactory.failed(pool, "reconcile failed: " + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())), clock.instant());
    if (status.equals(pool.getStatus())) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    pool.setStatus(status);
    return ErrorStatusUpdateControl.patchStatus(pool);
  }

  private Optional<SpecProblem> findProblem(WorkerPool pool) {
    List<SpecProblem> problems = WorkerPoolValidator.validate(pool);
    if (!problems.isEmpty()) {
      return Optional.of(problems.get(0));
    }
    return secrets.check(pool);
  }

  private UpdateControl<WorkerPool> reportInvalid(WorkerPool pool, SpecProblem problem) {
    WorkerPoolStatus status = PoolStatusFactory.invalid(pool, problem, clock.instant());
    var previous = pool.getStatus() == null ? null : pool.getStatus().getConditions();
    if (!Conditions.sameReason(previous, status.getConditions(), ConditionType.Ready)
        || Conditions.isTrue(previous, ConditionType.Ready)) {
      events.warning(pool, problem.reason(), problem.message() + "; the last good Deployment keeps running");
    }
    return writeIfChanged(pool, status).rescheduleAfter(config.invalidSpecRetry());
  }

  private static UpdateControl<WorkerPool> writeIfChanged(WorkerPool pool, WorkerPoolStatus status) {
    if (status.equals(pool.getStatus())) {
      return UpdateControl.noUpdate();
    }
    pool.setStatus(status);
    return UpdateControl.patchStatus(pool);
  }

  private static int replicasOf(Deployment deployment) {
    Integer replicas = deployment.getSpec().getReplicas();
    return replicas == null ? 1 : replicas;
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
