package dev.ebb.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A cap shared by the WorkerPools it selects in its namespace: the sum over those pools of replicas x cost per worker
 * never exceeds {@code spec.limit} (database connections, API calls a second...). See docs/budgets.md.
 */
@Group(WorkerPool.GROUP)
@Version(WorkerPool.VERSION)
@Plural("workerbudgets")
@Singular("workerbudget")
@ShortNames("wb")
@Categories("ebb")
@AdditionalPrinterColumn(name = "Limit", jsonPath = ".spec.limit", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Used", jsonPath = ".status.used", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Wanted", jsonPath = ".status.wanted", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Pools", jsonPath = ".status.pools", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Throttled", jsonPath = ".status.throttled", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class WorkerBudget extends CustomResource<WorkerBudgetSpec, WorkerBudgetStatus> implements Namespaced {

  @Override
  protected WorkerBudgetStatus initStatus() {
    return new WorkerBudgetStatus();
  }
}
