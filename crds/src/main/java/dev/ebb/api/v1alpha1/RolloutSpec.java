package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;

// crd-generator drops @Pattern on int-or-string fields, so the checks are CEL rules; string() reads both kinds
@ValidationRule(value = "!has(self.maxUnavailable) || string(self.maxUnavailable).matches('^[0-9]+%?$')",
    message = "rollout.maxUnavailable must be a count or a percentage such as 1 or 25%", reason = "FieldValueInvalid")
@ValidationRule(value = "!has(self.maxSurge) || string(self.maxSurge).matches('^[0-9]+%?$')",
    message = "rollout.maxSurge must be a count or a percentage such as 1 or 25%", reason = "FieldValueInvalid")
@ValidationRule(value = "!(has(self.maxUnavailable) && has(self.maxSurge)"
    + " && string(self.maxUnavailable) in ['0', '0%'] && string(self.maxSurge) in ['0', '0%'])",
    message = "rollout.maxUnavailable and rollout.maxSurge cannot both be zero", reason = "FieldValueInvalid")
public class RolloutSpec {

  @JsonPropertyDescription("Workers that may be down during a rollout: a count or a percentage (default 25%).")
  private IntOrString maxUnavailable = new IntOrString("25%");

  @JsonPropertyDescription("Extra workers that may run during a rollout: a count or a percentage (default 25%).")
  private IntOrString maxSurge = new IntOrString("25%");

  public IntOrString getMaxUnavailable() {
    return maxUnavailable;
  }

  public void setMaxUnavailable(IntOrString maxUnavailable) {
    this.maxUnavailable = maxUnavailable;
  }

  public IntOrString getMaxSurge() {
    return maxSurge;
  }

  public void setMaxSurge(IntOrString maxSurge) {
    this.maxSurge = maxSurge;
  }
}
