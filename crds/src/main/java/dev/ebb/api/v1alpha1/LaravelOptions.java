package dev.ebb.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** How a Laravel app names its queue keys. */
public class LaravelOptions {

  /**
   * Laravel's default Redis prefix, {@code Str::slug(env('APP_NAME', 'laravel'), '_').'_database_'} in the skeleton's
   * config/database.php, for an app named "laravel".
   */
  public static final String DEFAULT_PREFIX = "laravel_database_";

  @Default(DEFAULT_PREFIX)
  @Size(max = 100)
  @Pattern("^[A-Za-z0-9_.:{}\\-]*$")
  @JsonPropertyDescription("The app's database.redis.options.prefix (REDIS_PREFIX): keys are <prefix>queues:<queue>."
      + " Default laravel_database_ (APP_NAME laravel); empty for no prefix.")
  private String prefix = DEFAULT_PREFIX;

  public String getPrefix() {
    return prefix;
  }

  public void setPrefix(String prefix) {
    this.prefix = prefix;
  }
}
