package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** How a BullMQ app names its keys. */
public class BullMqOptions {

  /** BullMQ's default prefix (QueueKeys: {@code new QueueKeys(prefix = 'bull')}). */
  public static final String DEFAULT_PREFIX = "bull";

  @Default(DEFAULT_PREFIX)
  @Size(min = 1, max = 100)
  @Pattern("^[A-Za-z0-9_.:{}\\-]+$")
  @JsonPropertyDescription("The prefix option of the app's Queue and Worker: keys are <prefix>:<queue>:... Default bull.")
  private String prefix = DEFAULT_PREFIX;

  public String getPrefix() {
    return prefix;
  }

  public void setPrefix(String prefix) {
    this.prefix = prefix;
  }
}
