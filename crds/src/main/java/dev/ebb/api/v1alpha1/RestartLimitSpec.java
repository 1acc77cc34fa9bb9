package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

public class RestartLimitSpec {

  @Min(0)
  @Max(60)
  @Default("5")
  @JsonPropertyDescription("Most stale workers restarted per minute (at most 60).")
  private Integer perMinute = 5;

  @Min(0)
  @Max(1)
  @Default("0.5")
  @JsonPropertyDescription("When more than this share of the pool looks stale at once, restart none: the heartbeat source is the likelier fault.")
  private Double maxStaleFraction = 0.5;

  public Integer getPerMinute() {
    return perMinute;
  }

  public void setPerMinute(Integer perMinute) {
    this.perMinute = perMinute;
  }

  public Double getMaxStaleFraction() {
    return maxStaleFraction;
  }

  public void setMaxStaleFraction(Double maxStaleFraction) {
    this.maxStaleFraction = maxStaleFraction;
  }
}
