package dev.ebb.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrphanedEntriesTest {

  @Test
  void heldEntriesAreNeverSuspects() {
    assertThat(OrphanedEntries.unheld(List.of("a", "b", "c"), Set.of("a", "c")::contains)).containsExactly("b");
  }

  @Test
  void anEntrySeenUnheldOnceIsNotHandedBack() {
    // a fetch may have just moved it in; the processor has not registered it yet
    assertThat(OrphanedEntries.toHandBack(Set.of("b"), Set.of())).isEmpty();
  }

  @Test
  void anEntryUnheldInTwoAuditsInARowIsHandedBack() {
    assertThat(OrphanedEntries.toHandBack(Set.of("b", "c"), Set.of("b", "x"))).containsExactly("b");
  }

  @Test
  void anEntryHeldByTheSecondAuditIsKept() {
    Set<String> first = OrphanedEntries.unheld(List.of("b"), entry -> false);
    Set<String> second = OrphanedEntries.unheld(List.of("b"), entry -> true);
    assertThat(OrphanedEntries.toHandBack(second, first)).isEmpty();
  }
}
