package dev.ebb.operator.heartbeat;

import dev.ebb.operator.scaler.WorkerHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides which workers to restart because their heartbeats went stale. Pure: pods, heartbeats, limits, the restarts
 * of the last minute and the time in; a verdict out.
 *
 * <p>A pod is judged only when it has published at least one heartbeat: a pod that never did is starting, or does not
 * run an Ebb worker at all (pod names are unique, so a new pod has none). It is stale when its newest heartbeat is
 * older than {@code staleAfter} or has expired; an expired heartbeat (hash gone, or the worker reclaimed by a peer)
 * still names its pod, the first part of the worker id, so a hung worker is judged whatever {@code staleAfter} is.
 * When more workers look stale at once than {@code maxStaleFraction} of the pool allows (at least one), none is
 * restarted: then the heartbeat source is the likelier fault (Kubernetes' node lifecycle controller stops evictions
 * the same way). Otherwise the stalest go first, at most {@code perMinute} a minute.
 */
public final class StaleWorkerDetector {

  private StaleWorkerDetector() {
  }

  public static StaleVerdict judge(List<WorkerPod> pods, List<WorkerHeartbeat> beats, RestartPolicy policy,
      List<Instant> recentRestarts, Instant now) {
    Map<String, WorkerHeartbeat> newest = beats.stream().filter(b -> !b.pod().isEmpty())
        .collect(Collectors.toMap(WorkerHeartbeat::pod, Function.identity(),
            (a, b) -> a.lastBeat().isAfter(b.lastBeat()) ? a : b));
    List<WorkerPod> live = pods.stream().filter(p -> !p.terminating()).toList();
    List<String> stale = live.stream()
        .filter(p -> Optional.ofNullable(newest.get(p.name())).map(b -> isStale(b, policy.staleAfter(), now))
            .orElse(false))
        .sorted(Comparator.comparing(p -> newest.get(p.name()).lastBeat()))
        .map(WorkerPod::name)
        .toList();
    if (stale.isEmpty()) {
      return StaleVerdict.NOTHING;
    }
    int allowed = policy.maxStaleFraction() <= 0 ? 0
        : Math.max(1, (int) Math.floor(policy.maxStaleFraction() * live.size()));
    if (stale.size() > allowed) {
      return new StaleVerdict(stale, List.of(), true, stale.size() + " of " + live.size()
          + " workers look stale at once, more than restartLimit.maxStaleFraction allows: restarting none, the"
          + " heartbeat source is the likelier fault");
    }
    long lastMinute = recentRestarts.stream().filter(t -> t.isAfter(now.minus(Duration.ofMinutes(1)))).count();
    int budget = (int) Math.max(0, policy.perMinute() - lastMinute);
    List<String> restart = stale.subList(0, Math.min(budget, stale.size()));
    String reason = restart.size() == stale.size()
        ? "restarting " + restart.size() + " stale worker(s)"
        : stale.size() + " stale worker(s), " + restart.size() + " restarted now (restartLimit.perMinute)";
    return new StaleVerdict(stale, List.copyOf(restart), false, reason);
  }

  /** Whether the heartbeat is expired or older than {@code staleAfter} at {@code now}. */
  public static boolean isStale(WorkerHeartbeat beat, Duration staleAfter, Instant now) {
    return beat.expired() || beat.lastBeat().plus(staleAfter).isBefore(now);
  }
}
