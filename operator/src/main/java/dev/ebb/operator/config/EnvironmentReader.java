package dev.ebb.operator.config;

import dev.ebb.api.v1alpha1.DurationFormat;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Typed reads of environment variables, with errors that name the variable. */
final class EnvironmentReader {

  private final Map<String, String> env;

  EnvironmentReader(Map<String, String> env) {
    this.env = env;
  }

  Optional<String> optional(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  String string(String name, String fallback) {
    return optional(name).orElse(fallback);
  }

  int integer(String name, int fallback) {
    return optional(name).map(value -> {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
      }
    }).orElse(fallback);
  }

  boolean bool(String name, boolean fallback) {
    return optional(name).map(value -> switch (value.toLowerCase()) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
    }).orElse(fallback);
  }

  Duration duration(String name, Duration fallback) {
    return optional(name).map(value -> {
      try {
        return DurationFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + ": " + e.getMessage());
      }
    }).orElse(fallback);
  }

  Set<String> set(String name) {
    return optional(name)
        .map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet()))
        .orElse(Set.of());
  }
}
