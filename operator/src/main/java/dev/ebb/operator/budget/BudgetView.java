package dev.ebb.operator.budget;

import dev.ebb.api.v1alpha1.WorkerBudget;
import dev.ebb.api.v1alpha1.WorkerPool;
import java.util.List;
import java.util.OptionalInt;

/** What the ledger reads of the cluster, from the operator's informer caches (never from the API server). */
public interface BudgetView {

  BudgetView EMPTY = new BudgetView() {
    @Override
    public List<WorkerBudget> budgets(String namespace) {
      return List.of();
    }

    @Override
    public List<WorkerPool> pools(String namespace) {
      return List.of();
    }

    @Override
    public OptionalInt deploymentReplicas(String namespace, String pool) {
      return OptionalInt.empty();
    }
  };

  List<WorkerBudget> budgets(String namespace);

  List<WorkerPool> pools(String namespace);

  /** The spec.replicas of the pool's Deployment, when it has one. */
  OptionalInt deploymentReplicas(String namespace, String pool);
}
