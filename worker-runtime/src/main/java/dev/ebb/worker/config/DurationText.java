package dev.ebb.worker.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations written as in Kubernetes and Go: {@code 55s}, {@code 1m30s}, {@code 500ms}, {@code 2h}, or a plain
 * number of seconds ({@code 25}).
 */
public final class DurationText {

  private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");
  private static final Pattern SECONDS = Pattern.compile("\\d+");

  private DurationText() {
  }

  public static Duration parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (SECONDS.matcher(trimmed).matches()) {
      return Duration.ofSeconds(Long.parseLong(trimmed));
    }
    Matcher part = PART.matcher(trimmed);
    Duration total = Duration.ZERO;
    int end = 0;
    while (part.find() && part.start() == end) {
      long amount = Long.parseLong(part.group(1));
      total = total.plus(switch (part.group(2)) {
        case "h" -> Duration.ofHours(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "s" -> Duration.ofSeconds(amount);
        default -> Duration.ofMillis(amount);
      });
      end = part.end();
    }
    if (end == 0 || end != trimmed.length()) {
      throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 25s, 1m30s, 500ms or 25)");
    }
    return total;
  }
}
