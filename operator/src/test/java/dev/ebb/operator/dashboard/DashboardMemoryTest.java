package dev.ebb.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.operator.TestingClock;
import dev.ebb.operator.WorkerPools;
import dev.ebb.operator.memory.LivePools;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class DashboardMemoryTest {

  @Test
  void theSweepOfDeletedPoolsDropsTheirHistoryWithoutAPageBeingRead() {
    Dashboard dashboard = new Dashboard(new TestingClock(Instant.parse("2026-01-01T12:00:00Z")));
    for (String name : List.of("mailer", "billing", "reports")) {
      dashboard.described(new PoolKey("shop", name), new PoolFacts(1, 5, OptionalInt.empty(), OptionalInt.empty(),
          "Ready", Duration.ofSeconds(60)));
    }

    new DashboardMemory(dashboard).forgetAllBut(LivePools.of(List.of(WorkerPools.valid("shop", "billing"))));

    assertThat(dashboard.size()).isEqualTo(1);
    assertThat(dashboard.rows()).extracting(PoolRow::key).containsExactly(new PoolKey("shop", "billing"));
  }
}
