package dev.ebb.operator.status;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.api.v1alpha1.WorkerPoolStatus;
import dev.ebb.operator.memory.LivePools;
import dev.ebb.operator.memory.PerPoolMemory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a new status is worth a write. Nothing changed: no write. Only the live figures changed (queue
 * depth, ages, rates, busy workers) or the text of a condition's message: at most one write per
 * {@code figuresInterval} per pool, so a thousand pools polled every second do not mean a thousand status writes a
 * second, and an error text that differs at every poll (a queue server's reply) cannot force a write per poll.
 * Anything else (replicas, a condition's status or reason, observedGeneration), and the first figures a pool gets
 * (its queue or workers block appearing, so {@code kubectl get wp} shows the depth from the first poll on): write at
 * once.
 */
public final class StatusWriteGate implements PerPoolMemory {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final Clock clock;
  private final Duration figuresInterval;
  private final Map<String, Instant> lastWrite = new ConcurrentHashMap<>();

  public StatusWriteGate(Clock clock, Duration figuresInterval) {
    this.clock = clock;
    this.figuresInterval = figuresInterval;
  }

  public boolean shouldWrite(WorkerPool pool, WorkerPoolStatus next) {
    WorkerPoolStatus current = pool.getStatus();
    if (next.equals(current)) {
      return false;
    }
    Instant now = clock.instant();
    String uid = pool.getMetadata().getUid();
    if (current != null && !figuresAppear(current, next) && withoutFigures(next).equals(withoutFigures(current))) {
      Instant last = lastWrite.get(uid);
      if (last != null && last.plus(figuresInterval).isAfter(now)) {
        return false;
      }
    }
    lastWrite.put(uid, now);
    return true;
  }

  @Override
  public void forgetAllBut(LivePools live) {
    lastWrite.keySet().retainAll(live.uids());
  }

  private static boolean figuresAppear(WorkerPoolStatus current, WorkerPoolStatus next) {
    return current.getQueue() == null && next.getQueue() != null
        || current.getWorkers() == null && next.getWorkers() != null;
  }

  private static WorkerPoolStatus withoutFigures(WorkerPoolStatus status) {
    WorkerPoolStatus copy = SERIALIZATION.clone(status);
    copy.setQueue(null);
    copy.setWorkers(null);
    copy.setReadyReplicas(null);
    copy.setReplicas(null);
    copy.setConditions(copy.getConditions().stream().map(c -> {
      var stripped = SERIALIZATION.clone(c);
      stripped.setMessage(null);
      return stripped;
    }).toList());
    return copy;
  }
}
