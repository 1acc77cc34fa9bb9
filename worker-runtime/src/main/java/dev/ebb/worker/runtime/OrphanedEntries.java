package dev.ebb.worker.runtime;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides which entries of this worker's own in-flight list to hand back: those the process does not hold, seen so in
 * two audits in a row. One sighting is not enough, because a fetch may have moved a job into the list whose reply the
 * processor has not read yet; by the next audit it is held (or acked) if it belongs to someone.
 */
final class OrphanedEntries {

  private OrphanedEntries() {
  }

  /** The unheld entries of {@code inflight}; the caller passes them as {@code suspects} to the next audit. */
  static <T> Set<T> unheld(List<T> inflight, Predicate<T> held) {
    Set<T> unheld = new LinkedHashSet<>();
    for (T entry : inflight) {
      if (!held.test(entry)) {
        unheld.add(entry);
      }
    }
    return unheld;
  }

  /** The entries to hand back: unheld now and already unheld in the previous audit. */
  static <T> Set<T> toHandBack(Set<T> unheldNow, Set<T> suspects) {
    Set<T> both = new LinkedHashSet<>(unheldNow);
    both.retainAll(suspects);
    return both;
  }
}
