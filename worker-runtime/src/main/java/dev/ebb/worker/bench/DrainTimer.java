package dev.ebb.worker.bench;

import dev.ebb.worker.config.WorkerConfig;
import dev.ebb.worker.protocol.QueueKeys;
import dev.ebb.worker.runtime.RedisConnector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.RedisClient;

/**
 * Times how fast a worker drains a queue, for bench/worker-throughput.sh: {@code java -cp ebb-worker.jar
 * dev.ebb.worker.bench.DrainTimer --jobs 200000 --pid <worker pid> [--queue q --redis-url ...]}. Polls the queue's
 * {@code completed} counter every 20 ms; the clock and the worker's CPU time (utime + stime from
 * {@code /proc/<pid>/stat}) start at the first completion, so JVM start-up is not counted, and stop when
 * {@code --jobs} more jobs completed. Prints one line: {@code jobs seconds jobs_per_s cpu_us_per_job}.
 */
public final class DrainTimer {

  private DrainTimer() {
  }

  public static void main(String[] args) throws Exception {
    long jobs = 0;
    long pid = 0;
    List<String> workerArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--jobs" -> jobs = Long.parseLong(args[++i]);
        case "--pid" -> pid = Long.parseLong(args[++i]);
        default -> workerArgs.add(args[i]);
      }
    }
    WorkerConfig config = WorkerConfig.from(System.getenv(), workerArgs, "drain-timer");
    QueueKeys keys = new QueueKeys(config.queue());
    try (RedisClient redis = RedisConnector.connect(config.redis(), 1, config.fetchTimeout(), "ebb-drain-timer")) {
      long base = completed(redis, keys);
      long firstSeen;
      while ((firstSeen = completed(redis, keys)) == base) {
        Thread.sleep(5);
      }
      long start = System.nanoTime();
      long cpuStart = cpuTicks(pid);
      long target = base + jobs;
      while (completed(redis, keys) < target) {
        Thread.sleep(20);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long counted = target - firstSeen;
      double cpuMicros = (cpuTicks(pid) - cpuStart) * 10_000.0; // USER_HZ = 100 on Linux
      System.out.printf(java.util.Locale.ROOT, "%d %.3f %.0f %.1f%n", counted, seconds, counted / seconds,
          cpuMicros / counted);
    }
  }

  private static long completed(RedisClient redis, QueueKeys keys) {
    String value = redis.hget(keys.stats(), "completed");
    return value == null ? 0 : Long.parseLong(value);
  }

  /** utime + stime of a process in clock ticks (1/100 s), or 0 when unknown. */
  static long cpuTicks(long pid) throws IOException {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (pid <= 0 || !Files.exists(stat)) {
      return 0;
    }
    String text = Files.readString(stat);
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15 of the whole line
  }
}
