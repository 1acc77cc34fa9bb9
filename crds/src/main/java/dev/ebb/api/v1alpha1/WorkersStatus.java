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

  @JsonPropertyDescription("Where processingTime comes from: backend (the queue's own records, e.g. RQ's working"
      + " time), heartbeats (the workers' reports), estimated (Little's law: jobs running / jobs completed per second"
      + " over the last polling interval, for formats that count only those, e.g. Sidekiq).")
  private String processingTimeSource;

  @JsonPropertyDescription("How long the pool's pods take from creation to Ready, e.g. 20s: the median of the last"
      + " 10 starts the operator saw (Ready condition's lastTransitionTime - creationTimestamp). A scale-up sizes for"
      + " the backlog expected when its new pods are ready. Absent until a pod of the pool has become Ready.")
  private String startupTime;

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

  public String getProcessingTimeSource() {
    return processingTimeSource;
  }

  public void setProcessingTimeSource(String processingTimeSource) {
    this.processingTimeSource = processingTimeSource;
  }

  public String getStartupTime() {
    return startupTime;
  }

  public void setStartupTime(String startupTime) {
    this.startupTime = startupTime;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WorkersStatus that
        && Objects.equals(busy, that.busy)
        && Objects.equals(stale, that.stale)
        && Objects.equals(processingTime, that.processingTime)
        && Objects.equals(processingTimeSource, that.processingTimeSource)
        && Objects.equals(startupTime, that.startupTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(busy, stale, processingTime, processingTimeSource, startupTime);
  }
}
