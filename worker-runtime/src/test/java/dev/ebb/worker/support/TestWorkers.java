package dev.ebb.worker.support;

import dev.ebb.worker.config.WorkerConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Worker settings for tests: short intervals and timeouts, an ephemeral HTTP port, demo completions recorded. */
public final class TestWorkers {

  private TestWorkers() {
  }

  public static Map<String, String> environment(String redisUri, String queue) {
    Map<String, String> env = new HashMap<>();
    env.put("EBB_REDIS_URL", redisUri);
    env.put("EBB_QUEUE", queue);
    env.put("EBB_CONCURRENCY", "4");
    env.put("EBB_HTTP_PORT", "0");
    env.put("EBB_HEARTBEAT_INTERVAL", "300ms");
    env.put("EBB_SHUTDOWN_TIMEOUT", "3s");
    env.put("EBB_RETRY_BASE", "20ms");
    env.put("EBB_RETRY_CAP", "100ms");
    env.put("EBB_POLL_INTERVAL", "50ms");
    env.put("EBB_FETCH_TIMEOUT", "200ms");
    env.put("EBB_POD_NAME", "test-pod");
    env.put("EBB_POOL", "test-pool");
    env.put("EBB_DEMO_COMPLETIONS_KEY", QueueInspector.COMPLETIONS);
    return env;
  }

  public static WorkerConfig config(String redisUri, String queue, String... overrides) {
    Map<String, String> env = environment(redisUri, queue);
    for (int i = 0; i < overrides.length; i += 2) {
      env.put(overrides[i], overrides[i + 1]);
    }
    return WorkerConfig.from(env, List.of(), "test-host");
  }
}
