package dev.ebb.operator.heartbeat;

import dev.ebb.operator.scaler.WorkerHeartbeat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code controller.kubernetes.io/pod-deletion-cost} each worker pod should carry before a scale-down, so the
 * ReplicaSet removes idle workers before busy ones: the number of jobs the pod is running. Pure.
 */
public final class DeletionCosts {

  public static final String ANNOTATION = "controller.kubernetes.io/pod-deletion-cost";

  private DeletionCosts() {
  }

  /** Pod name to cost, for the live pods that report a heartbeat. */
  public static Map<String, String> of(List<WorkerPod> pods, List<WorkerHeartbeat> beats) {
    Map<String, Integer> busy = new HashMap<>();
    beats.stream().filter(b -> !b.expired()).forEach(b -> busy.merge(b.pod(), b.busy(), Integer::sum));
    Map<String, String> costs = new HashMap<>();
    pods.stream().filter(p -> !p.terminating() && busy.containsKey(p.name()))
        .forEach(p -> costs.put(p.name(), Integer.toString(busy.get(p.name()))));
    return costs;
  }
}
