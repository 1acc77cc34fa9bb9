package dev.ebb.operator.model;

import dev.ebb.api.v1alpha1.RedisQueueSpec;
import dev.ebb.api.v1alpha1.SecretKeyReference;
import dev.ebb.api.v1alpha1.WorkerPool;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The environment Ebb gives every worker container: which pool and queue it serves, its pod name, and its shutdown
 * deadline. The Redis password is a reference to the Secret, never the value.
 */
public final class WorkerEnvironment {

  public static final String POOL = "EBB_POOL";
  public static final String POD_NAME = "EBB_POD_NAME";
  public static final String SHUTDOWN_TIMEOUT = "EBB_SHUTDOWN_TIMEOUT";
  /**
   * The same deadline as a bare number of seconds, for a library's own flag in the container's args: Kubernetes
   * expands {@code $(EBB_SHUTDOWN_TIMEOUT_SECONDS)} there, e.g. {@code sidekiq -t $(EBB_SHUTDOWN_TIMEOUT_SECONDS)}.
   */
  public static final String SHUTDOWN_TIMEOUT_SECONDS = "EBB_SHUTDOWN_TIMEOUT_SECONDS";
  public static final String REDIS_URL = "EBB_REDIS_URL";
  public static final String REDIS_PASSWORD = "EBB_REDIS_PASSWORD";
  public static final String QUEUE = "EBB_QUEUE";
  public static final String CONCURRENCY = "EBB_CONCURRENCY";

  private WorkerEnvironment() {
  }

  public static List<EnvVar> of(WorkerPool pool, ShutdownTiming timing) {
    List<EnvVar> env = new ArrayList<>();
    env.add(value(POOL, pool.getMetadata().getName()));
    env.add(new EnvVarBuilder().withName(POD_NAME)
        .withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name").endFieldRef().endValueFrom().build());
    env.add(value(SHUTDOWN_TIMEOUT, timing.workerShutdownTimeoutText()));
    env.add(value(SHUTDOWN_TIMEOUT_SECONDS, Long.toString(timing.workerShutdownTimeout().toSeconds())));
    env.add(value(CONCURRENCY, Integer.toString(pool.getSpec().getWorkers().getConcurrency())));
    RedisQueueSpec redis = pool.getSpec().getQueue().getRedis();
    if (redis != null) {
      env.add(value(REDIS_URL, redis.getAddress()));
      env.add(value(QUEUE, redis.getQueue()));
      SecretKeyReference password = redis.getPasswordFrom();
      if (password != null) {
        env.add(new EnvVarBuilder().withName(REDIS_PASSWORD)
            .withNewValueFrom().withNewSecretKeyRef()
            .withName(password.getSecretKeyRef().getName())
            .withKey(password.getSecretKeyRef().getKey())
            .endSecretKeyRef().endValueFrom().build());
      }
    }
    return env;
  }

  /** The container's own env with Ebb's variables put in (Ebb's win over same-named ones). */
  public static List<EnvVar> merge(List<EnvVar> own, List<EnvVar> ebb) {
    List<String> names = ebb.stream().map(EnvVar::getName).toList();
    List<EnvVar> merged = new ArrayList<>();
    if (own != null) {
      own.stream().filter(e -> !names.contains(e.getName())).forEach(merged::add);
    }
    merged.addAll(ebb);
    return merged;
  }

  private static EnvVar value(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }
}
