package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "!has(self.staleAfter) || duration(self.staleAfter) >= duration('10s')",
    message = "workers.heartbeat.staleAfter must be at least 10s", reason = "FieldValueInvalid")
public class HeartbeatSpec {

  @Pattern(DurationFormat.PATTERN)
  @Size(max = DurationFormat.MAX_LENGTH)
  @Default("60s")
  @JsonPropertyDescription("A worker whose last heartbeat is older than this is restarted; one whose heartbeat"
      + " expired (no beat for three heartbeat intervals, 15s at the default interval) is restarted then.")
  private String staleAfter = "60s";

  public String getStaleAfter() {
    return staleAfter;
  }

  public void setStaleAfter(String staleAfter) {
    this.staleAfter = staleAfter;
  }
}
