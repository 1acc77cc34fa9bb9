package dev.ebb.operator.heartbeat;

import io.fabric8.kubernetes.api.model.Pod;

/** What the stale-worker and deletion-cost decisions need of a pod. */
public record WorkerPod(String name, boolean terminating) {

  public static WorkerPod of(Pod pod) {
    return new WorkerPod(pod.getMetadata().getName(), pod.getMetadata().getDeletionTimestamp() != null);
  }
}
