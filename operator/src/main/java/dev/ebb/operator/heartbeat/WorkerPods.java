package dev.ebb.operator.heartbeat;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.autoscale.PoolMetrics;
import dev.ebb.operator.autoscale.PoolSnapshot;
import dev.ebb.operator.event.PoolEvents;
import dev.ebb.operator.memory.LivePools;
import dev.ebb.operator.memory.PerPoolMemory;
import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.WorkerHeartbeat;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Acts on a pool's worker pods from their heartbeats: restarts stale workers by deleting their pods (with the pod's
 * grace period, so a worker that is only slow still hands its jobs back), and marks pods with their deletion cost
 * before a scale-down. Never acts on a poll that could not read the heartbeats.
 */
public final class WorkerPods implements PerPoolMemory {

  private static final Duration REMEMBER_RESTARTS = Duration.ofMinutes(2);

  private final KubernetesClient client;
  private final PoolEvents events;
  private final PoolMetrics metrics;
  private final Clock clock;
  private final Map<String, List<Restart>> restarts = new ConcurrentHashMap<>();
  private final DeletionCostOutage costOutage;

  public WorkerPods(KubernetesClient client, PoolEvents events, PoolMetrics metrics, Clock clock) {
    this.client = client;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
    this.costOutage = new DeletionCostOutage(events, metrics);
  }

  /** Restarts the stale workers the detector allows; returns its verdict. */
  public StaleVerdict restartStale(WorkerPool pool, List<Pod> pods, Optional<PoolSnapshot> snapshot) {
    if (snapshot.isEmpty() || snapshot.get().observation().isEmpty()
        || snapshot.get().heartbeats().filter(h -> h == QueueReading.Heartbeats.KEPT).isEmpty()) {
      return StaleVerdict.NOTHING; // no reading, or a format without heartbeats: no worker can be judged
    }
    Instant now = clock.instant();
    List<Restart> recent = recentRestarts(pool, now);
    List<WorkerPod> candidates = pods.stream().map(WorkerPod::of)
        .filter(p -> recent.stream().noneMatch(r -> r.pod.equals(p.name())))
        .toList();
    StaleVerdict verdict = StaleWorkerDetector.judge(candidates, snapshot.get().workers(),
        RestartPolicy.of(pool.getSpec().getWorkers()), recent.stream().map(Restart::at).toList(), now);
    ResourceID id = ResourceID.fromResource(pool);
    metrics.staleWorkers(id, verdict.stale().size());
    if (verdict.withheld()) {
      metrics.staleRestartsWithheld(id);
      return verdict;
    }
    for (String pod : verdict.restart()) {
      Pod found = pods.stream().filter(p -> p.getMetadata().getName().equals(pod)).findFirst().orElseThrow();
      if (delete(pool, found, lastBeat(snapshot.get().workers(), pod), now)) {
        recent.add(new Restart(pod, now));
        metrics.staleWorkerRestarted(id);
      }
    }
    return verdict;
  }

  /**
   * Before a scale-down: idle workers get a lower deletion cost than busy ones, so they go first. That order is a
   * preference: when a cost cannot be written (RBAC, the API server), the rest are not tried and the scale-down goes
   * ahead without them; {@link DeletionCostOutage} says so. Never throws for a failed write.
   */
  public void markDeletionCosts(WorkerPool pool, List<Pod> pods, Optional<PoolSnapshot> snapshot) {
    if (snapshot.isEmpty() || snapshot.get().observation().isEmpty()) {
      return;
    }
    Map<String, String> costs = DeletionCosts.of(pods.stream().map(WorkerPod::of).toList(),
        snapshot.get().workers());
    for (Pod pod : pods) {
      String cost = costs.get(pod.getMetadata().getName());
      Map<String, String> annotations = pod.getMetadata().getAnnotations();
      if (cost == null || (annotations != null && cost.equals(annotations.get(DeletionCosts.ANNOTATION)))) {
        continue;
      }
      try {
        // by name, fabric8 GETs the pod before it patches: the ClusterRole grants get on pods for this
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
            .patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"" + DeletionCosts.ANNOTATION + "\":\"" + cost + "\"}}}");
        costOutage.written(pool);
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
          costOutage.notWritten(pool, e);
          return;
        }
      }
    }
  }

  /**
   * Deletes the pod with its own grace period and a UID precondition: a pod of the same name made meanwhile (a
   * StatefulSet-like reuse, or someone else's) answers 409 and is left alone. Returns whether this call deleted it.
   */
  private boolean delete(WorkerPool pool, Pod pod, Optional<Instant> lastBeat, Instant now) {
    String name = pod.getMetadata().getName();
    try {
      client.raw("/api/v1/namespaces/" + pool.getMetadata().getNamespace() + "/pods/" + name, "DELETE",
          new DeleteOptionsBuilder().withNewPreconditions().withUid(pod.getMetadata().getUid()).endPreconditions()
              .build());
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND || e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return false;
      }
      throw e;
    }
    events.normal(pool, "StaleWorkerRestarted", "restarted worker pod " + name + ": "
        + lastBeat.map(t -> "last heartbeat " + Duration.between(t, now).toSeconds() + "s ago")
            .orElse("heartbeat expired"));
    return true;
  }

  @Override
  public void forgetAllBut(LivePools live) {
    Set<String> uids = live.uids();
    restarts.keySet().retainAll(uids);
    costOutage.forgetAllBut(uids);
  }

  private List<Restart> recentRestarts(WorkerPool pool, Instant now) {
    List<Restart> recent = restarts.computeIfAbsent(pool.getMetadata().getUid(), uid -> new ArrayList<>());
    recent.removeIf(r -> r.at.isBefore(now.minus(REMEMBER_RESTARTS)));
    return recent;
  }

  private static Optional<Instant> lastBeat(List<WorkerHeartbeat> beats, String pod) {
    return beats.stream().filter(b -> b.pod().equals(pod)).map(WorkerHeartbeat::lastBeat).max(Instant::compareTo);
  }

  private record Restart(String pod, Instant at) {
  }
}
