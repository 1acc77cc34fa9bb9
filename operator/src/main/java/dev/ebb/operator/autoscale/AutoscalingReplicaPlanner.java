package dev.ebb.operator.autoscale;

import dev.ebb.api.v1alpha1.DurationFormat;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.budget.BudgetGrant;
import dev.ebb.operator.budget.BudgetLedger;
import dev.ebb.operator.dashboard.Dashboard;
import dev.ebb.operator.dashboard.PoolKey;
import dev.ebb.operator.memory.LivePools;
import dev.ebb.operator.memory.PerPoolMemory;
import dev.ebb.operator.reconciler.ReplicaPlanner;
import dev.ebb.operator.scaling.FailedMeasurement;
import dev.ebb.operator.scaling.PartitionCap;
import dev.ebb.operator.scaling.PodStart;
import dev.ebb.operator.scaling.ScalingDecision;
import dev.ebb.operator.scaling.ScalingPolicy;
import dev.ebb.operator.scaling.ScalingReason;
import dev.ebb.operator.scaling.ScalingSettings;
import dev.ebb.operator.scaling.ScalingState;
import dev.ebb.operator.scaling.StartupTimes;
import dev.ebb.operator.scaling.WorkerPoolScalingSettings;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sizes a pool from its queue polls with the pure {@link ScalingPolicy}. The policy runs on every poll, on the
 * measurer thread ({@link #onPoll}), so its windows see every reading; a reconcile is asked for only when the
 * decision changes the replicas, the queue stops (or starts again) being measurable, or the status figures are due
 * for a refresh. The reconcile then applies the stored decision ({@link #plan}). The policy's memory is kept per pool
 * in this process: a new leader starts from {@link ScalingState#initial()}, which scales up at once and down only
 * after a full window. When the pool belongs to WorkerBudgets, the {@link BudgetLedger} grants the policy's wish
 * within them before it is applied; a pool the ledger finds above its share reconciles at its next poll to give back.
 */
public final class AutoscalingReplicaPlanner implements ReplicaPlanner, PerPoolMemory {

  private final QueueMonitor monitor;
  private final ScalingPolicy policy;
  private final PoolMetrics metrics;
  private final Clock clock;
  private final Duration figuresInterval;
  private final BudgetLedger budgets;
  private final Dashboard dashboard;
  private final Map<ResourceID, Memory> memory = new ConcurrentHashMap<>();

  public AutoscalingReplicaPlanner(QueueMonitor monitor, ScalingPolicy policy, PoolMetrics metrics, Clock clock,
      Duration figuresInterval, BudgetLedger budgets, Dashboard dashboard) {
    this.monitor = monitor;
    this.budgets = budgets;
    this.policy = policy;
    this.metrics = metrics;
    this.clock = clock;
    this.figuresInterval = figuresInterval;
    this.dashboard = dashboard;
  }

  @Override
  public void prepare(WorkerPool pool, Credentials credentials) {
    ResourceID id = ResourceID.fromResource(pool);
    ScalingSettings settings = WorkerPoolScalingSettings.from(pool.getSpec());
    memory.compute(id, (key, known) -> known == null || !known.uid.equals(pool.getMetadata().getUid())
        ? Memory.fresh(pool.getMetadata().getUid(), settings) : known.withSettings(settings));
    Duration staleAfter = DurationFormat.parseOr(pool.getSpec().getWorkers().getHeartbeat().getStaleAfter(),
        Duration.ofSeconds(60));
    monitor.track(id, new MonitorTarget(pool.getSpec().getQueue(), credentials, settings.pollingInterval(),
        staleAfter));
  }

  /**
   * Learns the pool's pod start-up time from its worker pods (a pod counts once, the last 10 starts are kept), for
   * the policy's next decisions and the status. Pods seen before the pool's first reconcile wait for the next look.
   */
  @Override
  public void observePods(WorkerPool pool, List<Pod> pods) {
    List<PodStart> starts = PodStarts.of(pods);
    if (!starts.isEmpty()) {
      memory.computeIfPresent(ResourceID.fromResource(pool), (id, known) -> known.learned(starts));
    }
  }

  /** Forgets the decisions of deleted pools and stops polling their queues (a poll would find them gone, too). */
  @Override
  public void forgetAllBut(LivePools live) {
    Set<String> uids = live.uids();
    memory.entrySet().removeIf(entry -> {
      boolean gone = !uids.contains(entry.getValue().uid);
      if (gone) {
        monitor.untrack(entry.getKey());
      }
      return gone;
    });
  }

  /**
   * A new poll of the pool's queue: decide now, and tell whether the pool needs a reconcile to act on it or show it.
   * A pool not reconciled yet always does.
   */
  public boolean onPoll(ResourceID id) {
    Optional<PoolSnapshot> snapshot = monitor.latest(id);
    Memory known = memory.get(id);
    if (snapshot.isEmpty() || known == null || known.applied < 0) {
      return true;
    }
    Instant now = clock.instant();
    Memory next = known.decide(policy, snapshot.get(), now);
    memory.put(id, next);
    metrics.decided(id, next.decision.reason(), next.target(), known.applied, next.settings.max(),
        next.decision.reason() == ScalingReason.FALLBACK, next.settings.maxQueueLatency().toMillis() / 1000.0);
    metrics.startupTime(id, next.startups.typical());
    show(id, snapshot.get(), next, now);
    boolean needed = next.target() != known.applied || next.failed() != known.failed()
        || !known.lastReconcile.plus(figuresInterval).isAfter(now) || budgets.overFairShare(id);
    if (needed) {
      memory.put(id, next.reconciledAt(now));
    }
    return needed;
  }

  @Override
  public ReplicaPlan plan(WorkerPool pool, OptionalInt current) {
    ResourceID id = ResourceID.fromResource(pool);
    ScalingSettings settings = WorkerPoolScalingSettings.from(pool.getSpec());
    int now = current.orElse(settings.min());
    Optional<PoolSnapshot> snapshot = monitor.latest(id);
    Memory known = memory.getOrDefault(id, Memory.fresh(pool.getMetadata().getUid(), settings));
    if (snapshot.isEmpty()) {
      int held = settings.clamp(now);
      memory.put(id, known.applied(held, clock.instant()));
      return ReplicaPlan.fixed(held, "waiting for the first queue measurement: " + now + " -> " + held + " replicas");
    }
    if (known.decision == null || known.sequence != snapshot.get().sequence()) {
      known = known.withSettings(settings).applied(now, known.lastReconcile).decide(policy, snapshot.get(),
          clock.instant());
      show(ResourceID.fromResource(pool), snapshot.get(), known, clock.instant());
    }
    // a decision that held the count it was made from keeps the current count; one that moved it applies its target
    int wanted = known.decision.desiredReplicas() == known.decidedFrom ? now : known.decision.desiredReplicas();
    ScalingSettings capped = PartitionCap.apply(settings, snapshot.get().usefulReplicas());
    int bounded = settings.paused() ? wanted : capped.clamp(wanted);
    String message = bounded == wanted ? known.decision.message()
        : known.decision.message() + "; within [" + capped.min() + ", " + capped.max() + "]: " + now + " -> "
            + bounded + " replicas";
    if (!settings.paused() && PartitionCap.binds(settings, snapshot.get().usefulReplicas(), bounded)) {
      message = message + "; " + PartitionCap.message(snapshot.get().usefulReplicas().getAsInt());
    }
    // a paused pool holds what it runs; the budgets still count it
    Optional<BudgetGrant> grant = settings.paused() ? Optional.empty()
        : Optional.of(budgets.grant(pool, bounded, now, lateness(snapshot.get(), settings)));
    int granted = grant.map(BudgetGrant::replicas).orElse(bounded);
    if (grant.isPresent() && grant.get().throttle().isPresent()) {
      message = message + "; " + grant.get().throttle().get().message();
    }
    memory.put(id, known.withSettings(settings).applied(granted, clock.instant()));
    return new ReplicaPlan(granted, message, Optional.of(known.decision.reason()), snapshot,
        grant.filter(g -> !g.budgets().isEmpty()), known.startups.typical());
  }

  /** How far behind its goal the pool is at the poll: oldest job age / maxQueueLatency; 0 when not measured. */
  static double lateness(PoolSnapshot snapshot, ScalingSettings settings) {
    return snapshot.observation().map(o -> o.oldestJobAge().toMillis() / (double) settings.maxQueueLatency()
        .toMillis()).orElse(0.0);
  }

  /** The poll and the decision taken on it, for the dashboard; each poll is decided (and shown) once. */
  private void show(ResourceID id, PoolSnapshot snapshot, Memory decided, Instant now) {
    PoolKey key = new PoolKey(id.getNamespace().orElse(""), id.getName());
    dashboard.observed(key, snapshot.at(), snapshot.measurement(), snapshot.workers());
    dashboard.decided(key, now, decided.decision, decided.decidedFrom);
  }

  /**
   * What is kept per pool: the pool's uid (a pool deleted and created again under its name starts afresh), its
   * settings, the replicas last applied, the policy's state, the last poll decided and the decision with the count it
   * was made from.
   */
  private record Memory(String uid, ScalingSettings settings, int applied, ScalingState state, long sequence,
      ScalingDecision decision, int decidedFrom, boolean failed, Instant lastReconcile, StartupTimes startups) {

    static Memory fresh(String uid, ScalingSettings settings) {
      return new Memory(uid, settings, -1, ScalingState.initial(), 0, null, -1, false, Instant.EPOCH,
          StartupTimes.none());
    }

    Memory withSettings(ScalingSettings next) {
      return new Memory(uid, next, applied, state, sequence, decision, decidedFrom, failed, lastReconcile, startups);
    }

    Memory applied(int replicas, Instant at) {
      return new Memory(uid, settings, replicas, state, sequence, decision, decidedFrom, failed, at, startups);
    }

    Memory reconciledAt(Instant at) {
      return new Memory(uid, settings, applied, state, sequence, decision, decidedFrom, failed, at, startups);
    }

    Memory learned(List<PodStart> starts) {
      StartupTimes next = startups.learn(starts);
      return next == startups ? this
          : new Memory(uid, settings, applied, state, sequence, decision, decidedFrom, failed, lastReconcile, next);
    }

    Memory decide(ScalingPolicy policy, PoolSnapshot snapshot, Instant now) {
      int from = Math.max(applied, 0);
      // a queue that caps the useful replicas (a topic's partitions) lowers max for the decision
      ScalingDecision next = policy.decide(PartitionCap.apply(settings, snapshot.usefulReplicas()), from,
          snapshot.measurement(), state, now, startups.typical());
      return new Memory(uid, settings, applied, next.nextState(), snapshot.sequence(), next, from,
          snapshot.measurement() instanceof FailedMeasurement, lastReconcile, startups);
    }

    int target() {
      return settings.paused() || decision.desiredReplicas() == decidedFrom
          ? applied : settings.clamp(decision.desiredReplicas());
    }
  }
}
