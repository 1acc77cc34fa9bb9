package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "!has(self.shutdownGracePeriod) || duration(self.shutdownGracePeriod) > duration('0s')",
    message = "workers.shutdownGracePeriod must be longer than zero", reason = "FieldValueInvalid")
public class WorkersSpec {

  @Min(1)
  @Max(10000)
  @Default("10")
  @JsonPropertyDescription("Jobs each worker runs at once (passed to the worker as EBB_CONCURRENCY).")
  private Integer concurrency = 10;

  @Min(1)
  @Max(1000000)
  @JsonPropertyDescription("What one worker uses of each WorkerBudget the pool belongs to (connections, calls a"
      + " second...). Default: the concurrency, i.e. one per job slot.")
  private Integer budgetCost;

  @JsonPropertyDescription("When a worker counts as stale.")
  private HeartbeatSpec heartbeat = new HeartbeatSpec();

  @JsonPropertyDescription("How many stale workers may be restarted.")
  private RestartLimitSpec restartLimit = new RestartLimitSpec();

  @Pattern(DurationFormat.PATTERN)
  @Size(max = DurationFormat.MAX_LENGTH)
  @Default("60s")
  @JsonPropertyDescription("From SIGTERM to SIGKILL. The worker is told to hand back unfinished jobs a few seconds before.")
  private String shutdownGracePeriod = "60s";

  public Integer getConcurrency() {
    return concurrency;
  }

  public void setConcurrency(Integer concurrency) {
    this.concurrency = concurrency;
  }

  public Integer getBudgetCost() {
    return budgetCost;
  }

  public void setBudgetCost(Integer budgetCost) {
    this.budgetCost = budgetCost;
  }

  /** What one worker costs in a budget: {@link #getBudgetCost()}, else the concurrency. */
  public int budgetCostOrConcurrency() {
    return budgetCost != null ? budgetCost : concurrency == null ? 10 : concurrency;
  }

  public HeartbeatSpec getHeartbeat() {
    return heartbeat;
  }

  public void setHeartbeat(HeartbeatSpec heartbeat) {
    this.heartbeat = heartbeat;
  }

  public RestartLimitSpec getRestartLimit() {
    return restartLimit;
  }

  public void setRestartLimit(RestartLimitSpec restartLimit) {
    this.restartLimit = restartLimit;
  }

  public String getShutdownGracePeriod() {
    return shutdownGracePeriod;
  }

  public void setShutdownGracePeriod(String shutdownGracePeriod) {
    this.shutdownGracePeriod = shutdownGracePeriod;
  }
}
