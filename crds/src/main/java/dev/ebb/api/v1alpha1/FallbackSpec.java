package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

public class FallbackSpec {

  @Min(0)
  @JsonPropertyDescription("Workers to run after afterFailures failed measurements in a row. Unset: keep the current number.")
  private Integer replicas;

  @Min(1)
  @Default("3")
  @JsonPropertyDescription("Failed measurements in a row before the fallback applies; until then the current number holds.")
  private Integer afterFailures = 3;

  public FallbackSpec() {
  }

  public FallbackSpec(Integer replicas, Integer afterFailures) {
    this.replicas = replicas;
    this.afterFailures = afterFailures;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getAfterFailures() {
    return afterFailures;
  }

  public void setAfterFailures(Integer afterFailures) {
    this.afterFailures = afterFailures;
  }
}
