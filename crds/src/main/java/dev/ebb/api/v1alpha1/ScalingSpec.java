package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "!has(self.pollingInterval) || duration(self.pollingInterval) >= duration('1s')",
    message = "scaling.pollingInterval must be at least 1s", reason = "FieldValueInvalid")
@ValidationRule(value = "!has(self.maxQueueLatency) || duration(self.maxQueueLatency) > duration('0s')",
    message = "scaling.maxQueueLatency must be longer than zero", reason = "FieldValueInvalid")
public class ScalingSpec {

  @Pattern(DurationFormat.PATTERN)
  @Size(max = DurationFormat.MAX_LENGTH)
  @Default("5s")
  @JsonPropertyDescription("How often the queue is measured and the pool sized.")
  private String pollingInterval = "5s";

  @Pattern(DurationFormat.PATTERN)
  @Size(max = DurationFormat.MAX_LENGTH)
  @Default("30s")
  @JsonPropertyDescription("The goal: a job waits at most this long before a worker starts it.")
  private String maxQueueLatency = "30s";

  // The API server compares an integer value with the minimum truncated to an integer (kube-openapi), so 0 would
  // pass @Min(0.05) alone: the CEL rule holds the bound for every value.
  @Min(value = 0.05)
  @Max(1)
  @ValidationRule(value = "self >= 0.05", message = "scaling.targetUtilization must be at least 0.05")
  @Default("0.8")
  @JsonPropertyDescription("Share of each worker's concurrency to keep busy in the steady state.")
  private Double targetUtilization = 0.8;

  @Min(1)
  @Default("100")
  @JsonPropertyDescription("Waiting jobs per worker, used only until the workers report their processing time.")
  private Integer jobsPerReplica = 100;

  @JsonPropertyDescription("How fast the pool grows.")
  private ScalingWindow scaleUp = new ScalingWindow("0s");

  @JsonPropertyDescription("How fast the pool shrinks: the steady load's recommendation is held for the"
      + " window; the workers a backlog added, only for maxQueueLatency once it is drained.")
  private ScalingWindow scaleDown = new ScalingWindow("5m");

  @Pattern(DurationFormat.PATTERN)
  @Size(max = DurationFormat.MAX_LENGTH)
  @Default("5m")
  @JsonPropertyDescription("With replicas.min 0: scale to zero after the queue has been empty and idle this long.")
  private String scaleToZeroAfter = "5m";

  @JsonPropertyDescription("What to run when the queue cannot be measured.")
  private FallbackSpec fallback = new FallbackSpec();

  @Default("false")
  @JsonPropertyDescription("Hold the current number of workers.")
  private Boolean paused = false;

  public String getPollingInterval() {
    return pollingInterval;
  }

  public void setPollingInterval(String pollingInterval) {
    this.pollingInterval = pollingInterval;
  }

  public String getMaxQueueLatency() {
    return maxQueueLatency;
  }

  public void setMaxQueueLatency(String maxQueueLatency) {
    this.maxQueueLatency = maxQueueLatency;
  }

  public Double getTargetUtilization() {
    return targetUtilization;
  }

  public void setTargetUtilization(Double targetUtilization) {
    this.targetUtilization = targetUtilization;
  }

  public Integer getJobsPerReplica() {
    return jobsPerReplica;
  }

  public void setJobsPerReplica(Integer jobsPerReplica) {
    this.jobsPerReplica = jobsPerReplica;
  }

  public ScalingWindow getScaleUp() {
    return scaleUp;
  }

  public void setScaleUp(ScalingWindow scaleUp) {
    this.scaleUp = scaleUp;
  }

  public ScalingWindow getScaleDown() {
    return scaleDown;
  }

  public void setScaleDown(ScalingWindow scaleDown) {
    this.scaleDown = scaleDown;
  }

  public String getScaleToZeroAfter() {
    return scaleToZeroAfter;
  }

  public void setScaleToZeroAfter(String scaleToZeroAfter) {
    this.scaleToZeroAfter = scaleToZeroAfter;
  }

  public FallbackSpec getFallback() {
    return fallback;
  }

  public void setFallback(FallbackSpec fallback) {
    this.fallback = fallback;
  }

  public Boolean getPaused() {
    return paused;
  }

  public void setPaused(Boolean paused) {
    this.paused = paused;
  }
}
