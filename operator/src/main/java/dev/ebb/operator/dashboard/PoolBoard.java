package dev.ebb.operator.dashboard;

import dev.ebb.operator.heartbeat.StaleWorkerDetector;
import dev.ebb.operator.scaler.WorkerHeartbeat;
import dev.ebb.operator.scaling.FailedMeasurement;
import dev.ebb.operator.scaling.Measurement;
import dev.ebb.operator.scaling.QueueObservation;
import dev.ebb.operator.scaling.ScalingDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Everything the dashboard keeps of one pool: its history, its decision log, its facts and its latest poll. */
final class PoolBoard {

  private static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(60);

  private final PoolKey key;
  private final PoolHistory history = new PoolHistory();
  private final DecisionLog decisions = new DecisionLog();
  private volatile PoolFacts facts;
  private volatile Poll poll;
  private volatile int desired = -1;

  PoolBoard(PoolKey key) {
    this.key = key;
  }

  void observed(Instant at, Measurement measurement, List<WorkerHeartbeat> workers) {
    poll = new Poll(at, measurement, List.copyOf(workers));
    if (measurement instanceof QueueObservation o) {
      history.observed(at.toEpochMilli(), o.depth(), o.oldestJobAge().toMillis() / 1000.0,
          o.arrivalRate().orElse(Double.NaN), o.completionRate().orElse(Double.NaN));
    }
    PoolFacts known = facts;
    history.replicas(at.toEpochMilli(), desired,
        known == null ? -1 : known.ready().orElse(-1));
  }

  void decided(Instant at, ScalingDecision decision, int current) {
    desired = decision.desiredReplicas();
    decisions.offer(at, decision, current);
    history.replicas(at.toEpochMilli(), desired, -1);
  }

  void described(PoolFacts next) {
    facts = next;
  }

  PoolRow row() {
    Poll last = poll;
    Optional<QueueObservation> observation = last == null ? Optional.empty()
        : last.measurement instanceof QueueObservation o ? Optional.of(o) : Optional.empty();
    return new PoolRow(key, Optional.ofNullable(facts), desired < 0 ? OptionalInt.empty() : OptionalInt.of(desired),
        observation.map(o -> OptionalLong.of(o.depth())).orElse(OptionalLong.empty()),
        observation.map(QueueObservation::oldestJobAge),
        observation.flatMap(QueueObservation::processingTime),
        last != null && last.measurement instanceof FailedMeasurement f ? Optional.of(f.cause()) : Optional.empty(),
        Optional.ofNullable(last).map(Poll::at));
  }

  PoolDetail detail(Instant now) {
    Poll last = poll;
    Duration staleAfter = Optional.ofNullable(facts).map(PoolFacts::staleAfter).orElse(DEFAULT_STALE_AFTER);
    List<WorkerRow> workers = last == null ? List.of() : last.workers.stream()
        .sorted(Comparator.comparing(WorkerHeartbeat::pod).thenComparing(WorkerHeartbeat::id))
        .map(w -> new WorkerRow(w.pod().isEmpty() ? w.id() : w.pod(), w.state(), w.busy(), w.concurrency(),
            w.meanProcessingMillis(), w.lastBeat(), StaleWorkerDetector.isStale(w, staleAfter, now)))
        .toList();
    return new PoolDetail(row(), history.series(now.toEpochMilli()), decisions.newestFirst(), workers);
  }

  private record Poll(Instant at, Measurement measurement, List<WorkerHeartbeat> workers) {
  }
}
