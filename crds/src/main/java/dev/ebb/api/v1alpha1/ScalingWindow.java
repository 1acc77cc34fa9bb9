package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

public class ScalingWindow {

  @Pattern(DurationFormat.PATTERN)
  @Size(max = DurationFormat.MAX_LENGTH)
  @JsonPropertyDescription("Act on the most cautious recommendation seen over this window (0s: act at once).")
  private String stabilizationWindow;

  public ScalingWindow() {
  }

  public ScalingWindow(String stabilizationWindow) {
    this.stabilizationWindow = stabilizationWindow;
  }

  public String getStabilizationWindow() {
    return stabilizationWindow;
  }

  public void setStabilizationWindow(String stabilizationWindow) {
    this.stabilizationWindow = stabilizationWindow;
  }
}
