package dev.ebb.operator.scaling;

import java.time.Duration;

/** Short, Kubernetes-like renderings of durations for status messages: {@code 350ms}, {@code 41s}, {@code 5m}, {@code 1h30m}. */
public final class HumanDuration {

    private HumanDuration() {
    }

    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + "ms";
        }
        if (millis < 10_000 && millis % 1_000 != 0) {
            return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        long hours = seconds / 3600;
        long minutes = (seconds % 3600) / 60;
        long rest = seconds % 60;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (rest > 0) {
            text.append(rest).append('s');
        }
        return text.toString();
    }
}
