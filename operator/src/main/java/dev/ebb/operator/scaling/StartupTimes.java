package dev.ebb.operator.scaling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a pool's pods take from creation to Ready, learned from the last {@link #KEPT} starts (by Ready time) and
 * summed up as their median: robust to the odd pod that waited for a node or an image pull, and to a pod whose Ready
 * condition flipped long after it started (its "start" looks long; one such pod does not move a median). A pool's
 * pods are seen again at every look; a pod counts once. Pure and immutable: {@link #learn} returns the next value.
 *
 * @param starts the kept starts, oldest Ready first
 */
public record StartupTimes(List<PodStart> starts) {

  /** How many recent starts the figure is taken from. */
  public static final int KEPT = 10;

  public StartupTimes {
    starts = List.copyOf(starts);
  }

  public static StartupTimes none() {
    return new StartupTimes(List.of());
  }

  /** These starts added to the known ones (a pod already known is not counted again), the last {@link #KEPT} kept. */
  public StartupTimes learn(Collection<PodStart> seen) {
    List<PodStart> all = new ArrayList<>(starts);
    for (PodStart start : seen) {
      if (all.stream().noneMatch(known -> known.pod().equals(start.pod()))) {
        all.add(start);
      }
    }
    if (all.size() == starts.size()) {
      return this;
    }
    all.sort(Comparator.comparing(PodStart::ready).thenComparing(PodStart::pod));
    return new StartupTimes(all.subList(Math.max(0, all.size() - KEPT), all.size()));
  }

  /** The median start of the kept ones (the higher middle one of an even count); empty before any pod started. */
  public Optional<Duration> typical() {
    if (starts.isEmpty()) {
      return Optional.empty();
    }
    List<Duration> took = starts.stream().map(PodStart::took).sorted().toList();
    return Optional.of(took.get(took.size() / 2));
  }
}
