package dev.ebb.operator.reconciler;

import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.api.v1alpha1.WorkerPoolStatus;
import dev.ebb.operator.autoscale.PoolSnapshot;
import dev.ebb.operator.config.OperatorConfig;
import dev.ebb.operator.dashboard.Dashboard;
import dev.ebb.operator.dashboard.WorkerPoolFacts;
import dev.ebb.operator.event.PoolEvents;
import dev.ebb.operator.heartbeat.StaleVerdict;
import dev.ebb.operator.heartbeat.WorkerPods;
import dev.ebb.operator.model.CachedFields;
import dev.ebb.operator.model.PodOwnership;
import dev.ebb.operator.model.PoolLabels;
import dev.ebb.operator.model.WorkerDeploymentFactory;
import dev.ebb.operator.reconciler.ReplicaPlanner.ReplicaPlan;
import dev.ebb.operator.scaler.QueueBlock;
import dev.ebb.operator.status.ConditionEvents;
import dev.ebb.operator.status.ConditionType;
import dev.ebb.operator.status.Conditions;
import dev.ebb.operator.status.FailureMessage;
import dev.ebb.operator.status.PoolStatusFactory;
import dev.ebb.operator.status.StatusWriteGate;
import dev.ebb.operator.status.StatusWriter;
import dev.ebb.operator.validation.QueueAddressPolicy;
import dev.ebb.operator.validation.SecretReferences;
import dev.ebb.operator.validation.SpecProblem;
import dev.ebb.operator.validation.WorkerPoolValidator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each WorkerPool into a Deployment sized to its queue: validate, resolve the Secret, plan replicas, apply the
 * Deployment, report status. Every step is a named collaborator; this class only orders them. A queue poll ends in
 * a reconcile of its pool through the {@code queue-polls} event source.
 */
// not generation-aware: the restart annotation lives in metadata, which does not bump the generation.
// No periodic re-reconcile: every queue poll already asks for one, and JOSDK's timer would keep one cancelled
// task per reconcile in memory until its time came (10 hours by default).
@ControllerConfiguration(name = "workerpool", generationAwareEventProcessing = false,
    maxReconciliationInterval = @MaxReconciliationInterval(interval = 0))
public class WorkerPoolReconciler implements Reconciler<WorkerPool> {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerPoolReconciler.class);

  private final OperatorConfig config;
  private final Function<QueueSpec, Optional<QueueBlock<?>>> queueBlocks;
  private final ReplicaPlanner replicas;
  private final WorkerDeployments deployments;
  private final WorkerPods workerPods;
  private final SecretReferences secrets;
  private final PoolEvents events;
  private final StatusWriteGate statusGate;
  private final StatusWriter statusWriter;
  private final BiConsumer<SimpleInboundEventSource<WorkerPool>, EventSourceContext<WorkerPool>> pollsConnector;
  private final Clock clock;
  private final QueueAddressPolicy addresses;
  private final PoolBudgets budgets;
  private final Dashboard dashboard;

  public WorkerPoolReconciler(OperatorConfig config, ReplicaPlanner replicas, WorkerDeployments deployments,
      WorkerPods workerPods, SecretReferences secrets, PoolEvents events, StatusWriteGate statusGate, StatusWriter statusWriter,
      PoolBudgets budgets, BiConsumer<SimpleInboundEventSource<WorkerPool>, EventSourceContext<WorkerPool>> pollsConnector, Clock clock,
      Dashboard dashboard, Function<QueueSpec, Optional<QueueBlock<?>>> queueBlocks) {
    this.config = config;
    this.replicas = replicas;
    this.deployments = deployments;
    this.workerPods = workerPods;
    this.secrets = secrets;
    this.events = events;
    this.statusGate = statusGate;
    this.statusWriter = statusWriter;
    this.budgets = budgets;
    this.pollsConnector = pollsConnector;
    this.clock = clock;
    this.addresses = QueueAddressPolicy.of(config.allowedQueueAddresses());
    this.dashboard = dashboard;
    this.queueBlocks = queueBlocks;
  }

  @Override
  public List<EventSource<?, WorkerPool>> prepareEventSources(EventSourceContext<WorkerPool> context) {
    InformerEventSource<Deployment, WorkerPool> informer = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Deployment.class, WorkerPool.class)
            .withLabelSelector(PoolLabels.MANAGED_SELECTOR)
            .withItemStore(new TransformingItemStore<>(CachedFields::ofDeployment))
            .build(), context);
    deployments.useInformer(informer);
    // both caches keep only the fields the operator reads (CachedFields): a pod's spec is most of its size
    InformerEventSource<Pod, WorkerPool> pods = byPoolLabel(Pod.class, "worker-pods",
        new TransformingItemStore<>(CachedFields::ofPod), context);
    // the link between a pod and the pool's Deployment: only pods of its own ReplicaSets are its workers
    InformerEventSource<ReplicaSet, WorkerPool> replicaSets = byPoolLabel(ReplicaSet.class, "worker-replicasets",
        new TransformingItemStore<>(CachedFields::ofReplicaSet), context);
    SimpleInboundEventSource<WorkerPool> polls = new SimpleInboundEventSource<>("queue-polls");
    pollsConnector.accept(polls, context);
    return List.of(informer, pods, replicaSets, budgets.informer(context, informer), polls);
  }

  /**
   * An informer on the objects Ebb labels as managed, each mapped to its pool by the pool label: worker pods and
   * their ReplicaSets, whose owner is not the pool itself.
   */
  private static <R extends HasMetadata> InformerEventSource<R, WorkerPool> byPoolLabel(Class<R> type, String name,
      ItemStore<R> store, EventSourceContext<WorkerPool> context) {
    return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, WorkerPool.class)
        .withName(name)
        .withItemStore(store)
        .withLabelSelector(PoolLabels.MANAGED_SELECTOR)
        .withSecondaryToPrimaryMapper(object -> Set.of(new ResourceID(
            object.getMetadata().getLabels().get(PoolLabels.POOL), object.getMetadata().getNamespace())))
        .build(), context);
  }

  @Override
  public UpdateControl<WorkerPool> reconcile(WorkerPool pool, Context<WorkerPool> context) {
    statusWriter.catchUp(pool);
    Optional<SpecProblem> problem = WorkerPoolValidator.validate(pool).stream().findFirst()
        .or(() -> queueBlocks.apply(pool.getSpec().getQueue()).flatMap(addresses::check)) // before any Secret is read
        .or(() -> budgets.problem(pool));
    SecretReferences.Resolved secret = problem.isEmpty() ? secrets.resolve(pool) : null;
    if (problem.isEmpty()) {
      problem = secret.problem();
    }
    if (problem.isPresent()) {
      return reportInvalid(pool, problem.get());
    }
    try {
      // a Deployment of another owner in the cache is found before the queue is polled or a pod is touched
      Optional<Deployment> existing = deployments.owned(pool, context.getSecondaryResource(Deployment.class));
      replicas.prepare(pool, secret.credentials());
      return scale(pool, existing, context);
    } catch (DeploymentConflict conflict) {
      return reportConflict(pool, conflict);
    }
  }

  /** Plans the replicas, applies the Deployment, acts on the worker pods and reports. */
  private UpdateControl<WorkerPool> scale(WorkerPool pool, Optional<Deployment> existing,
      Context<WorkerPool> context) {
    OptionalInt current = existing.map(d -> OptionalInt.of(replicasOf(d))).orElse(OptionalInt.empty());
    List<Pod> pods = existing.map(d -> PodOwnership.workersOf(d, context.getSecondaryResources(ReplicaSet.class),
        context.getSecondaryResources(Pod.class))).orElse(List.of());
    replicas.observePods(pool, pods);
    ReplicaPlan plan = replicas.plan(pool, current);
    if (plan.snapshot().filter(PoolSnapshot::credentialsRefused).isPresent()) {
      secrets.forget(pool); // read the Secret again at the next look: a rotated password is picked up at once
    }
    if (current.isPresent() && plan.replicas() < current.getAsInt()) {
      workerPods.markDeletionCosts(pool, pods, plan.snapshot());
    }
    Deployment desired = WorkerDeploymentFactory.desired(pool, plan.replicas());
    Deployment applied = deployments.apply(pool, existing, desired, plan.message());
    StaleVerdict stale = workerPods.restartStale(pool, pods, plan.snapshot());
    boolean scaled = current.isPresent() && current.getAsInt() != plan.replicas();
    String format = queueBlocks.apply(pool.getSpec().getQueue()).map(QueueBlock::format).orElse("(none)");
    WorkerPoolStatus status = PoolStatusFactory.reconciled(pool, applied, plan, scaled, stale, format,
        clock.instant());
    ConditionEvents.announce(events, pool, pool.getStatus(), status);
    budgets.report(pool, plan);
    return write(pool, status);
  }

  @Override
  public ErrorStatusUpdateControl<WorkerPool> updateErrorStatus(WorkerPool pool, Context<WorkerPool> context,
      Exception e) {
    statusWriter.catchUp(pool);
    // the condition gets one sentence; the log the whole exception, once, with the pool's name
    String message = FailureMessage.reconcileFailed(e);
    if (FailureMessage.isConflict(e)) {
      LOG.info("{}/{}: {} (a write raced another writer); will retry", pool.getMetadata().getNamespace(),
          pool.getMetadata().getName(), message);
    } else {
      LOG.warn("{}/{}: {}; will retry", pool.getMetadata().getNamespace(), pool.getMetadata().getName(), message, e);
    }
    WorkerPoolStatus status = PoolStatusFactory.failed(pool, message, clock.instant());
    if (!status.equals(pool.getStatus())) {
      try {
        statusWriter.write(pool, status);
      } catch (RuntimeException writeFailed) {
        LOG.warn("{}/{}: could not report the failure in status: {}", pool.getMetadata().getNamespace(),
            pool.getMetadata().getName(), writeFailed.getMessage());
      }
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  private UpdateControl<WorkerPool> reportInvalid(WorkerPool pool, SpecProblem problem) {
    return reportUnworkable(pool, problem, problem.message() + "; the last good Deployment keeps running");
  }

  private UpdateControl<WorkerPool> reportConflict(WorkerPool pool, DeploymentConflict conflict) {
    return reportUnworkable(pool, conflict.problem(), conflict.getMessage());
  }

  /**
   * A pool Ebb cannot act on: Ready=False with the reason, one Warning event when the reason is new (not one per
   * look), and another look after {@code invalidSpecRetry}, for what no event announces.
   */
  private UpdateControl<WorkerPool> reportUnworkable(WorkerPool pool, SpecProblem problem, String event) {
    WorkerPoolStatus status = PoolStatusFactory.invalid(pool, problem, clock.instant());
    var previous = pool.getStatus() == null ? null : pool.getStatus().getConditions();
    if (!Objects.equals(Conditions.reason(previous, ConditionType.Ready), problem.reason())) {
      events.warning(pool, problem.reason(), event);
    }
    return write(pool, status).rescheduleAfter(config.invalidSpecRetry());
  }

  private UpdateControl<WorkerPool> write(WorkerPool pool, WorkerPoolStatus status) {
    dashboard.described(WorkerPoolFacts.key(pool), WorkerPoolFacts.of(pool, status));
    if (statusGate.shouldWrite(pool, status)) {
      statusWriter.write(pool, status);
    }
    return UpdateControl.noUpdate();
  }

  private static int replicasOf(Deployment deployment) {
    Integer replicas = deployment.getSpec().getReplicas();
    return replicas == null ? 1 : replicas;
  }
}
