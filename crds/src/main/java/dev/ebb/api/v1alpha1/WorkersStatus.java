package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkersStatus {

  @JsonPropertyDescription("Workers running at least one job.")
  private Integer busy;

  @JsonPropertyDescription("Pods whose worker looks stale: its heartbeat is older than workers.heartbeat.staleAfter,"
      + " or has expired (no beat for three heartbeat intervals).")
  private Integer stale;

  @JsonPropertyDescription("Mean processing time of a job, e.g. 350ms.")
  private String processingTime;

  public Integer getBusy() {
    return busy;
  }

  public void setBusy(Integer busy) {
    this.busy = busy;
  }

  public Integer getStale() {
    return stale;
  }

  public void setStale(Integer stale) {
    this.stale = stale;
  }

  public String getProcessingTime() {
    return processingTime;
  }

  public void setProcessingTime(String processingTime) {
    this.processingTime = processingTime;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WorkersStatus that
        && Objects.equals(busy, that.busy)
        && Objects.equals(stale, that.stale)
        && Objects.equals(processingTime, that.processingTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(busy, stale, processingTime);
  }
}
