package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LabelSelector;

public class WorkerBudgetSpec {

  @Required
  @Min(1)
  @Max(1000000000)
  @JsonPropertyDescription("The most the selected pools may use together: the sum of replicas x workers.budgetCost"
      + " (connections, calls a second, whatever unit the costs are in).")
  private Long limit;

  @JsonPropertyDescription("Which WorkerPools of this namespace share the budget, by their labels. Empty or absent:"
      + " every pool of the namespace.")
  private LabelSelector selector;

  public WorkerBudgetSpec() {
  }

  public WorkerBudgetSpec(Long limit, LabelSelector selector) {
    this.limit = limit;
    this.selector = selector;
  }

  public Long getLimit() {
    return limit;
  }

  public void setLimit(Long limit) {
    this.limit = limit;
  }

  public LabelSelector getSelector() {
    return selector;
  }

  public void setSelector(LabelSelector selector) {
    this.selector = selector;
  }
}
