package dev.ebb.operator.dashboard;

import dev.ebb.operator.scaler.WorkerHeartbeat;
import dev.ebb.operator.scaling.Measurement;
import dev.ebb.operator.scaling.ScalingDecision;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What the dashboard shows, fed by the control loop (the operator's or {@code ebb local}'s): each pool's polls,
 * decisions and facts, kept in memory of a fixed size per pool ({@link PoolHistory}, {@link DecisionLog}). Holds no
 * queue address and no Secret: nothing it is given carries one. A pool that no longer exists is dropped when the
 * pages are next read.
 */
public final class Dashboard {

  private final Map<PoolKey, PoolBoard> pools = new ConcurrentHashMap<>();
  private final Clock clock;
  private volatile Predicate<PoolKey> exists = key -> true;

  public Dashboard(Clock clock) {
    this.clock = clock;
  }

  /** How to tell that a pool still exists; set once the controller's cache is there. */
  public void useExistence(Predicate<PoolKey> exists) {
    this.exists = exists;
  }

  /** A poll of the pool's queue and heartbeats (a failed measurement has no workers). */
  public void observed(PoolKey pool, Instant at, Measurement measurement, List<WorkerHeartbeat> workers) {
    board(pool).observed(at, measurement, workers);
  }

  /** The policy decided on that poll, from {@code current} replicas. */
  public void decided(PoolKey pool, Instant at, ScalingDecision decision, int current) {
    board(pool).decided(at, decision, current);
  }

  /** The actuator's view of the pool: bounds, replicas, conditions. */
  public void described(PoolKey pool, PoolFacts facts) {
    board(pool).described(facts);
  }

  public void forget(PoolKey pool) {
    pools.remove(pool);
  }

  /** Forgets every pool but {@code live}. */
  public void keepOnly(Set<PoolKey> live) {
    pools.keySet().retainAll(live);
  }

  /** Every pool that still exists, by namespace and name. */
  public List<PoolRow> rows() {
    dropDeleted();
    return pools.values().stream().map(PoolBoard::row).sorted(Comparator.comparing(PoolRow::key)).toList();
  }

  public Optional<PoolDetail> detail(PoolKey pool) {
    dropDeleted();
    return Optional.ofNullable(pools.get(pool)).map(board -> board.detail(clock.instant()));
  }

  public int size() {
    return pools.size();
  }

  private PoolBoard board(PoolKey pool) {
    return pools.computeIfAbsent(pool, PoolBoard::new);
  }

  private void dropDeleted() {
    Predicate<PoolKey> check = exists;
    pools.keySet().removeIf(key -> !check.test(key));
  }
}
