package dev.ebb.operator.dashboard;

import dev.ebb.operator.memory.LivePools;
import dev.ebb.operator.memory.PerPoolMemory;
import java.util.stream.Collectors;

/** The dashboard's part in the operator's sweep of deleted pools: their history goes even when no page is read. */
public final class DashboardMemory implements PerPoolMemory {

  private final Dashboard dashboard;

  public DashboardMemory(Dashboard dashboard) {
    this.dashboard = dashboard;
  }

  @Override
  public void forgetAllBut(LivePools live) {
    dashboard.keepOnly(live.pools().stream().map(WorkerPoolFacts::key).collect(Collectors.toUnmodifiableSet()));
  }
}
