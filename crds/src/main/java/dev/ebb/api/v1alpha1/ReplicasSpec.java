package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "!has(self.min) || self.min <= self.max",
    message = "replicas.min must not exceed replicas.max", reason = "FieldValueInvalid")
public class ReplicasSpec {

  @Min(0)
  @Max(10000)
  @Default("1")
  @JsonPropertyDescription("Fewest workers. 0 lets the pool scale to zero when its queue is idle.")
  private Integer min = 1;

  @Required
  @Min(1)
  @Max(10000)
  @JsonPropertyDescription("Most workers.")
  private Integer max;

  public ReplicasSpec() {
  }

  public ReplicasSpec(Integer min, Integer max) {
    this.min = min;
    this.max = max;
  }

  public Integer getMin() {
    return min;
  }

  public void setMin(Integer min) {
    this.min = min;
  }

  public Integer getMax() {
    return max;
  }

  public void setMax(Integer max) {
    this.max = max;
  }
}
