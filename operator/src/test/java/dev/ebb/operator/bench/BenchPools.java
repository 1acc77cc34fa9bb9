package dev.ebb.operator.bench;

import dev.ebb.api.v1alpha1.DurationFormat;
import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.api.v1alpha1.RedisQueueSpec;
import dev.ebb.api.v1alpha1.ReplicasSpec;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.WorkerPools;
import java.time.Duration;

/** The benchmark's pools: {@code pool-<i>} on queue {@code q-<i>}, 1 to 50 replicas, 100 jobs per replica. */
final class BenchPools {

  static final int MIN = 1;
  static final int MAX = 50;
  static final int JOBS_PER_REPLICA = 100;

  private BenchPools() {
  }

  static String name(int i) {
    return String.format("pool-%04d", i);
  }

  static String queue(int i) {
    return "q-" + i;
  }

  static WorkerPool pool(String namespace, int i, String redisAddress, Duration interval) {
    WorkerPool pool = WorkerPools.valid(namespace, name(i), redisAddress);
    pool.getSpec().setReplicas(new ReplicasSpec(MIN, MAX));
    pool.getSpec().setQueue(new QueueSpec(new RedisQueueSpec(redisAddress, queue(i))));
    pool.getSpec().getScaling().setPollingInterval(DurationFormat.format(interval));
    pool.getSpec().getScaling().setJobsPerReplica(JOBS_PER_REPLICA);
    return pool;
  }

  /** The replicas the operator must ask for once the queue holds {@code depth} jobs (no processing time known). */
  static int replicasFor(long depth) {
    return (int) Math.max(MIN, Math.min(MAX, (depth + JOBS_PER_REPLICA - 1) / JOBS_PER_REPLICA));
  }
}
