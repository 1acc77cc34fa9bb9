package dev.ebb.worker.config;

import dev.ebb.worker.periodic.PeriodicSchedule;
import dev.ebb.worker.protocol.Envelope;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the worker is told, read once at start from environment variables, each overridable by a flag
 * ({@code --queue mailer} or {@code --queue=mailer} overrides {@code EBB_QUEUE}). Nothing else reads the environment.
 * The password is taken from {@code EBB_REDIS_PASSWORD} only (flags show up in {@code ps}).
 */
public record WorkerConfig(
    RedisAddress redis,
    String queue,
    int concurrency,
    String handlers,
    String pool,
    String podName,
    Duration shutdownTimeout,
    Duration heartbeatInterval,
    int httpPort,
    Duration retryBase,
    Duration retryCap,
    Duration pollInterval,
    Duration fetchTimeout,
    int maxBatch,
    int deadLetterCap,
    int maxJobBytes,
    Duration stallAfter,
    List<PeriodicSchedule> periodic,
    String demoCompletionsKey,
    String demoCompletionsFile) {

  /** The heartbeat hash lives this many heartbeat intervals. */
  public static final int HEARTBEAT_TTL_INTERVALS = 3;

  public WorkerConfig {
    if (concurrency < 1) {
      throw new IllegalArgumentException("EBB_CONCURRENCY must be at least 1, got " + concurrency);
    }
    if (maxBatch < 1) {
      throw new IllegalArgumentException("EBB_MAX_BATCH must be at least 1, got " + maxBatch);
    }
    if (maxJobBytes < 1) {
      throw new IllegalArgumentException("EBB_MAX_JOB_BYTES must be at least 1, got " + maxJobBytes);
    }
    if (heartbeatInterval.isZero() || heartbeatInterval.isNegative()) {
      throw new IllegalArgumentException("EBB_HEARTBEAT_INTERVAL must be positive");
    }
  }

  public static WorkerConfig from(Map<String, String> environment, List<String> args, String hostname) {
    Map<String, String> values = new HashMap<>(environment);
    values.putAll(flags(args));
    Settings s = new Settings(values);
    RedisAddress redis;
    try {
      redis = RedisAddress.parse(s.text("EBB_REDIS_URL", "redis://127.0.0.1:6379/0"),
          environment.get("EBB_REDIS_PASSWORD"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("EBB_REDIS_URL: " + e.getMessage(), e);
    }
    return new WorkerConfig(
        redis,
        s.text("EBB_QUEUE", "default"),
        s.integer("EBB_CONCURRENCY", 10),
        s.text("EBB_HANDLERS", ""),
        s.text("EBB_POOL", ""),
        s.text("EBB_POD_NAME", hostname),
        s.duration("EBB_SHUTDOWN_TIMEOUT", "25s"),
        s.duration("EBB_HEARTBEAT_INTERVAL", "5s"),
        s.integer("EBB_HTTP_PORT", 8080),
        s.duration("EBB_RETRY_BASE", "15s"),
        s.duration("EBB_RETRY_CAP", "1h"),
        s.duration("EBB_POLL_INTERVAL", "1s"),
        s.duration("EBB_FETCH_TIMEOUT", "1s"),
        s.integer("EBB_MAX_BATCH", 100),
        s.integer("EBB_DEAD_LETTER_CAP", 10_000),
        s.integer("EBB_MAX_JOB_BYTES", Envelope.DEFAULT_MAX_BYTES),
        s.duration("EBB_STALL_AFTER", "60s"),
        periodic(s.text("EBB_PERIODIC", "")),
        s.text("EBB_DEMO_COMPLETIONS_KEY", ""),
        s.text("EBB_DEMO_COMPLETIONS_FILE", ""));
  }

  private static List<PeriodicSchedule> periodic(String json) {
    try {
      return PeriodicSchedule.parseAll(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("EBB_PERIODIC: " + e.getMessage(), e);
    }
  }

  /** How long the heartbeat hash outlives its last write. */
  public Duration heartbeatTtl() {
    return heartbeatInterval.multipliedBy(HEARTBEAT_TTL_INTERVALS);
  }

  /** {@code --shutdown-timeout 30s} becomes {@code EBB_SHUTDOWN_TIMEOUT=30s}. */
  static Map<String, String> flags(List<String> args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "' (flags look like --queue mailer)");
      }
      String name = arg.substring(2);
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new IllegalArgumentException("flag --" + name + " needs a value");
      }
      String key = "EBB_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
      if (key.equals("EBB_REDIS_PASSWORD")) {
        throw new IllegalArgumentException("the Redis password is read from EBB_REDIS_PASSWORD only, not a flag");
      }
      flags.put(key, value);
    }
    return flags;
  }

  private record Settings(Map<String, String> values) {
    String text(String key, String fallback) {
      String value = values.get(key);
      return value == null || value.isBlank() ? fallback : value.trim();
    }

    int integer(String key, int fallback) {
      String value = text(key, Integer.toString(fallback));
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'");
      }
    }

    Duration duration(String key, String fallback) {
      try {
        return DurationText.parse(text(key, fallback));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(key + ": " + e.getMessage());
      }
    }
  }
}
