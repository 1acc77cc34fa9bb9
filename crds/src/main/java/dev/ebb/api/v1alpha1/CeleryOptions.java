package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** How a Celery app's kombu Redis transport names its keys: the transport options the app sets, if any. */
public class CeleryOptions {

  /** kombu's default priority_steps (kombu/transport/redis.py PRIORITY_STEPS). */
  public static final List<Integer> DEFAULT_PRIORITY_STEPS = List.of(0, 3, 6, 9);

  @Size(max = 10)
  @ValidationRule(value = "size(self) >= 1 && self.all(step, step >= 0 && step <= 255)",
      message = "celery.prioritySteps must name 1 to 10 steps within [0, 255]")
  @JsonPropertyDescription("kombu's priority_steps transport option: one Redis list per step. Default [0, 3, 6, 9].")
  private List<Integer> prioritySteps;

  @Size(max = 100)
  @Pattern("^[A-Za-z0-9_.:{}\\-]*$")
  @JsonPropertyDescription("kombu's global_keyprefix transport option, prepended to every key. Default none.")
  private String globalKeyPrefix;

  public List<Integer> getPrioritySteps() {
    return prioritySteps;
  }

  public void setPrioritySteps(List<Integer> prioritySteps) {
    this.prioritySteps = prioritySteps;
  }

  public String getGlobalKeyPrefix() {
    return globalKeyPrefix;
  }

  public void setGlobalKeyPrefix(String globalKeyPrefix) {
    this.globalKeyPrefix = globalKeyPrefix;
  }
}
