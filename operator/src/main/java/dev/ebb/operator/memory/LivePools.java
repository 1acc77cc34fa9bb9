package dev.ebb.operator.memory;

import dev.ebb.api.v1alpha1.WorkerPool;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The pools that exist now, as the operator's cache holds them: what per-pool memory may keep. */
public record LivePools(List<WorkerPool> pools) {

  public static LivePools of(Collection<WorkerPool> pools) {
    return new LivePools(List.copyOf(pools));
  }

  public Set<String> uids() {
    return pools.stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toUnmodifiableSet());
  }

  public Set<ResourceID> ids() {
    return pools.stream().map(ResourceID::fromResource).collect(Collectors.toUnmodifiableSet());
  }
}
