package dev.ebb.operator.autoscale;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.reconciler.ReplicaPlanner;
import dev.ebb.operator.scaling.ScalingDecision;
import dev.ebb.operator.scaling.ScalingPolicy;
import dev.ebb.operator.scaling.ScalingReason;
import dev.ebb.operator.scaling.ScalingSettings;
import dev.ebb.operator.scaling.ScalingState;
import dev.ebb.operator.scaling.WorkerPoolScalingSettings;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import dev.ebb.api.v1alpha1.DurationFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sizes a pool from its latest queue poll with the pure {@link ScalingPolicy}. Each poll is fed to the policy once
 * (a reconcile for another reason reuses the last decision, clamped to the current bounds), and the policy's memory
 * is kept per pool in this process: a new leader starts from {@link ScalingState#initial()}, which scales up at once
 * and down only after a full window.
 */
public final class AutoscalingReplicaPlanner implements ReplicaPlanner {

  private final QueueMonitor monitor;
  private final ScalingPolicy policy;
  private final PoolMetrics metrics;
  private final Clock clock;
  /** Keyed by the pool's uid, so a pool deleted and created again under its name starts afresh. */
  private final Map<String, Memory> memory = new ConcurrentHashMap<>();

  public AutoscalingReplicaPlanner(QueueMonitor monitor, ScalingPolicy policy, PoolMetrics metrics, Clock clock) {
    this.monitor = monitor;
    this.policy = policy;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public ReplicaPlan plan(WorkerPool pool, OptionalInt current) {
    ResourceID id = ResourceID.fromResource(pool);
    ScalingSettings settings = WorkerPoolScalingSettings.from(pool.getSpec());
    int now = current.orElse(settings.min());
    Optional<PoolSnapshot> snapshot = monitor.latest(id);
    if (snapshot.isEmpty()) {
      int held = settings.clamp(now);
      return ReplicaPlan.fixed(held, "waiting for the first queue measurement: " + now + " -> " + held + " replicas");
    }
    Memory previous = memory.getOrDefault(pool.getMetadata().getUid(), Memory.INITIAL);
    if (previous.sequence == snapshot.get().sequence() && previous.decision != null) {
      // a reconcile between polls (a spec edit): the last decision was applied, so the current count stands,
      // within the bounds as they are now
      return plan(settings, previous.decision, now, now, snapshot);
    }
    ScalingDecision decision = policy.decide(settings, now, snapshot.get().measurement(), previous.state,
        clock.instant());
    ReplicaPlan plan = plan(settings, decision, decision.desiredReplicas(), now, snapshot);
    memory.put(pool.getMetadata().getUid(), new Memory(snapshot.get().sequence(), decision.nextState(), decision));
    metrics.decided(id, decision.reason(), plan.replicas(), now, settings.max(),
        decision.reason() == ScalingReason.FALLBACK, settings.maxQueueLatency().toMillis() / 1000.0);
    return plan;
  }

  /** The decision's count, kept within the spec's bounds even while the queue cannot be measured (not when paused). */
  private static ReplicaPlan plan(ScalingSettings settings, ScalingDecision decision, int replicas, int current,
      Optional<PoolSnapshot> snapshot) {
    int bounded = settings.paused() ? replicas : settings.clamp(replicas);
    String message = bounded == replicas ? decision.message()
        : decision.message() + "; within [" + settings.min() + ", " + settings.max() + "]: " + current + " -> "
            + bounded + " replicas";
    return new ReplicaPlan(bounded, message, Optional.of(decision.reason()), snapshot);
  }

  @Override
  public void prepare(WorkerPool pool, Optional<String> redisPassword) {
    ScalingSettings settings = WorkerPoolScalingSettings.from(pool.getSpec());
    Duration staleAfter = DurationFormat.parseOr(pool.getSpec().getWorkers().getHeartbeat().getStaleAfter(),
        Duration.ofSeconds(60));
    monitor.track(ResourceID.fromResource(pool), new MonitorTarget(pool.getSpec().getQueue(), redisPassword,
        settings.pollingInterval(), staleAfter));
  }

  /** The policy's state, the last poll fed to it, and its decision. */
  private record Memory(long sequence, ScalingState state, ScalingDecision decision) {
    private static final Memory INITIAL = new Memory(0, ScalingState.initial(), null);
  }
}
