package dev.ebb.operator.local;

import dev.ebb.api.v1alpha1.DurationFormat;
import dev.ebb.operator.autoscale.QueueSignals;
import dev.ebb.operator.dashboard.Dashboard;
import dev.ebb.operator.dashboard.PoolFacts;
import dev.ebb.operator.dashboard.PoolKey;
import dev.ebb.operator.heartbeat.StaleWorkerDetector;
import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaler.QueueScaler;
import dev.ebb.operator.scaler.ScalerException;
import dev.ebb.operator.scaler.WorkerHeartbeat;
import dev.ebb.operator.scaling.FailedMeasurement;
import dev.ebb.operator.scaling.Measurement;
import dev.ebb.operator.scaling.QueueObservation;
import dev.ebb.operator.scaling.ScalingDecision;
import dev.ebb.operator.scaling.ScalingPolicy;
import dev.ebb.operator.scaling.ScalingReason;
import dev.ebb.operator.scaling.ScalingSettings;
import dev.ebb.operator.scaling.ScalingState;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The control loop of the operator, with local processes as the actuator: measure the queue, decide with the same
 * {@link ScalingPolicy}, start or stop workers, print a line.
 */
final class LocalControlLoop {

  private final ScalingSettings settings;
  private final QueueScaler scaler;
  private final LocalWorkers workers;
  private final ScalingPolicy policy = new ScalingPolicy();
  private final Duration staleAfter;
  private final Clock clock;
  private final PrintWriter out;
  private final Instant start;
  private final Dashboard dashboard;
  private final PoolKey key;
  private ScalingState state = ScalingState.initial();
  private QueueReading previous;
  private int changes;
  private int most;
  private final Optional<LocalBudget> budget;

  LocalControlLoop(ScalingSettings settings, QueueScaler scaler, LocalWorkers workers, Duration staleAfter,
      Clock clock, PrintWriter out, Dashboard dashboard, PoolKey key) {
    this(settings, scaler, workers, staleAfter, clock, out, dashboard, key, Optional.empty());
  }

  LocalControlLoop(ScalingSettings settings, QueueScaler scaler, LocalWorkers workers, Duration staleAfter,
      Clock clock, PrintWriter out, Dashboard dashboard, PoolKey key, Optional<LocalBudget> budget) {
    this.budget = budget;
    this.settings = settings;
    this.scaler = scaler;
    this.workers = workers;
    this.staleAfter = staleAfter;
    this.clock = clock;
    this.out = out;
    this.start = clock.instant();
    this.dashboard = dashboard;
    this.key = key;
  }

  void printHeader() {
    out.printf(Locale.ROOT, "%6s %7s %7s %7s %7s %5s %9s %8s  %s%n",
        "time", "queue", "oldest", "in/s", "done/s", "busy", "proc", "workers", "decision");
    out.flush();
  }

  /** One turn of the loop; returns the decision taken. */
  ScalingDecision step() throws IOException {
    Measurement measurement;
    List<WorkerHeartbeat> beats = List.of();
    try {
      QueueReading reading = scaler.measure();
      measurement = QueueSignals.observe(Optional.ofNullable(previous), reading, staleAfter);
      beats = reading.workers();
      previous = reading;
    } catch (ScalerException e) {
      measurement = new FailedMeasurement(e.getMessage());
    }
    int current = workers.count();
    Instant now = clock.instant();
    ScalingDecision decision = policy.decide(settings, current, measurement, state, now);
    state = decision.nextState();
    int granted = decision.desiredReplicas();
    String note = "";
    if (budget.isPresent() && !settings.paused()) {
      double lateness = measurement instanceof QueueObservation o
          ? o.oldestJobAge().toMillis() / (double) settings.maxQueueLatency().toMillis() : 0;
      granted = budget.get().grant(settings.min(), decision.desiredReplicas(), current, lateness)
          .of(budget.get().pool());
      if (granted < decision.desiredReplicas()) {
        note = " (budget " + budget.get().line().name() + ", limit " + budget.get().line().limit() + ": "
            + granted + " of " + decision.desiredReplicas() + ")";
      }
    }
    workers.scaleTo(granted, beats);
    report(now, measurement, beats, decision, current);
    if (granted != current) {
      changes++;
    }
    most = Math.max(most, granted);
    print(measurement, decision, granted, note);
    return decision;
  }

  /** The dashboard's view of this step: the poll, the decision, and the workers running and heartbeating. */
  private void report(Instant now, Measurement measurement, List<WorkerHeartbeat> beats, ScalingDecision decision,
      int current) {
    // ready: the workers that beat in time and are running (not quiet or stopping after their SIGTERM)
    int ready = (int) beats.stream().filter(b -> !StaleWorkerDetector.isStale(b, staleAfter, now))
        .filter(b -> "running".equals(b.state())).map(WorkerHeartbeat::pod).distinct().count();
    dashboard.described(key, new PoolFacts(settings.min(), settings.max(), OptionalInt.of(workers.count()),
        OptionalInt.of(ready), conditions(decision.reason(), decision.desiredReplicas()), staleAfter));
    dashboard.observed(key, now, measurement, beats);
    dashboard.decided(key, now, decision, current);
  }

  /** The conditions the operator would report, in the dashboard's few words. */
  static String conditions(ScalingReason reason, int replicas) {
    return switch (reason) {
      case MEASUREMENT_FAILED -> "not Ready: MeasurementFailed";
      case FALLBACK -> "not Ready: MeasurementFailed, Fallback";
      case PAUSED -> "Ready, Paused";
      default -> replicas > 0 ? "Ready, Active" : "Ready";
    };
  }

  int changes() {
    return changes;
  }

  int mostWorkers() {
    return most;
  }

  private void print(Measurement measurement, ScalingDecision decision, int granted, String note) {
    long elapsed = Duration.between(start, clock.instant()).toSeconds();
    if (measurement instanceof QueueObservation o) {
      out.printf(Locale.ROOT, "%5ds %7d %7s %7s %7s %5d %9s %8d  %s%n", elapsed, o.depth(),
          DurationFormat.format(o.oldestJobAge()), rate(o.arrivalRate()), rate(o.completionRate()),
          o.runningJobs(), o.processingTime().map(DurationFormat::format).orElse("-"),
          granted, decision.reason().reason() + note);
    } else {
      out.printf(Locale.ROOT, "%5ds %s -> %d workers (%s)%n", elapsed, ((FailedMeasurement) measurement).cause(),
          granted, decision.reason().reason() + note);
    }
    out.flush();
  }

  private static String rate(java.util.OptionalDouble rate) {
    return rate.isPresent() ? String.format(Locale.ROOT, "%.1f", rate.getAsDouble()) : "-";
  }
}
