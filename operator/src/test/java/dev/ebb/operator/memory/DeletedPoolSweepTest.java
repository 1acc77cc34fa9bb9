package dev.ebb.operator.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.api.v1alpha1.WorkerPool;
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
