package dev.ebb.operator.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.api.v1alpha1.QueueSpec;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.api.v1alpha1.WorkerPoolSpec;
import dev.ebb.api.v1alpha1.WorkerPoolStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DeletedPoolSweepTest {

  private final AtomicReference<Optional<Collection<WorkerPool>>> cache = new AtomicReference<>(Optional.empty());
  private final List<Set<String>> kept = new ArrayList<>();
  private final DeletedPoolSweep sweep = new DeletedPoolSweep(cache::get, List.of(live -> kept.add(live.uids())));

  @Test
  void nothingIsSweptBeforeTheCacheExists() {
    sweep.run();

    assertThat(kept).isEmpty();
  }

  @Test
  void aDeletedPoolIsForgottenAtTheSecondSweepThatDoesNotSeeIt() {
    cache.set(Optional.of(List.of(pool("a"), pool("b"))));
    sweep.run();
    cache.set(Optional.of(List.of(pool("a"))));
    sweep.run();
    sweep.run();

    assertThat(kept).containsExactly(Set.of("a", "b"), Set.of("a", "b"), Set.of("a"));
  }

  @Test
  void aCacheThatLooksEmptyForOneSweepCostsNoPoolItsMemory() {
    cache.set(Optional.of(List.of(pool("a"))));
    sweep.run();
    cache.set(Optional.of(List.of()));
    sweep.run();
    cache.set(Optional.of(List.of(pool("a"))));
    sweep.run();

    assertThat(kept).allSatisfy(uids -> assertThat(uids).contains("a"));
  }

  @Test
  void aPoolMissingFromOneSweepIsRememberedByItsIdentityAndQueueNotByItsCachedObject() {
    WorkerPool cached = pool("a");
    cached.setSpec(new WorkerPoolSpec());
    cached.getSpec().setQueue(new QueueSpec());
    cached.setStatus(new WorkerPoolStatus());
    List<WorkerPool> seen = new ArrayList<>();
    DeletedPoolSweep remembering = new DeletedPoolSweep(cache::get, List.of(live -> seen.addAll(live.pools())));
    cache.set(Optional.of(List.of(cached)));
    remembering.run();
    cache.set(Optional.of(List.of()));
    seen.clear();
    remembering.run();

    assertThat(seen).singleElement().satisfies(remembered -> {
      assertThat(remembered).isNotSameAs(cached);
      assertThat(remembered.getMetadata().getUid()).isEqualTo("a");
      assertThat(remembered.getMetadata().getName()).isEqualTo("pool-a");
      assertThat(remembered.getSpec().getQueue()).isSameAs(cached.getSpec().getQueue());
      assertThat(remembered.getStatus()).isNull();
    });
  }

  @Test
  void aMemoryThatFailsDoesNotStopTheSweepsThatFollow() {
    List<String> calls = new ArrayList<>();
    DeletedPoolSweep failing = new DeletedPoolSweep(() -> Optional.of(List.of(pool("a"))), List.of(live -> {
      calls.add("called");
      throw new IllegalStateException("boom");
    }));

    failing.run();
    failing.run();

    assertThat(calls).hasSize(2);
  }

  private static WorkerPool pool(String uid) {
    WorkerPool pool = new WorkerPool();
    pool.setMetadata(new ObjectMetaBuilder().withNamespace("shop").withName("pool-" + uid).withUid(uid).build());
    return pool;
  }
}
