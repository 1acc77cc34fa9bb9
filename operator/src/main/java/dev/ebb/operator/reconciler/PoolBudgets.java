package dev.ebb.operator.reconciler;

import dev.ebb.api.v1alpha1.WorkerBudget;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.budget.BudgetLedger;
import dev.ebb.operator.budget.BudgetMetrics;
import dev.ebb.operator.budget.BudgetView;
import dev.ebb.operator.event.PoolEvents;
import dev.ebb.operator.reconciler.ReplicaPlanner.ReplicaPlan;
import dev.ebb.operator.status.BudgetStatusWriter;
import dev.ebb.operator.validation.SpecProblem;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler's part of WorkerBudgets: an informer on them (a change of a budget's spec reconciles the pools it
 * selects),
 * the ledger's view of the caches, the check that a pool's minimum fits its budgets, and the budgets' status and
 * metrics after a pool was planned.
 */
public class PoolBudgets {

  private static final Logger LOG = LoggerFactory.getLogger(PoolBudgets.class);

  private final BudgetLedger ledger;
  private final BudgetStatusWriter statusWriter;
  private final BudgetMetrics metrics;
  private final PoolEvents events;

  public PoolBudgets(BudgetLedger ledger, BudgetStatusWriter statusWriter, BudgetMetrics metrics, PoolEvents events) {
    this.ledger = ledger;
    this.statusWriter = statusWriter;
    this.metrics = metrics;
    this.events = events;
  }

  /** The WorkerBudget informer; the ledger reads budgets, pools and Deployments from the operator's caches. */
  InformerEventSource<WorkerBudget, WorkerPool> informer(EventSourceContext<WorkerPool> context,
      InformerEventSource<Deployment, WorkerPool> deployments) {
    InformerEventSource<WorkerBudget, WorkerPool> budgets = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(WorkerBudget.class, WorkerPool.class)
            .withName("worker-budgets")
            // a new limit or selector reconciles the pools; the status this operator writes does not
            .withOnUpdateFilter((updated, old) -> !java.util.Objects.equals(updated.getMetadata().getGeneration(),
                old.getMetadata().getGeneration()))
            .withSecondaryToPrimaryMapper(budget -> ledger.poolsOf(budget).stream()
                .map(ResourceID::fromResource).collect(Collectors.toSet()))
            .build(), context);
    ledger.useView(new BudgetView() {
      @Override
      public List<WorkerBudget> budgets(String namespace) {
        return budgets.list(namespace).toList();
      }

      @Override
      public List<WorkerPool> pools(String namespace) {
        return context.getPrimaryCache().list(namespace).toList();
      }

      @Override
      public OptionalInt deploymentReplicas(String namespace, String pool) {
        return deployments.get(new ResourceID(pool, namespace))
            .map(d -> OptionalInt.of(d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas()))
            .orElse(OptionalInt.empty());
      }
    });
    return budgets;
  }

  /** A pool whose replicas.min alone costs more than a budget it belongs to cannot work. */
  Optional<SpecProblem> problem(WorkerPool pool) {
    return ledger.tooSmall(pool).map(message -> new SpecProblem("BudgetTooSmall", message));
  }

  /** After a pool was planned: its budgets' status and metrics, and a count of the grants a budget cut. */
  void report(WorkerPool pool, ReplicaPlan plan) {
    plan.budget().flatMap(grant -> grant.throttle()).ifPresent(throttle ->
        metrics.throttled(pool.getMetadata().getNamespace(), throttle.budget()));
    if (plan.budget().isEmpty()) {
      return;
    }
    for (WorkerBudget budget : ledger.budgetsOf(pool)) {
      var figures = ledger.figures(budget);
      metrics.reported(budget.getMetadata().getNamespace(), budget.getMetadata().getName(), figures);
      try {
        statusWriter.report(budget, figures);
      } catch (RuntimeException e) {
        // the pool's own work is done; the budget's figures are written again at the next report
        LOG.warn("{}/{}: could not write the status of WorkerBudget {}: {}", pool.getMetadata().getNamespace(),
            pool.getMetadata().getName(), budget.getMetadata().getName(), e.getMessage());
      }
    }
  }
}
