package dev.ebb.operator.memory;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.api.v1alpha1.WorkerPoolSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every {@link PerPoolMemory} forget the pools that no longer exist. Run on a schedule rather than on delete
 * events: the reconciler keeps no finalizer (a pool deleted while the operator is down must not hang), so no delete
 * is ever announced to it, and a sweep also catches what a missed event would leave behind. A pool is forgotten once
 * two sweeps in a row have not seen it, so that a cache that looks empty for a moment (not synced yet) costs no pool
 * its scaling history; before the cache exists nothing is swept. What is remembered of the last sweep is each pool's
 * identity and queue block, never the cached object itself: that would keep a second copy of every pool whose status
 * changed since.
 */
public final class DeletedPoolSweep implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(DeletedPoolSweep.class);

  private final Supplier<Optional<Collection<WorkerPool>>> livePools;
  private final List<PerPoolMemory> memories;
  private List<WorkerPool> seenLastTime = List.of();

  public DeletedPoolSweep(Supplier<Optional<Collection<WorkerPool>>> livePools, List<PerPoolMemory> memories) {
    this.livePools = livePools;
    this.memories = List.copyOf(memories);
  }

  /** The pool's name, namespace and uid, and its queue block (whose Secret references a memory may keep). */
  static WorkerPool identity(WorkerPool pool) {
    WorkerPool kept = new WorkerPool();
    kept.setStatus(null);
    kept.setMetadata(new ObjectMetaBuilder().withNamespace(pool.getMetadata().getNamespace())
        .withName(pool.getMetadata().getName()).withUid(pool.getMetadata().getUid()).build());
    if (pool.getSpec() != null) {
      WorkerPoolSpec spec = new WorkerPoolSpec();
      spec.setReplicas(null);
      spec.setScaling(null);
      spec.setWorkers(null);
      spec.setRollout(null);
      spec.setQueue(pool.getSpec().getQueue());
      kept.setSpec(spec);
    }
    return kept;
  }

  @Override
  public synchronized void run() {
    try {
      Optional<Collection<WorkerPool>> now = livePools.get();
      if (now.isEmpty()) {
        return;
      }
      List<WorkerPool> keep = new ArrayList<>(now.get());
      keep.addAll(seenLastTime);
      seenLastTime = now.get().stream().map(DeletedPoolSweep::identity).toList();
      LivePools live = LivePools.of(keep);
      memories.forEach(memory -> memory.forgetAllBut(live));
    } catch (RuntimeException e) {
      // a scheduled task that throws is never run again: log and try at the next sweep
      LOG.warn("could not sweep the memory of deleted pools: {}", e.toString());
    }
  }
}
