package dev.ebb.api.v1alpha1;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes-style duration strings ({@code 30s}, {@code 5m}, {@code 1h30m}, {@code 350ms}): the subset of Go's
 * {@code time.ParseDuration} that CEL's {@code duration()} also accepts, so the schema and the operator agree.
 */
public final class DurationFormat {

  /** At most 6 digits a part (999999h is 114 years): CEL's duration() overflows past 292 years. */
  public static final String PATTERN = "^([0-9]{1,6}(\\.[0-9]{1,3})?(ms|s|m|h)){1,4}$";
  /** The pattern's own bound, stated so the API server can bound the cost of the CEL rules that read the field. */
  public static final int MAX_LENGTH = 48;

  private static final Pattern WHOLE = Pattern.compile(PATTERN);
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

  private DurationFormat() {
  }

  /** Parses a duration string; throws {@link IllegalArgumentException} naming the value when it is not one. */
  public static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a duration such as 30s, 5m or 1h30m");
    }
    double millis = 0;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      double value = Double.parseDouble(part.group(1));
      millis += switch (part.group(2)) {
        case "ms" -> value;
        case "s" -> value * 1_000;
        case "m" -> value * 60_000;
        default -> value * 3_600_000;
      };
    }
    return Duration.ofMillis(Math.round(millis));
  }

  /** Parses {@code text}, or returns {@code fallback} when it is null. */
  public static Duration parseOr(String text, Duration fallback) {
    return text == null ? fallback : parse(text);
  }

  /** Formats for people and printer columns: {@code 350ms}, {@code 41s}, {@code 3m12s}, {@code 2h5m}. */
  public static String format(Duration duration) {
    long millis = Math.max(0, duration.toMillis());
    if (millis < 1_000) {
      return millis + "ms";
    }
    long seconds = millis / 1_000;
    if (seconds < 60) {
      return millis < 10_000 && millis % 1_000 != 0
          ? String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0) : seconds + "s";
    }
    if (seconds < 3_600) {
      return (seconds / 60) + "m" + (seconds % 60 == 0 ? "" : (seconds % 60) + "s");
    }
    return (seconds / 3_600) + "h" + ((seconds % 3_600) / 60 == 0 ? "" : ((seconds % 3_600) / 60) + "m");
  }
}
