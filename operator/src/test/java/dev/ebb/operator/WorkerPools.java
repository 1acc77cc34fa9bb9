package dev.ebb.operator;

import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.api.v1alpha1.RedisQueueSpec;
import dev.ebb.api.v1alpha1.ReplicasSpec;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.api.v1alpha1.WorkerPoolSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;

/** WorkerPools for tests: a valid pool to start from, changed by each test. */
public final class WorkerPools {

  private WorkerPools() {
  }

  public static WorkerPool valid(String namespace, String name) {
    WorkerPool pool = new WorkerPool();
    pool.getMetadata().setName(name);
    pool.getMetadata().setNamespace(namespace);
    WorkerPoolSpec spec = new WorkerPoolSpec();
    spec.setReplicas(new ReplicasSpec(2, 10));
    spec.setQueue(new QueueSpec(new RedisQueueSpec("redis://redis.shop.svc:6379/0", name)));
    spec.setTemplate(new PodTemplateSpecBuilder()
        .withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec()
          .addNewContainer().withName("worker").withImage("ghcr.io/ebb-dev/ebb-worker:0.1.0")
            .addNewEnv().withName("LOG_LEVEL").withValue("info").endEnv()
          .endContainer()
        .endSpec()
        .build());
    pool.setSpec(spec);
    return pool;
  }
}
