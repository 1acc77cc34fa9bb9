package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerBudgetStatus {

  @JsonPropertyDescription("The generation of the spec this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("What the selected pools' Deployments hold now: the sum of replicas x cost.")
  private Long used;

  @JsonPropertyDescription("What the selected pools would run without the budget: the sum of wanted replicas x cost.")
  private Long wanted;

  @JsonPropertyDescription("How many pools share the budget.")
  private Integer pools;

  @JsonPropertyDescription("How many of them run fewer workers than they want because of this budget.")
  private Integer throttled;

  @JsonPropertyDescription("The throttled pools, by name.")
  private List<String> throttledPools = new ArrayList<>();

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Long getUsed() {
    return used;
  }

  public void setUsed(Long used) {
    this.used = used;
  }

  public Long getWanted() {
    return wanted;
  }

  public void setWanted(Long wanted) {
    this.wanted = wanted;
  }

  public Integer getPools() {
    return pools;
  }

  public void setPools(Integer pools) {
    this.pools = pools;
  }

  public Integer getThrottled() {
    return throttled;
  }

  public void setThrottled(Integer throttled) {
    this.throttled = throttled;
  }

  public List<String> getThrottledPools() {
    return throttledPools;
  }

  public void setThrottledPools(List<String> throttledPools) {
    this.throttledPools = throttledPools;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof WorkerBudgetStatus that)) {
      return false;
    }
    return Objects.equals(observedGeneration, that.observedGeneration) && Objects.equals(used, that.used)
        && Objects.equals(wanted, that.wanted) && Objects.equals(pools, that.pools)
        && Objects.equals(throttled, that.throttled) && Objects.equals(throttledPools, that.throttledPools);
  }

  @Override
  public int hashCode() {
    return Objects.hash(observedGeneration, used, wanted, pools, throttled, throttledPools);
  }
}
