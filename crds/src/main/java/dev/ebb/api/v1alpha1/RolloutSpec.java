package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.IntOrString;

public class RolloutSpec {

  /** A count or a percentage, as in a Deployment's rolling update. */
  public static final String INT_OR_PERCENT = "^[0-9]+%?$";

  @Pattern(INT_OR_PERCENT)
  @JsonPropertyDescription("Workers that may be down during a rollout: a count or a percentage (default 25%).")
  private IntOrString maxUnavailable = new IntOrString("25%");

  @Pattern(INT_OR_PERCENT)
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
