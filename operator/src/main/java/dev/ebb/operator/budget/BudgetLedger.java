package dev.ebb.operator.budget;

import dev.ebb.api.v1alpha1.WorkerBudget;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.memory.LivePools;
import dev.ebb.operator.memory.PerPoolMemory;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operator's edge of the budgets: when a pool's replicas are planned, grants them within every budget of its
 * namespace that selects it ({@link BudgetAllocation} over the latest wish of every pool of the namespace), then caps
 * the grant with {@link SafeGrant} so that no budget is exceeded at any moment.
 *
 * <p>Where the cap is enforced: here, under one lock, before the Deployment is written. A pool counts at the higher
 * of its Deployment's spec.replicas (from the informer cache) and what it was last granted: an increase takes room
 * from the moment it is granted, a decrease frees room only once the pool's Deployment shows it. So one pool's
 * scale-up waits for another's scale-down to be written (one or two polls later), and the sum of the Deployments'
 * spec.replicas x cost stays within the limit whichever order the writes land in. A pool the process has not planned
 * yet (after a restart) counts at its Deployment's replicas. Pods still terminating after a scale-down are not counted:
 * they may hold their connections until their grace period ends (docs/budgets.md).
 *
 * <p>A pool that takes more than its share is not told by the pool that wants the room: {@link #overFairShare} makes
 * its next poll reconcile it, and it gives back then.
 */
public final class BudgetLedger implements PerPoolMemory {

  private volatile BudgetView view = BudgetView.EMPTY;
  private final Map<ResourceID, Entry> entries = new HashMap<>();

  /** What the ledger remembers of a pool: its last wish and lateness, its last grant and fair share. */
  private record Entry(String uid, int wanted, double lateness, int granted, int fair, Optional<String> throttler) {
  }

  /** Forgets the wishes and grants of deleted pools: a deleted pool holds no room in any budget. */
  @Override
  public synchronized void forgetAllBut(LivePools live) {
    Set<String> uids = live.uids();
    entries.values().removeIf(entry -> !uids.contains(entry.uid()));
  }

  public void useView(BudgetView view) {
    this.view = Objects.requireNonNull(view, "view");
  }

  /** The budgets of the pool's namespace that select it, by name. */
  public List<WorkerBudget> budgetsOf(WorkerPool pool) {
    return view.budgets(pool.getMetadata().getNamespace()).stream()
        .filter(budget -> selects(budget, pool))
        .sorted(java.util.Comparator.comparing(budget -> budget.getMetadata().getName()))
        .toList();
  }

  /** The pools of the budget's namespace it selects. */
  public List<WorkerPool> poolsOf(WorkerBudget budget) {
    return view.pools(budget.getMetadata().getNamespace()).stream().filter(pool -> selects(budget, pool)).toList();
  }

  /** Why the pool cannot work within its budgets: its replicas.min alone costs more than one of them. */
  public Optional<String> tooSmall(WorkerPool pool) {
    long minimum = (long) minOf(pool) * costOf(pool);
    return budgetsOf(pool).stream().filter(budget -> minimum > budget.getSpec().getLimit()).findFirst()
        .map(budget -> "replicas.min " + minOf(pool) + " x workers.budgetCost " + costOf(pool) + " = " + minimum
            + " exceeds the limit " + budget.getSpec().getLimit() + " of WorkerBudget " + budget.getMetadata()
            .getName());
  }

  /**
   * Grants the pool's wish within its budgets.
   *
   * @param wanted   what the policy wants, within [min, max]
   * @param current  the replicas its Deployment has
   * @param lateness oldest job age / maxQueueLatency at the poll the wish came from
   */
  public synchronized BudgetGrant grant(WorkerPool pool, int wanted, int current, double lateness) {
    List<WorkerBudget> mine = budgetsOf(pool);
    ResourceID id = ResourceID.fromResource(pool);
    if (mine.isEmpty()) {
      entries.put(id, new Entry(uid(pool), wanted, lateness, wanted, wanted, Optional.empty()));
      return BudgetGrant.unlimited(wanted);
    }
    String namespace = pool.getMetadata().getNamespace();
    List<WorkerBudget> budgets = view.budgets(namespace);
    Map<String, BudgetLine> lines = new HashMap<>();
    budgets.forEach(b -> lines.put(b.getMetadata().getName(), new BudgetLine(b.getMetadata().getName(),
        b.getSpec().getLimit())));
    Map<String, Integer> counted = new HashMap<>();
    List<PoolDemand> demands = new ArrayList<>();
    PoolDemand own = null;
    for (WorkerPool each : view.pools(namespace)) {
      ResourceID eachId = ResourceID.fromResource(each);
      boolean self = eachId.equals(id);
      int running = self ? current : counted(each);
      Entry known = self ? null : known(each);
      int wish = self ? wanted : known != null ? known.wanted() : running;
      double late = self ? lateness : known != null ? known.lateness() : 0;
      int min = Math.min(minOf(each), wish);
      PoolDemand demand = new PoolDemand(each.getMetadata().getName(), min, Math.max(min, wish), running,
          costOf(each), Math.max(0, late), budgetNames(budgets, each));
      demands.add(demand);
      counted.put(demand.name(), running);
      if (self) {
        own = demand;
      }
    }
    if (own == null) { // not in the cache yet: plan it on its own against the others
      own = new PoolDemand(pool.getMetadata().getName(), Math.min(minOf(pool), wanted), wanted, current,
          costOf(pool), Math.max(0, lateness), budgetNames(budgets, pool));
      demands.add(own);
    }
    Grants grants = BudgetAllocation.allocate(List.copyOf(lines.values()), demands);
    int fair = grants.of(own.name());
    int granted = SafeGrant.of(own, fair, demands, counted, lines);
    for (WorkerPool each : view.pools(namespace)) {
      Entry known = known(each);
      if (known != null && !ResourceID.fromResource(each).equals(id)) {
        entries.put(ResourceID.fromResource(each), new Entry(known.uid(), known.wanted(), known.lateness(),
            known.granted(), grants.of(each.getMetadata().getName()), known.throttler()));
      }
    }
    Optional<String> throttler = granted >= wanted ? Optional.empty()
        : Optional.of(grants.throttler(own.name()).orElse(mine.get(0).getMetadata().getName()));
    entries.put(id, new Entry(uid(pool), wanted, lateness, granted, fair, throttler));
    List<String> names = mine.stream().map(b -> b.getMetadata().getName()).toList();
    return new BudgetGrant(granted, throttler.map(name -> new Throttle(name, lines.get(name).limit(), wanted,
        granted)), names);
  }

  /** True when the pool's last allocation gave it less than it was last granted: it should give back. */
  public synchronized boolean overFairShare(ResourceID id) {
    Entry entry = entries.get(id);
    return entry != null && entry.fair() < entry.granted();
  }

  /** The budget's figures now: what its pools may run, what they want, which it throttles. */
  public synchronized Grants.Figures figures(WorkerBudget budget) {
    long used = 0;
    long wanted = 0;
    List<String> pools = new ArrayList<>();
    List<String> throttled = new ArrayList<>();
    for (WorkerPool pool : poolsOf(budget)) {
      int running = counted(pool);
      Entry known = known(pool);
      used += (long) running * costOf(pool);
      wanted += (long) (known != null ? known.wanted() : running) * costOf(pool);
      pools.add(pool.getMetadata().getName());
      if (known != null && known.throttler().filter(budget.getMetadata().getName()::equals).isPresent()) {
        throttled.add(pool.getMetadata().getName());
      }
    }
    pools.sort(null);
    throttled.sort(null);
    return new Grants.Figures(budget.getSpec().getLimit(), used, wanted, pools, throttled);
  }

  /**
   * What a pool may be running: the higher of its Deployment's replicas and its last grant; a pool whose Deployment
   * is not in the cache yet counts at its min, what it is created with.
   */
  private int counted(WorkerPool pool) {
    int deployed = view.deploymentReplicas(pool.getMetadata().getNamespace(), pool.getMetadata().getName())
        .orElse(minOf(pool));
    Entry known = known(pool);
    return Math.max(deployed, known == null ? 0 : known.granted());
  }

  private Entry known(WorkerPool pool) {
    Entry entry = entries.get(ResourceID.fromResource(pool));
    return entry != null && entry.uid().equals(uid(pool)) ? entry : null;
  }

  private static Set<String> budgetNames(List<WorkerBudget> budgets, WorkerPool pool) {
    Set<String> names = new TreeSet<>();
    budgets.stream().filter(budget -> selects(budget, pool)).forEach(budget -> names.add(budget.getMetadata()
        .getName()));
    return names;
  }

  private static boolean selects(WorkerBudget budget, WorkerPool pool) {
    return budget.getSpec() != null && budget.getSpec().getLimit() != null
        && Objects.equals(budget.getMetadata().getNamespace(), pool.getMetadata().getNamespace())
        && PoolSelector.matches(budget.getSpec().getSelector(), pool.getMetadata().getLabels());
  }

  private static int minOf(WorkerPool pool) {
    Integer min = pool.getSpec().getReplicas().getMin();
    return min == null ? 1 : min;
  }

  private static int costOf(WorkerPool pool) {
    return pool.getSpec().getWorkers().budgetCostOrConcurrency();
  }

  private static String uid(WorkerPool pool) {
    return String.valueOf(pool.getMetadata().getUid());
  }
}
