package dev.ebb.operator.bench;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * Watches the benchmark's Deployments and times each expected change: from just before the queue write to the
 * watch event whose {@code spec.replicas} first reaches the replicas the write asks for. A change still waiting
 * after the timeout is counted as missed.
 */
final class ReplicaWatch implements AutoCloseable {

  private final SharedIndexInformer<Deployment> informer;
  private final Map<String, Integer> replicas = new HashMap<>();
  private final Map<String, Deque<Pending>> pending = new HashMap<>();
  private int unexpectedChanges;

  private ReplicaWatch(KubernetesClient client, String namespace) {
    this.informer = client.apps().deployments().inNamespace(namespace).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Deployment deployment) {
        seen(deployment, System.nanoTime());
      }

      @Override
      public void onUpdate(Deployment before, Deployment after) {
        seen(after, System.nanoTime());
      }

      @Override
      public void onDelete(Deployment deployment, boolean unknownFinalState) {
      }
    });
  }

  static ReplicaWatch start(KubernetesClient client, String namespace) {
    return new ReplicaWatch(client, namespace);
  }

  synchronized int deployments() {
    return replicas.size();
  }

  synchronized int replicas(String name) {
    return replicas.getOrDefault(name, 0);
  }

  /** Call just before the write that should bring {@code name} to at least {@code target} replicas. */
  synchronized void expect(String name, int target, ReactionPhase phase) {
    phase.expected();
    pending.computeIfAbsent(name, n -> new ArrayDeque<>()).add(new Pending(target, System.nanoTime(), phase));
  }

  synchronized int waiting() {
    return pending.values().stream().mapToInt(Deque::size).sum();
  }

  /** Counts the changes older than {@code timeout} as missed, and forgets them. */
  synchronized int expire(Duration timeout) {
    long now = System.nanoTime();
    int expired = 0;
    for (Deque<Pending> queue : pending.values()) {
      for (Iterator<Pending> it = queue.iterator(); it.hasNext(); ) {
        Pending change = it.next();
        if (now - change.writtenNanos > timeout.toNanos()) {
          change.phase.missed();
          it.remove();
          expired++;
        }
      }
    }
    return expired;
  }

  /** Replica changes that no write asked for (a scale-down, or a count beyond the target). */
  synchronized int unexpectedChanges() {
    return unexpectedChanges;
  }

  private synchronized void seen(Deployment deployment, long atNanos) {
    String name = deployment.getMetadata().getName();
    int now = Objects.requireNonNullElse(deployment.getSpec().getReplicas(), 1);
    Integer before = replicas.put(name, now);
    if (before == null || before == now) {
      return;
    }
    Deque<Pending> queue = pending.get(name);
    boolean matched = false;
    while (queue != null && !queue.isEmpty() && queue.peek().target <= now) {
      Pending change = queue.poll();
      change.phase.reacted(atNanos - change.writtenNanos);
      matched = true;
    }
    if (!matched) {
      unexpectedChanges++;
    }
  }

  @Override
  public void close() {
    informer.close();
  }

  private record Pending(int target, long writtenNanos, ReactionPhase phase) {
  }
}
