package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class QueueStatus {

  @JsonPropertyDescription("Jobs waiting.")
  private Long depth;

  @JsonPropertyDescription("How long the oldest waiting job has waited, e.g. 41s.")
  private String oldestJobAge;

  @JsonPropertyDescription("Jobs enqueued per second, over the last polling interval. Formats that count no enqueues"
      + " (sidekiq, rq) get it derived over the last minute: jobs completed plus the growth of waiting and running jobs.")
  private Double arrivalRate;

  @JsonPropertyDescription("Jobs completed per second, over the last polling interval.")
  private Double completionRate;

  public Long getDepth() {
    return depth;
  }

  public void setDepth(Long depth) {
    this.depth = depth;
  }

  public String getOldestJobAge() {
    return oldestJobAge;
  }

  public void setOldestJobAge(String oldestJobAge) {
    this.oldestJobAge = oldestJobAge;
  }

  public Double getArrivalRate() {
    return arrivalRate;
  }

  public void setArrivalRate(Double arrivalRate) {
    this.arrivalRate = arrivalRate;
  }

  public Double getCompletionRate() {
    return completionRate;
  }

  public void setCompletionRate(Double completionRate) {
    this.completionRate = completionRate;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QueueStatus that
        && Objects.equals(depth, that.depth)
        && Objects.equals(oldestJobAge, that.oldestJobAge)
        && Objects.equals(arrivalRate, that.arrivalRate)
        && Objects.equals(completionRate, that.completionRate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(depth, oldestJobAge, arrivalRate, completionRate);
  }
}
