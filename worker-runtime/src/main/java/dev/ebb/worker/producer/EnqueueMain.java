package dev.ebb.worker.producer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ebb.worker.config.WorkerConfig;
import dev.ebb.worker.protocol.Envelope;
import dev.ebb.worker.runtime.RedisConnector;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.RedisClient;

/**
 * Enqueues demo or benchmark jobs: {@code java -cp ebb-worker.jar dev.ebb.worker.producer.EnqueueMain --count 100
 * --type demo --payload '{"sleepMs":100}'}. Redis and queue come from the worker's settings ({@code EBB_REDIS_URL},
 * {@code EBB_QUEUE}, or {@code --redis-url}, {@code --queue}); {@code --max-attempts} and {@code --timeout-ms} are
 * optional.
 */
public final class EnqueueMain {

  private EnqueueMain() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> own = new HashMap<>(Map.of("count", "1", "type", "demo", "payload", "{}",
        "max-attempts", Integer.toString(Envelope.DEFAULT_MAX_ATTEMPTS), "timeout-ms", "0"));
    List<String> workerArgs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i].replaceFirst("^--", "");
      if (own.containsKey(name) && i + 1 < args.length) {
        own.put(name, args[++i]);
      } else {
        workerArgs.add(args[i]);
      }
    }
    WorkerConfig config = WorkerConfig.from(System.getenv(), workerArgs, "enqueue");
    JsonNode payload = Envelope.json().readTree(own.get("payload"));
    NewJob job = NewJob.of(own.get("type"), payload).withMaxAttempts(Integer.parseInt(own.get("max-attempts")));
    long timeoutMs = Long.parseLong(own.get("timeout-ms"));
    if (timeoutMs > 0) {
      job = job.withTimeout(java.time.Duration.ofMillis(timeoutMs));
    }
    int count = Integer.parseInt(own.get("count"));
    try (RedisClient redis = RedisConnector.connect(config.redis(), 1, config.fetchTimeout(), "ebb-enqueue")) {
      long start = System.nanoTime();
      List<NewJob> jobs = java.util.Collections.nCopies(count, job);
      new JobClient(redis, config.queue(), Clock.systemUTC()).enqueueAll(jobs);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("enqueued %d %s job(s) onto queue '%s' at %s in %.2f s%n", count, job.type(), config.queue(),
          config.redis(), seconds);
    }
  }
}
